"""Scope per unit: which of the cycle's principles are assessed where, by the coordination team,
while fieldwork is open; every change recorded with what was added and removed."""

import pytest
from django.urls import reverse

from audits.models import AssessedPrinciple, AuditCycle
from tests.factories import principle
from uwvkms.models import AuditEvent


def scope_url(cycle, unit):
    return reverse("audits:scope_edit", args=[cycle.year, unit.pk])


def scope_codes(cycle, unit):
    return set(
        AssessedPrinciple.objects.filter(cycle=cycle, unit=unit).values_list(
            "principle__code", flat=True
        )
    )


def test_page_shows_the_cycles_principles_with_the_current_scope_ticked(
    client, coordinator, cycle, communicatie
):
    client.force_login(coordinator)
    response = client.get(scope_url(cycle, communicatie))
    assert response.status_code == 200
    form = response.context["form"]
    assert {p.code for p in form.fields["principles"].queryset} == {
        "klantgerichtheid",
        "operationele-kwaliteit",
    }
    assert {p.code for p in form["principles"].initial} == {"klantgerichtheid"}
    html = " ".join(response.content.decode().split())
    assert '<label for="id_principles_0"' in html
    assert "Scope opslaan" in html


def test_coordinator_adds_and_removes_principles_and_it_is_recorded(
    client, coordinator, cycle, communicatie
):
    client.force_login(coordinator)
    response = client.post(
        scope_url(cycle, communicatie), {"principles": [principle("operationele-kwaliteit").pk]}
    )
    assert response.status_code == 302
    assert response["Location"] == cycle.get_absolute_url()
    assert scope_codes(cycle, communicatie) == {"operationele-kwaliteit"}
    event = AuditEvent.objects.get(event="audits.scope.changed")
    assert event.actor == coordinator
    assert event.object_id == str(cycle.pk)
    assert event.changes["unit"] == ["Communicatie", "Communicatie"]
    assert event.changes["added"] == [None, ["Operationele Kwaliteit"]]
    assert event.changes["removed"] == [["Klantgerichtheid"], None]
    assert event.changes["principles"] == [["Klantgerichtheid"], ["Operationele Kwaliteit"]]
    html = client.get(scope_url(cycle, communicatie)).content.decode()
    assert "Wijzigingen van de scope" in html


def test_no_principle_at_all_is_allowed_and_absent_everywhere(client, coordinator, cycle, uitkeren):
    client.force_login(coordinator)
    assert client.post(scope_url(cycle, uitkeren), {}).status_code == 302
    assert scope_codes(cycle, uitkeren) == set()


def test_unchanged_scope_records_nothing(client, coordinator, cycle, communicatie):
    client.force_login(coordinator)
    response = client.post(
        scope_url(cycle, communicatie),
        {"principles": [principle("klantgerichtheid").pk]},
        follow=True,
    )
    assert "er is niets gewijzigd" in response.content.decode()
    assert not AuditEvent.objects.filter(event="audits.scope.changed").exists()


def test_a_principle_outside_the_cycle_is_refused(client, coordinator, cycle, communicatie):
    client.force_login(coordinator)
    response = client.post(
        scope_url(cycle, communicatie), {"principles": [principle("leiderschap").pk]}
    )
    assert response.status_code == 400
    assert "Selecteer een geldige keuze" in " ".join(response.context["form"].errors["principles"])
    assert scope_codes(cycle, communicatie) == {"klantgerichtheid"}


@pytest.mark.parametrize("status", ["kalibratie", "oprollen", "gepubliceerd"])
def test_scope_is_fixed_once_fieldwork_closes(client, coordinator, cycle, communicatie, status):
    AuditCycle.objects.filter(pk=cycle.pk).update(status=status)
    client.force_login(coordinator)
    page = client.get(scope_url(cycle, communicatie))
    assert page.status_code == 200
    html = page.content.decode()
    assert "De scope kan alleen worden gewijzigd in de fasen Voorbereiding en Veldwerk" in html
    assert "Scope opslaan" not in html
    response = client.post(
        scope_url(cycle, communicatie), {"principles": [principle("operationele-kwaliteit").pk]}
    )
    assert response.status_code == 400
    assert "De scope kan alleen worden gewijzigd in de fasen Voorbereiding en Veldwerk" in (
        response.content.decode()
    )
    assert scope_codes(cycle, communicatie) == {"klantgerichtheid"}
    assert not AuditEvent.objects.filter(event="audits.scope.changed").exists()


def test_scope_can_change_in_preparation(client, coordinator, cycle, communicatie):
    AuditCycle.objects.filter(pk=cycle.pk).update(status="voorbereiding")
    client.force_login(coordinator)
    client.post(scope_url(cycle, communicatie), {})
    assert scope_codes(cycle, communicatie) == set()


def test_cycle_page_links_to_each_units_scope(client, coordinator, cycle, uitkeren, communicatie):
    client.force_login(coordinator)
    html = client.get(cycle.get_absolute_url()).content.decode()
    assert scope_url(cycle, uitkeren) in html
    assert scope_url(cycle, communicatie) in html


@pytest.mark.parametrize(
    "persona", ["auditor", "other_auditor", "board_member", "unit_board", "outsider"]
)
def test_only_coordinators_set_the_scope(client, request, persona, cycle, communicatie):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(scope_url(cycle, communicatie)).status_code == 403
    response = client.post(scope_url(cycle, communicatie), {})
    assert response.status_code == 403
    assert scope_codes(cycle, communicatie) == {"klantgerichtheid"}


def test_unknown_unit_or_cycle_is_404(client, coordinator, cycle, communicatie):
    client.force_login(coordinator)
    assert client.get(reverse("audits:scope_edit", args=[cycle.year, 99999])).status_code == 404
    assert client.get(reverse("audits:scope_edit", args=[1999, communicatie.pk])).status_code == 404


def test_anonymous_is_sent_to_login(client, cycle, communicatie):
    response = client.get(scope_url(cycle, communicatie))
    assert response.status_code == 302
    assert "/inloggen/" in response["Location"]
