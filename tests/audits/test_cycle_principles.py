"""The principles in scope of a cycle change while it is in Voorbereiding (issue 17), by the
coordination team; the scope of every unit follows."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from audits.models import AssessedPrinciple, AuditCycle
from audits.services.cycle_setup import cycle_principles_set
from tests.factories import principle
from uwvkms.models import AuditEvent

KG, OK, LS = "klantgerichtheid", "operationele-kwaliteit", "leiderschap"


@pytest.fixture
def prep(cycle):
    AuditCycle.objects.filter(pk=cycle.pk).update(status="voorbereiding")
    cycle.refresh_from_db()
    return cycle


def scope(cycle) -> set[tuple[str, str]]:
    return set(
        AssessedPrinciple.objects.filter(cycle=cycle).values_list("unit__name", "principle__code")
    )


def test_added_principles_get_the_default_scope_and_removed_ones_leave(client, coordinator, prep):
    client.force_login(coordinator)
    url = reverse("audits:cycle_principles", args=[prep.year])
    response = client.post(url, {"principles": [principle(KG).pk, principle(LS).pk]})
    assert response.status_code == 302
    assert {p.code for p in prep.principles.all()} == {KG, LS}
    assert scope(prep) == {(u, p) for u in ("Uitkeren", "Communicatie", "FEZ") for p in (KG, LS)}
    event = AuditEvent.objects.get(event="audits.cycle.principles_changed")
    assert event.changes["added"] == [None, ["Leiderschap"]]
    assert event.changes["removed"] == [["Operationele Kwaliteit"], None]
    page = client.get(url).content.decode()
    assert "Principes in scope van de cyclus gewijzigd" in page


def test_basic_kwaliteitsmanagement_by_its_own_choice(coordinator, prep):
    cycle_principles_set(
        actor=coordinator, cycle=prep, principles=[principle(KG)], include_basic=True
    )
    assert any(p.is_basic for p in prep.principles.all())


def test_an_unchanged_choice_stores_nothing(coordinator, prep):
    change = cycle_principles_set(
        actor=coordinator,
        cycle=prep,
        principles=[principle(KG), principle(OK)],
        include_basic=False,
    )
    assert not change
    assert not AuditEvent.objects.filter(event="audits.cycle.principles_changed").exists()


def test_at_least_one_principle(client, coordinator, prep):
    with pytest.raises(ValidationError, match="ten minste één"):
        cycle_principles_set(actor=coordinator, cycle=prep, principles=[], include_basic=True)
    client.force_login(coordinator)
    response = client.post(reverse("audits:cycle_principles", args=[prep.year]), {})
    assert response.status_code == 400


def test_fixed_once_fieldwork_begins(client, coordinator, cycle):
    before = scope(cycle)
    with pytest.raises(ValidationError, match="alleen in de fase Voorbereiding"):
        cycle_principles_set(
            actor=coordinator, cycle=cycle, principles=[principle(LS)], include_basic=False
        )
    client.force_login(coordinator)
    url = reverse("audits:cycle_principles", args=[cycle.year])
    page = client.get(url).content.decode()
    assert "Principes opslaan" not in page
    assert "alleen in de fase Voorbereiding" in page
    assert client.post(url, {"principles": [principle(LS).pk]}).status_code == 400
    assert scope(cycle) == before


@pytest.mark.parametrize("persona", ["auditor", "board_member", "unit_board", "outsider"])
def test_only_the_coordination_team(client, request, persona, prep):
    user = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        cycle_principles_set(
            actor=user, cycle=prep, principles=[principle(LS)], include_basic=False
        )
    client.force_login(user)
    url = reverse("audits:cycle_principles", args=[prep.year])
    assert client.get(url).status_code == 403
    assert client.post(url, {"principles": [principle(LS).pk]}).status_code == 403
