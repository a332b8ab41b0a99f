"""Starting a herstelactie (DOMAIN.md §6, step 1): any Herstel-adviseur, lead division chosen
(their own by default); the fixed contact persons are informed and form the working group with
the adviser; the advice starts empty with the five criteria open."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from herstel.constants import Criterion, Directorate, Step
from herstel.models import ContactPoint, Herstelactie, WorkingGroupMember
from herstel.services.actions import herstelactie_start
from tests.herstel.flow import start
from uwvkms.models import AuditEvent


@pytest.fixture
def contact_points(db, wg_user):
    return [
        ContactPoint.objects.create(directorate=Directorate.UITKEREN, name="Ans Uitkeren"),
        ContactPoint.objects.create(
            directorate=Directorate.FEZ, name="Wim Werkgroep", user=wg_user
        ),
        ContactPoint.objects.create(directorate=Directorate.SBK, name="Oud", is_active=False),
    ]


def test_an_adviser_starts_an_action_through_the_page(client, adviser, uitkeren, handhaving):
    client.force_login(adviser)
    page = client.get(reverse("herstel:start"))
    assert page.status_code == 200
    assert page.context["form"]["lead_unit"].value() == uitkeren.pk  # their own unit by default
    response = client.post(
        reverse("herstel:start"),
        {
            "title": "Te veel teruggevorderd bij samenloop",
            "what_went_wrong": "Bij samenloop van twee uitkeringen werd dubbel verrekend.",
            "wrong_since": "2024-05-01",
            "lead_unit": handhaving.pk,
            "estimated_clients": "340",
            "estimated_dossiers": "",
            "estimated_amount": "125000,50",
        },
    )
    action = Herstelactie.objects.get()
    assert response.status_code == 302
    assert response["Location"] == action.get_absolute_url()
    assert (action.lead_unit, action.step, action.version) == (handhaving, Step.STAP_1, 1)
    assert action.estimated_amount == Decimal("125000.50")
    assert action.estimated_dossiers is None
    assert sorted(c.criterion for c in action.advice.criteria.all()) == sorted(Criterion.values)
    assert all(c.value is None for c in action.advice.criteria.all())
    # The adviser chose another unit as lead: they stay in the working group and keep reading.
    assert client.get(action.get_absolute_url()).status_code == 200


def test_starting_informs_the_active_contact_persons_and_forms_the_working_group(
    adviser, contact_points, wg_user
):
    action = start(adviser)
    members = {m.name: m for m in WorkingGroupMember.objects.filter(herstelactie=action)}
    assert set(members) == {"Ans Uitkeren", "Wim Werkgroep", str(adviser)}
    today = datetime.date.today()
    assert members["Ans Uitkeren"].informed_on == today
    assert members["Ans Uitkeren"].role == "Vaste contactpersoon Uitkeren"
    assert members["Wim Werkgroep"].user == wg_user  # a linked contact person reads along
    assert members[str(adviser)].informed_on is None
    assert members[str(adviser)].role == "Adviseur, startte de herstelactie"
    formed = AuditEvent.objects.get(event="herstel.working_group.formed")
    assert formed.changes["informed"][1] == ["Ans Uitkeren (Uitkeren)", "Wim Werkgroep (FEZ)"]
    started = AuditEvent.objects.get(event="herstel.action.started")
    assert started.actor == adviser
    assert started.changes["title"] == [None, action.title]


@pytest.mark.parametrize("persona", ["dt_member", "board_member", "sbk_adviser", "outsider"])
def test_only_advisers_start(client, request, persona, uitkeren, sbk):
    user = request.getfixturevalue(persona)
    if persona == "sbk_adviser":  # SBK's advisers are Herstel-advisers too: they may start
        assert client.get(reverse("herstel:start")).status_code == 302  # (not logged in yet)
        client.force_login(user)
        assert client.get(reverse("herstel:start")).status_code == 200
        return
    client.force_login(user)
    assert client.get(reverse("herstel:start")).status_code == 403
    assert client.post(reverse("herstel:start"), {"title": "x"}).status_code == 403
    with pytest.raises(PermissionDenied):
        start(user) if user.business_unit else herstelactie_start(
            actor=user,
            title="x",
            what_went_wrong="x",
            wrong_since=datetime.date(2024, 1, 1),
            lead_unit=uitkeren,
        )
    assert not Herstelactie.objects.exists()


def test_the_start_form_refuses_in_dutch(client, adviser, uitkeren):
    client.force_login(adviser)
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    response = client.post(
        reverse("herstel:start"),
        {
            "title": "",
            "what_went_wrong": "x",
            "wrong_since": tomorrow.isoformat(),
            "lead_unit": uitkeren.pk,
            "estimated_amount": "-5",
        },
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors["title"] == ["Dit veld is verplicht."]
    assert form.errors["estimated_amount"] == ["Zorg ervoor dat deze waarde minstens 0 is."]
    assert not Herstelactie.objects.exists()
    with pytest.raises(ValidationError) as refused:
        start(adviser, wrong_since=tomorrow)
    [message] = refused.value.message_dict["wrong_since"]
    assert message.startswith("Kies een datum van vandaag")


def test_a_negative_amount_is_refused_by_the_database_too(adviser):
    with pytest.raises(ValidationError, match="Een bedrag is nul of meer"):
        start(adviser, estimated_amount=Decimal("-1"))


def test_the_facts_change_and_every_change_is_kept(client, adviser, action):
    client.force_login(adviser)
    url = reverse("herstel:edit", args=[action.pk])
    response = client.post(
        url,
        {
            "title": action.title,
            "what_went_wrong": action.what_went_wrong,
            "wrong_since": "2023-11-01",
            "estimated_clients": "1450",
            "estimated_dossiers": "1350",
            "estimated_amount": "2400000,00",
            "version": action.version,
        },
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.estimated_clients, action.estimated_amount) == (1450, Decimal("2400000.00"))
    event = AuditEvent.objects.get(event="herstel.action.updated")
    assert event.actor == adviser
    assert event.changes == {
        "wrong_since": ["2024-01-01", "2023-11-01"],
        "estimated_clients": [1200, 1450],
        "estimated_amount": [None, "2400000.00"],
    }


def test_the_lead_moves_to_another_division_with_a_reason(
    client, adviser, action, handhaving, other_adviser
):
    client.force_login(other_adviser)
    assert client.get(action.get_absolute_url()).status_code == 404
    client.force_login(adviser)
    url = reverse("herstel:lead", args=[action.pk])
    no_reason = client.post(url, {"lead_unit": handhaving.pk, "version": action.version})
    assert no_reason.status_code == 400
    assert no_reason.context["form"].errors["reason"] == ["Dit veld is verplicht."]
    response = client.post(
        url,
        {
            "lead_unit": handhaving.pk,
            "reason": "Het zwaartepunt ligt bij de controles van Handhaving.",
            "version": action.version,
        },
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.lead_unit == handhaving
    event = AuditEvent.objects.get(event="herstel.action.lead_unit_changed")
    assert event.changes == {"lead_unit": ["Uitkeren", "Handhaving"]}
    assert event.reason == "Het zwaartepunt ligt bij de controles van Handhaving."
    # The new lead's advisers edit; the old adviser still reads, as a working-group member.
    client.force_login(other_adviser)
    assert client.get(reverse("herstel:edit", args=[action.pk])).status_code == 200
    client.force_login(adviser)
    assert client.get(action.get_absolute_url()).status_code == 200
    assert client.get(reverse("herstel:edit", args=[action.pk])).status_code == 403
