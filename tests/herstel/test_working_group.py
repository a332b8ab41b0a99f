"""The working group (DOMAIN.md §6, step 1): members with their role (a member who is a user reads
the action), the fixed contact persons who stay in it, the interest groups consulted; and the
configurable list of fixed contact persons, kept by the Beheerder and SBK's advisers."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from herstel.constants import Directorate
from herstel.models import ContactPoint, InterestGroupConsultation, WorkingGroupMember
from herstel.services.working_group import (
    contact_point_create,
    working_group_member_add,
    working_group_member_remove,
)
from tests.factories import UserFactory
from tests.herstel.flow import start
from uwvkms.models import AuditEvent


def test_a_member_added_as_user_reads_the_action(client, adviser, action, fez):
    colleague = UserFactory(username="collega", business_unit=fez)
    client.force_login(colleague)
    assert client.get(action.get_absolute_url()).status_code == 404
    client.force_login(adviser)
    response = client.post(
        reverse("herstel:member_add", args=[action.pk]),
        {"lid-user": colleague.pk, "lid-directorate": "fez", "lid-role": "Financieel adviseur"},
    )
    assert response.status_code == 302
    member = WorkingGroupMember.objects.get(user=colleague)
    assert (member.name, member.role, member.directorate) == (
        str(colleague),
        "Financieel adviseur",
        "fez",
    )
    client.force_login(colleague)
    assert client.get(action.get_absolute_url()).status_code == 200
    assert client.get(reverse("herstel:list")).status_code == 200
    event = AuditEvent.objects.get(event="herstel.member.added")
    assert event.changes == {"member": [None, f"{colleague} (Financieel adviseur)"]}


def test_a_member_without_account_and_the_refusals(client, adviser, action, wg_member):
    client.force_login(adviser)
    url = reverse("herstel:member_add", args=[action.pk])
    no_name = client.post(url, {"lid-role": "Jurist"})
    assert no_name.status_code == 400
    assert no_name.context["member_form"].errors["name"] == [
        "Kies een gebruiker of vul een naam in."
    ]
    twice = client.post(url, {"lid-user": wg_member.pk, "lid-role": "Nogmaals"})
    assert twice.context["member_form"].errors["user"] == [f"{wg_member} zit al in de werkgroep."]
    assert (
        client.post(url, {"lid-name": "Mr. J. Jurist", "lid-role": "Jurist JKC"}).status_code == 302
    )
    assert WorkingGroupMember.objects.filter(name="Mr. J. Jurist", user=None).exists()


def test_removing_a_member_but_never_a_fixed_contact_person(adviser, wg_user, db):
    point = ContactPoint.objects.create(directorate=Directorate.SMZ, name="Sanne SMZ")
    action = start(adviser)
    contact = WorkingGroupMember.objects.get(contact_point=point)
    with pytest.raises(ValidationError, match="vaste contactpersoon en blijft in de werkgroep"):
        working_group_member_remove(actor=adviser, member=contact)
    member = working_group_member_add(
        actor=adviser, herstelactie=action, user=wg_user, role="Meelezer"
    )
    working_group_member_remove(actor=adviser, member=member)
    assert not WorkingGroupMember.objects.filter(user=wg_user).exists()
    removed = AuditEvent.objects.get(event="herstel.member.removed")
    assert removed.changes == {"member": [f"{wg_user} (Meelezer)", None]}


def test_only_the_lead_advisers_change_the_working_group(
    client, action, dt_member, board_member, sbk_adviser, wg_member
):
    for user in (dt_member, board_member, sbk_adviser, wg_member):
        with pytest.raises(PermissionDenied):
            working_group_member_add(actor=user, herstelactie=action, name="X", role="Y")
        client.force_login(user)
        assert (
            client.post(
                reverse("herstel:member_add", args=[action.pk]),
                {"lid-name": "X", "lid-role": "Y"},
            ).status_code
            == 403
        )


def test_consulted_interest_groups(client, adviser, action):
    client.force_login(adviser)
    response = client.post(
        reverse("herstel:consultation_add", args=[action.pk]),
        {
            "raadpleging-kind": "clientenraad",
            "raadpleging-name": "Landelijke Cliëntenraad",
            "raadpleging-consulted_on": "2025-02-12",
            "raadpleging-outcome": "Steunt ambtshalve herstel; vraagt een heldere brief.",
        },
    )
    assert response.status_code == 302
    consultation = InterestGroupConsultation.objects.get()
    assert (consultation.kind, consultation.consulted_on, consultation.recorded_by) == (
        "clientenraad",
        datetime.date(2025, 2, 12),
        adviser,
    )
    page = client.get(reverse("herstel:working_group", args=[action.pk])).content.decode()
    assert "Landelijke Cliëntenraad" in page and "Steunt ambtshalve herstel" in page


# --- The list of fixed contact persons ---------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("beheerder", 200),
        ("sbk_adviser", 200),
        ("adviser", 403),
        ("dt_member", 403),
        ("board_member", 403),
        ("coordinator", 403),
        ("outsider", 403),
    ],
)
def test_who_keeps_the_contact_persons(db, client, request, persona, status):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("herstel:contact_points")).status_code == status
    response = client.post(
        reverse("herstel:contact_points"), {"directorate": "wb", "name": "Willem WB"}
    )
    assert response.status_code == (302 if status == 200 else 403)
    assert ContactPoint.objects.filter(name="Willem WB").exists() == (status == 200)


def test_keeping_the_list(client, beheerder, adviser):
    client.force_login(beheerder)
    page = client.get(reverse("herstel:contact_points"))
    assert [g.directorate.label for g in page.context["directorates"]] == [
        "Uitkeren",
        "DHH",
        "SMZ",
        "WB",
        "JKC",
        "FEZ",
        "SBK",
        "K&S",
        "Communicatie",
    ]
    assert "Nog geen contactpersoon" in page.content.decode()
    client.post(reverse("herstel:contact_points"), {"directorate": "jkc", "name": "Jet JKC"})
    point = ContactPoint.objects.get()
    client.post(
        reverse("herstel:contact_point_edit", args=[point.pk]),
        {"directorate": "jkc", "name": "Jet de Jurist", "email": "jet@example.invalid"},
    )
    point.refresh_from_db()
    assert (point.name, point.email) == ("Jet de Jurist", "jet@example.invalid")
    client.post(reverse("herstel:contact_point_set_active", args=[point.pk]), {"is_active": "0"})
    point.refresh_from_db()
    assert not point.is_active
    assert list(
        AuditEvent.objects.filter(object_type="herstel.contactpoint")
        .values_list("event", flat=True)
        .order_by("id")
    ) == [
        "herstel.contact_point.created",
        "herstel.contact_point.updated",
        "herstel.contact_point.deactivated",
    ]
    # An inactive contact person is no longer informed of new actions.
    action = start(adviser)
    assert not WorkingGroupMember.objects.filter(herstelactie=action, contact_point=point).exists()


def test_a_contact_point_needs_a_name_or_user(beheerder):
    with pytest.raises(ValidationError, match="Kies een gebruiker of vul een naam in"):
        contact_point_create(actor=beheerder, directorate="wb", name=" ")
