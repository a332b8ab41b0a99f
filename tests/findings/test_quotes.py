"""Short quotes from confirmed interviews of the unit itself, attributed in the report to the
unit's report ("Uit het rapport van Uitkeren"), never to the person who said it."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from findings.models import Quote
from findings.services import quote_create, quote_delete, quote_update
from tests.factories import InterviewFactory
from tests.findings.unit_reporting import agree, confirmed_interview, klant
from uwvkms.models import AuditEvent


def create_url(cycle, unit):
    return reverse("findings:quote_create", args=[cycle.year, unit.id])


def test_auditor_quotes_a_confirmed_interview(client, auditor, cycle, uitkeren):
    interview = confirmed_interview(cycle, uitkeren)
    client.force_login(auditor)
    response = client.post(
        create_url(cycle, uitkeren),
        {
            "principle": klant().pk,
            "interview": interview.pk,
            "text": "We zien nu eindelijk wat de klant merkt.",
            "version": 0,
        },
    )
    assert response.status_code == 302
    quote = Quote.objects.get()
    assert (quote.interview, quote.unit, quote.principle) == (interview, uitkeren, klant())
    event = AuditEvent.objects.get(event="findings.quote.created")
    assert event.changes["interview"][1] == f"15-9-2031 · {interview.location.name}"
    assert "Petra Geheim" not in str(event.changes)


def test_form_offers_only_confirmed_interviews_of_the_unit_by_date_and_place(
    client, auditor, cycle, uitkeren, communicatie
):
    confirmed = confirmed_interview(cycle, uitkeren)
    InterviewFactory(cycle=cycle, unit=uitkeren, ter_bevestiging=True)
    confirmed_interview(cycle, communicatie)
    client.force_login(auditor)
    page = client.get(create_url(cycle, uitkeren))
    field = page.context["form"].fields["interview"]
    assert list(field.queryset) == [confirmed]
    html = page.content.decode()
    assert confirmed.location.name in html
    assert "Petra Geheim" not in html  # interviewees are never named


def test_without_confirmed_interviews_the_page_says_so(client, auditor, cycle, uitkeren):
    client.force_login(auditor)
    html = client.get(create_url(cycle, uitkeren)).content.decode()
    assert "Er is nog geen bevestigd interview bij Uitkeren" in html


@pytest.mark.parametrize("kind", ["unconfirmed", "other_unit"])
def test_quote_from_another_interview_is_refused(
    client, auditor, cycle, uitkeren, communicatie, kind
):
    if kind == "unconfirmed":
        interview = InterviewFactory(cycle=cycle, unit=uitkeren, ter_bevestiging=True)
    else:
        interview = confirmed_interview(cycle, communicatie)
    with pytest.raises(ValidationError, match="bevestigd interview bij Uitkeren"):
        quote_create(
            actor=auditor,
            cycle=cycle,
            unit=uitkeren,
            principle=klant(),
            interview=interview,
            text="Mag niet.",
        )
    client.force_login(auditor)
    response = client.post(
        create_url(cycle, uitkeren),
        {"principle": klant().pk, "interview": interview.pk, "text": "Mag niet.", "version": 0},
    )
    assert response.status_code == 400
    assert not Quote.objects.exists()


def test_quote_is_short(client, auditor, cycle, uitkeren):
    interview = confirmed_interview(cycle, uitkeren)
    client.force_login(auditor)
    response = client.post(
        create_url(cycle, uitkeren),
        {"principle": klant().pk, "interview": interview.pk, "text": "x" * 401, "version": 0},
    )
    assert response.status_code == 400
    assert not Quote.objects.exists()


def test_edit_and_delete_are_recorded_with_locking(auditor, coordinator, cycle, uitkeren):
    first = confirmed_interview(cycle, uitkeren)
    second = confirmed_interview(cycle, uitkeren)
    quote = quote_create(
        actor=auditor, cycle=cycle, unit=uitkeren, principle=klant(), interview=first, text="Een."
    )
    quote = quote_update(
        actor=auditor,
        quote=quote,
        expected_version=1,
        principle=klant(),
        interview=second,
        text="Twee.",
    )
    assert quote.version == 2
    changes = AuditEvent.objects.get(event="findings.quote.updated").changes
    assert changes["text"] == ["Een.", "Twee."]
    assert changes["interview"][1].endswith(second.location.name)
    with pytest.raises(ValidationError):
        quote_delete(actor=auditor, quote=quote, expected_version=1)
    quote_delete(actor=auditor, quote=quote, expected_version=2)
    assert AuditEvent.objects.get(event="findings.quote.deleted").changes["text"] == [
        "Twee.",
        None,
    ]


def test_report_attributes_the_quote_to_the_unit_never_to_a_person(
    client, auditor, coordinator, cycle, uitkeren
):
    interview = confirmed_interview(cycle, uitkeren)
    quote_create(
        actor=auditor,
        cycle=cycle,
        unit=uitkeren,
        principle=klant(),
        interview=interview,
        text="We leren van elkaar.",
    )
    client.force_login(coordinator)
    html = client.get(reverse("findings:unit_report", args=[cycle.year, uitkeren.id])).content
    html = html.decode()
    assert "We leren van elkaar." in html
    assert "Uit het rapport van Uitkeren" in html
    assert "Petra Geheim" not in html
    assert "Teamleider" not in html


def test_quotes_are_fixed_once_agreed(auditor, coordinator, cycle, uitkeren):
    interview = confirmed_interview(cycle, uitkeren)
    agree(coordinator, cycle, uitkeren)
    with pytest.raises(ValidationError, match="liggen vast"):
        quote_create(
            actor=auditor,
            cycle=cycle,
            unit=uitkeren,
            principle=klant(),
            interview=interview,
            text="Te laat.",
        )


@pytest.mark.parametrize("persona", ["coordinator", "other_auditor", "unit_board", "outsider"])
def test_only_the_units_auditors_write_quotes(client, request, persona, cycle, uitkeren):
    interview = confirmed_interview(cycle, uitkeren)
    client.force_login(request.getfixturevalue(persona))
    data = {"principle": klant().pk, "interview": interview.pk, "text": "x", "version": 0}
    assert client.post(create_url(cycle, uitkeren), data).status_code == 403
    assert not Quote.objects.exists()
