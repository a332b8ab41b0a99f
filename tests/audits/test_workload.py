"""Audit teams: the workload per auditor and the team per unit; the coordination team takes an
auditor off a team (recorded)."""

import datetime

import pytest
from django.urls import reverse

from audits.models import Assignment, AuditCycle, District, Interview
from tests.factories import AuditCycleFactory, BusinessUnitFactory, UserFactory
from uwvkms.constants import Role
from uwvkms.models import AuditEvent


def teams_url(cycle):
    return reverse("audits:cycle_teams", args=[cycle.year])


def remove_url(assignment):
    return reverse("audits:assignment_remove", args=[assignment.cycle.year, assignment.pk])


def interview(cycle, unit, *auditors, place="Amsterdam"):
    location, _ = District.objects.get_or_create(
        cycle=cycle, unit=unit, name=place, defaults={"kind": "decentraal"}
    )
    held = Interview.objects.create(
        cycle=cycle,
        unit=unit,
        location=location,
        held_on=datetime.date(2031, 9, 15),
        created_by=auditors[0],
    )
    held.auditors.set(auditors)
    return held


def loads_by_username(response):
    return {load.auditor.username: load for load in response.context["workload"]}


def test_workload_per_auditor(
    client, coordinator, cycle, auditor, other_auditor, uitkeren, communicatie
):
    Assignment.objects.create(
        cycle=cycle, unit=uitkeren, auditor=other_auditor, assigned_by=coordinator
    )
    interview(cycle, uitkeren, auditor, other_auditor)
    interview(cycle, uitkeren, auditor, place="Rotterdam")
    interview(cycle, communicatie, auditor, place="Hoofdkantoor")
    client.force_login(coordinator)
    response = client.get(teams_url(cycle))
    assert response.status_code == 200
    loads = loads_by_username(response)
    assert (loads["auditor"].unit_count, loads["auditor"].lead_count) == (2, 2)
    assert loads["auditor"].interview_count == 3
    assert (loads["other_auditor"].unit_count, loads["other_auditor"].lead_count) == (1, 0)
    assert loads["other_auditor"].interview_count == 1
    assert "coordinator" not in loads  # not an auditor
    html = response.content.decode()
    assert "Werklast per toetser" in html
    assert "Toetsteam per bedrijfsonderdeel" in html


def test_auditors_without_work_are_listed_with_zero(client, coordinator, cycle, other_auditor):
    client.force_login(coordinator)
    load = loads_by_username(client.get(teams_url(cycle)))["other_auditor"]
    assert (load.unit_count, load.lead_count, load.interview_count) == (0, 0, 0)


def test_interviews_of_another_cycle_do_not_count(client, coordinator, cycle, auditor, uitkeren):
    other = AuditCycleFactory(year=2030, created_by=coordinator)
    interview(other, uitkeren, auditor)
    client.force_login(coordinator)
    assert loads_by_username(client.get(teams_url(cycle)))["auditor"].interview_count == 0


def test_coordinator_removes_an_assignment_and_it_is_recorded(
    client, coordinator, cycle, auditor, uitkeren
):
    assignment = Assignment.objects.get(cycle=cycle, unit=uitkeren, auditor=auditor)
    client.force_login(coordinator)
    response = client.post(remove_url(assignment), follow=True)
    assert response.redirect_chain == [(teams_url(cycle), 302)]
    assert not Assignment.objects.filter(pk=assignment.pk).exists()
    event = AuditEvent.objects.get(event="audits.assignment.removed")
    assert event.actor == coordinator
    assert event.object_id == str(assignment.pk)
    assert event.changes == {
        "auditor": ["Anouk Toetser", None],
        "unit": ["Uitkeren", None],
        "is_lead": [True, None],
    }
    assert "Anouk Toetser is niet meer toegewezen aan Uitkeren." in response.content.decode()


def test_team_page_offers_a_labelled_remove_button_per_member(
    client, coordinator, cycle, auditor, uitkeren
):
    assignment = Assignment.objects.get(cycle=cycle, unit=uitkeren, auditor=auditor)
    client.force_login(coordinator)
    html = client.get(teams_url(cycle)).content.decode()
    assert f'action="{remove_url(assignment)}"' in html
    assert "Anouk Toetser uit het team van Uitkeren" in html


@pytest.mark.parametrize("status", ["kalibratie", "gepubliceerd"])
def test_removal_is_refused_once_fieldwork_closes(
    client, coordinator, cycle, auditor, uitkeren, status
):
    AuditCycle.objects.filter(pk=cycle.pk).update(status=status)
    assignment = Assignment.objects.get(cycle=cycle, unit=uitkeren, auditor=auditor)
    client.force_login(coordinator)
    response = client.post(remove_url(assignment), follow=True)
    assert Assignment.objects.filter(pk=assignment.pk).exists()
    assert "Het toetsteam kan alleen worden gewijzigd in de fasen Voorbereiding en Veldwerk" in (
        response.content.decode()
    )
    assert f'action="{remove_url(assignment)}"' not in response.content.decode()
    assert not AuditEvent.objects.filter(event="audits.assignment.removed").exists()


def test_removal_needs_a_post(client, coordinator, cycle, auditor, uitkeren):
    assignment = Assignment.objects.get(cycle=cycle, unit=uitkeren, auditor=auditor)
    client.force_login(coordinator)
    assert client.get(remove_url(assignment)).status_code == 405
    assert Assignment.objects.filter(pk=assignment.pk).exists()


def test_assignment_of_another_cycle_is_404(client, coordinator, cycle, auditor, uitkeren):
    assignment = Assignment.objects.get(cycle=cycle, unit=uitkeren, auditor=auditor)
    AuditCycleFactory(year=2030, created_by=coordinator)
    client.force_login(coordinator)
    url = reverse("audits:assignment_remove", args=[2030, assignment.pk])
    assert client.post(url).status_code == 404
    assert Assignment.objects.filter(pk=assignment.pk).exists()


@pytest.mark.parametrize(
    "persona", ["auditor", "other_auditor", "board_member", "unit_board", "outsider"]
)
def test_only_coordinators_see_teams_and_remove(client, request, persona, cycle, uitkeren):
    assignment = Assignment.objects.get(cycle=cycle, unit=uitkeren)
    client.force_login(request.getfixturevalue(persona))
    assert client.get(teams_url(cycle)).status_code == 403
    assert client.post(remove_url(assignment)).status_code == 403
    assert Assignment.objects.filter(pk=assignment.pk).exists()


def test_cycle_page_links_to_the_teams(client, coordinator, cycle):
    client.force_login(coordinator)
    assert teams_url(cycle) in client.get(cycle.get_absolute_url()).content.decode()


def test_teams_page_queries_do_not_grow(
    client, coordinator, cycle, fez, uitkeren, django_assert_max_num_queries
):
    client.force_login(coordinator)
    client.get(teams_url(cycle))
    with django_assert_max_num_queries(14) as small:
        client.get(teams_url(cycle))
    for n in range(10):
        unit = BusinessUnitFactory()
        member = UserFactory(business_unit=fez, roles=[Role.TOETSER])
        Assignment.objects.create(
            cycle=cycle, unit=unit, auditor=member, assigned_by=coordinator, is_lead=True
        )
        interview(cycle, unit, member, place=f"District {n}")
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(teams_url(cycle))
    assert len(response.context["workload"]) == 11  # `auditor` and the ten new ones
    assert sum(load.interview_count for load in response.context["workload"]) == 10
