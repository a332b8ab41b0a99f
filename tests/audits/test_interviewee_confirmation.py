"""Confirmation per interviewee (issue 17: "one linked interviewee confirming marks the whole
record confirmed, though the other never did"). Each linked interviewee confirms for themselves;
the audit team records the confirmation of an unlinked one with its day (not in the future, not
before the interview) and how it came in. The record is confirmed when the last one confirmed."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from audits.constants import InterviewAction
from audits.services.confirmations import (
    interview_answer_by_interviewee,
    interviewee_confirmation_record,
)
from tests.factories import InterviewFactory, UserFactory
from uwvkms.models import AuditEvent

HELD_ON = datetime.date(2025, 9, 15)


@pytest.fixture
def linked(db, uitkeren):
    return UserFactory(
        username="jansen", first_name="Jan", last_name="Jansen", business_unit=uitkeren
    )


@pytest.fixture
def second(db, uitkeren):
    return UserFactory(
        username="devries", first_name="Eva", last_name="de Vries", business_unit=uitkeren
    )


@pytest.fixture
def waiting(cycle, uitkeren, auditor, linked, second):
    """Two linked interviewees and one without an account."""
    return InterviewFactory(
        cycle=cycle,
        unit=uitkeren,
        created_by=auditor,
        held_on=HELD_ON,
        ter_bevestiging=True,
        interviewees=[
            ("Jan Jansen", "Teamleider", linked),
            ("Eva de Vries", "Adviseur", second),
            ("Piet Bakker", "Medewerker"),
        ],
    )


def people(interview):
    return {p.name: p for p in interview.interviewees.all()}


def confirm_self(interview, user):
    interview.refresh_from_db()
    return interview_answer_by_interviewee(
        actor=user,
        interview=interview,
        action=InterviewAction.CONFIRM,
        expected_version=interview.version,
    )


def record(actor, interview, name, *, on=HELD_ON, via="email"):
    return interviewee_confirmation_record(
        actor=actor,
        interview=interview,
        interviewee=people(interview)[name],
        confirmed_on=on,
        confirmed_via=via,
    )


def test_the_record_is_confirmed_only_when_everyone_confirmed(waiting, auditor, linked, second):
    confirm_self(waiting, linked)
    waiting.refresh_from_db()
    assert waiting.status == "ter_bevestiging"
    record(auditor, waiting, "Piet Bakker", via="telefonisch")
    waiting.refresh_from_db()
    assert waiting.status == "ter_bevestiging"  # Eva de Vries has not confirmed
    confirm_self(waiting, second)
    waiting.refresh_from_db()
    assert waiting.status == "bevestigd"
    assert waiting.confirmed_by == "Jan Jansen, Eva de Vries, Piet Bakker"
    piet = people(waiting)["Piet Bakker"]
    assert (piet.confirmed_on, piet.confirmed_via, piet.confirmation_recorded_by) == (
        HELD_ON,
        "telefonisch",
        auditor,
    )
    events = list(AuditEvent.objects.filter(event="audits.interviewee.confirmed").order_by("id"))
    assert [e.actor for e in events] == [linked, auditor, second]
    assert events[1].changes == {"confirmed.Piet Bakker": [None, "15 september 2025, telefonisch"]}
    assert events[2].changes["status"] == ["ter_bevestiging", "bevestigd"]


@pytest.mark.parametrize(
    ("name", "on", "via", "message"),
    [
        ("Jan Jansen", HELD_ON, "email", "bevestigt het verslag zelf in de app"),
        ("Piet Bakker", HELD_ON - datetime.timedelta(days=1), "email", "Kies een datum op of na"),
        ("Piet Bakker", "tomorrow", "email", "Kies een datum van vandaag"),
        ("Piet Bakker", HELD_ON, "app", "Kies hoe de bevestiging binnenkwam."),
        ("Piet Bakker", HELD_ON, "eerder", "Kies hoe de bevestiging binnenkwam."),
    ],
)
def test_an_implausible_or_wrong_confirmation_is_refused(waiting, auditor, name, on, via, message):
    if on == "tomorrow":
        on = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        record(auditor, waiting, name, on=on, via=via)
    assert message in " ".join(refused.value.messages)
    assert not any(p.has_confirmed for p in waiting.interviewees.all())
    assert not AuditEvent.objects.filter(event="audits.interviewee.confirmed").exists()


def test_a_confirmation_is_recorded_once(waiting, auditor):
    record(auditor, waiting, "Piet Bakker")
    with pytest.raises(ValidationError, match="heeft dit verslag al bevestigd"):
        record(auditor, waiting, "Piet Bakker")


@pytest.mark.parametrize("trait", ["concept", "correctie_gevraagd", "bevestigd"])
def test_only_a_record_sent_for_confirmation(cycle, uitkeren, auditor, trait):
    traits = {} if trait == "concept" else {trait: True}
    interview = InterviewFactory(
        cycle=cycle, unit=uitkeren, created_by=auditor, held_on=HELD_ON, **traits
    )
    with pytest.raises(ValidationError, match="een bevestiging wordt vastgelegd als het ter"):
        record(auditor, interview, "Jan Jansen")


@pytest.mark.parametrize("persona", ["other_auditor", "coordinator", "unit_board", "outsider"])
def test_only_the_audit_team_records(request, waiting, persona):
    with pytest.raises(PermissionDenied):
        record(request.getfixturevalue(persona), waiting, "Piet Bakker")


def test_an_interview_of_another_record_is_refused(waiting, cycle, uitkeren, auditor):
    other = InterviewFactory(cycle=cycle, unit=uitkeren, held_on=HELD_ON, ter_bevestiging=True)
    with pytest.raises(ValidationError, match="Kies een geïnterviewde van dit interview."):
        interviewee_confirmation_record(
            actor=auditor,
            interview=waiting,
            interviewee=other.interviewees.get(),
            confirmed_on=HELD_ON,
            confirmed_via="email",
        )


# --- The pages, per role ----------------------------------------------------------------------


def post_record(client, interview, name, **data):
    url = reverse("audits:interviewee_confirmation", args=[interview.cycle.year, interview.pk])
    return client.post(
        url,
        {
            "interviewee": people(interview)[name].pk,
            "confirmed_on": "2025-09-16",
            "confirmed_via": "persoonlijk",
        }
        | data,
    )


def test_the_team_page_offers_only_the_unlinked_and_keeps_what_was_typed(client, auditor, waiting):
    client.force_login(auditor)
    page = client.get(waiting.get_absolute_url())
    form = page.context["confirmation_form"]
    assert [label for _pk, label in form.fields["interviewee"].choices][1:] == [
        "Piet Bakker (Medewerker)"
    ]
    content = page.content.decode()
    assert content.count("wacht op de eigen bevestiging in de app") == 2
    refused = post_record(client, waiting, "Piet Bakker", confirmed_on="2025-09-14")
    assert refused.status_code == 400
    content = refused.content.decode()
    assert "Kies een datum op of na de dag van het interview (15 september 2025)." in content
    assert 'value="2025-09-14"' in content  # the typed date is given back
    assert post_record(client, waiting, "Piet Bakker").status_code == 302
    after = client.get(waiting.get_absolute_url())
    assert after.context["confirmation_form"] is None  # nobody left to record
    content = after.content.decode()
    assert "bevestigd op 16 september 2025 (persoonlijk)" in content
    assert "bevestiging van Piet Bakker" in content  # the history names whose confirmation


@pytest.mark.parametrize("persona", ["other_auditor", "coordinator", "unit_board", "outsider"])
def test_the_record_is_refused_to_anyone_else(client, request, waiting, persona):
    client.force_login(request.getfixturevalue(persona))
    assert post_record(client, waiting, "Piet Bakker").status_code == 403
    assert not any(p.has_confirmed for p in waiting.interviewees.all())


def test_the_linked_interviewee_cannot_record_for_another(client, linked, waiting):
    client.force_login(linked)
    assert post_record(client, waiting, "Piet Bakker").status_code == 403
    # On their own page they answer for themselves only.
    page = client.get(reverse("audits:confirmation_detail", args=[waiting.pk]))
    assert page.status_code == 200
    assert "U bevestigt alleen voor uzelf" in page.content.decode()


def test_a_linked_interviewee_who_confirmed_has_no_badge_while_the_other_still_has(
    client, waiting, linked, second
):
    confirm_self(waiting, linked)
    client.force_login(linked)
    home = client.get(reverse("home")).content.decode()
    assert "Ter bevestiging (" not in home
    page = client.get(reverse("audits:confirmation_detail", args=[waiting.pk])).content.decode()
    assert ">Bevestigen</button>" not in page
    assert "U hebt dit verslag bevestigd op" in page
    client.force_login(second)
    assert "Ter bevestiging (1)" in client.get(reverse("home")).content.decode()


def test_the_team_records_for_a_linked_interviewee_whose_account_is_switched_off(
    client, waiting, auditor, linked, second
):
    """They can no longer log in, nor are they asked: their confirmation comes in another way
    and the team records it (the record would otherwise wait for good)."""
    with pytest.raises(ValidationError, match="bevestigt het verslag zelf in de app"):
        record(auditor, waiting, "Jan Jansen")
    linked.is_active = False
    linked.save(update_fields=["is_active"])
    client.force_login(auditor)
    page = client.get(waiting.get_absolute_url())
    choices = [
        str(label) for _pk, label in page.context["confirmation_form"].fields["interviewee"].choices
    ]
    assert any("Jan Jansen" in c for c in choices)
    assert not any("Eva de Vries" in c for c in choices)
    record(auditor, waiting, "Jan Jansen")
    assert people(waiting)["Jan Jansen"].confirmed_via == "email"


def test_a_concept_is_not_shown_to_a_linked_interviewee(client, cycle, uitkeren, auditor, linked):
    """The team's draft (never sent, or taken back) is not theirs to read."""
    draft = InterviewFactory(
        cycle=cycle,
        unit=uitkeren,
        created_by=auditor,
        held_on=HELD_ON,
        interviewees=[("Jan Jansen", "Teamleider", linked)],
    )
    client.force_login(linked)
    response = client.get(reverse("audits:confirmation_detail", args=[draft.pk]))
    assert response.status_code == 404
