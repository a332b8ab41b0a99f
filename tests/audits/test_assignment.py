"""Assigning auditors to units: cross-auditing only, by the coordination team only."""

import pytest
from django.urls import reverse

from audits.models import Assignment, AuditCycle
from tests.factories import BusinessUnitFactory, UserFactory
from uwvkms.constants import Role
from uwvkms.models import AuditEvent


def assign(client, cycle, unit, auditor, is_lead=False):
    data = {"unit": unit.pk, "auditor": auditor.pk}
    if is_lead:
        data["is_lead"] = "on"
    return client.post(reverse("audits:assignment_create", args=[cycle.year]), data)


def test_coordinator_assigns_auditor_to_another_unit(
    client, coordinator, cycle, other_auditor, uitkeren
):
    client.force_login(coordinator)
    response = assign(client, cycle, uitkeren, other_auditor)
    assert response.status_code == 302
    assignment = Assignment.objects.get(cycle=cycle, unit=uitkeren, auditor=other_auditor)
    assert assignment.assigned_by == coordinator
    assert AuditEvent.objects.filter(
        event="audits.assignment.created", object_id=str(assignment.pk)
    ).exists()


def test_assigning_an_auditor_to_their_own_unit_is_refused(
    client, coordinator, cycle, other_auditor, communicatie
):
    client.force_login(coordinator)
    before = Assignment.objects.count()
    response = assign(client, cycle, communicatie, other_auditor)
    assert response.status_code == 400
    errors = " ".join(response.context["form"].errors["auditor"])
    assert "hoort zelf bij Communicatie" in errors
    assert "kruislings" in errors
    assert "kruislings" in response.content.decode()
    assert Assignment.objects.count() == before


def test_only_auditors_can_be_assigned(client, coordinator, cycle, uitkeren, board_member):
    client.force_login(coordinator)
    response = assign(client, cycle, uitkeren, board_member)
    assert response.status_code == 400
    assert not Assignment.objects.filter(auditor=board_member).exists()


def test_the_same_auditor_twice_is_refused(client, coordinator, cycle, auditor, uitkeren):
    client.force_login(coordinator)
    response = assign(client, cycle, uitkeren, auditor)
    assert response.status_code == 400
    assert "al aan dit onderdeel toegewezen" in " ".join(response.context["form"].errors["auditor"])
    assert Assignment.objects.filter(cycle=cycle, unit=uitkeren, auditor=auditor).count() == 1


def test_a_new_lead_replaces_the_previous_one(
    client, coordinator, cycle, auditor, other_auditor, uitkeren
):
    client.force_login(coordinator)
    response = assign(client, cycle, uitkeren, other_auditor, is_lead=True)
    page = client.get(response.url).content.decode()
    assert f"is nu lead van Uitkeren in plaats van {auditor}" in page  # never silent
    leads = Assignment.objects.filter(cycle=cycle, unit=uitkeren, is_lead=True)
    assert [a.auditor for a in leads] == [other_auditor]
    assert AuditEvent.objects.filter(
        event="audits.assignment.lead_changed", changes={"is_lead": [True, False]}
    ).exists()


@pytest.mark.parametrize("persona", ["auditor", "board_member", "unit_board", "outsider"])
def test_only_coordinators_assign(client, request, persona, cycle, other_auditor, uitkeren):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("audits:cycle_detail", args=[cycle.year])).status_code == 403
    assert assign(client, cycle, uitkeren, other_auditor).status_code == 403
    assert not Assignment.objects.filter(auditor=other_auditor).exists()


def test_unknown_cycle_is_404(client, coordinator, db):
    client.force_login(coordinator)
    assert client.get(reverse("audits:cycle_detail", args=[1999])).status_code == 404


def test_cycle_page_queries_do_not_grow_with_units(
    client, coordinator, cycle, fez, django_assert_max_num_queries
):
    client.force_login(coordinator)
    client.get(reverse("audits:cycle_detail", args=[cycle.year]))  # warm the session
    # 16, and up to three for the previous cycle's lessons (issue 21 §6): here only the look-up
    # of a previous cycle, as there is none.
    with django_assert_max_num_queries(17) as small:
        client.get(reverse("audits:cycle_detail", args=[cycle.year]))
    for _ in range(12):
        unit = BusinessUnitFactory()
        auditor = UserFactory(business_unit=fez, roles=[Role.TOETSER])
        Assignment.objects.create(
            cycle=cycle, unit=unit, auditor=auditor, assigned_by=coordinator, is_lead=True
        )
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(reverse("audits:cycle_detail", args=[cycle.year]))
    assert len(response.context["units"]) == 15


def test_teams_are_fixed_once_fieldwork_is_over(
    client, coordinator, cycle, other_auditor, uitkeren
):
    AuditCycle.objects.filter(pk=cycle.pk).update(status="kalibratie")
    client.force_login(coordinator)
    response = assign(client, cycle, uitkeren, other_auditor)
    assert response.status_code == 400
    assert "Een toetsteam kan alleen worden gewijzigd" in response.content.decode()
    assert not Assignment.objects.filter(auditor=other_auditor).exists()
