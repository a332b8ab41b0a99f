"""Basic Kwaliteitsmanagement (DOMAIN.md §2): not one of the eight management principles, but
scored per unit the same way when the cycle assesses it."""

import pytest
from django.urls import reverse

from audits.models import AssessedPrinciple, AuditCycle
from audits.selectors import management_principles
from audits.selectors.cycles import three_year_plan
from audits.services import assignment_create, cycle_open
from maturity.models import Score
from tests.factories import principle
from tests.maturity.scoring import post_score, score_url


@pytest.fixture
def basic_cycle(coordinator, uitkeren, communicatie, auditor):
    """A cycle with Basic Kwaliteitsmanagement (the default), the auditor on both units."""
    cycle = cycle_open(actor=coordinator, year=2032, principles=[principle("klantgerichtheid")])
    for unit in (uitkeren, communicatie):
        assignment_create(actor=coordinator, cycle=cycle, unit=unit, auditor=auditor, is_lead=True)
    # Into fieldwork directly: the guarded move is tests/audits/test_cycle_advance.py's subject.
    AuditCycle.objects.filter(pk=cycle.pk).update(status="veldwerk")
    cycle.refresh_from_db()
    return cycle


def test_every_unit_is_assessed_on_basic_km(basic_cycle, uitkeren, communicatie, fez):
    basic = principle("basic-km")
    assert basic in basic_cycle.principles.all()
    assessed = set(
        AssessedPrinciple.objects.filter(cycle=basic_cycle, principle=basic).values_list(
            "unit__name", flat=True
        )
    )
    assert assessed == {"Uitkeren", "Communicatie", "FEZ"}


def test_the_work_list_has_basic_km_per_unit_last(client, auditor, basic_cycle):
    client.force_login(auditor)
    items = client.get(reverse("maturity:auditor_work", args=[basic_cycle.year])).context["items"]
    by_unit = {}
    for item in items:
        by_unit.setdefault(item.unit.name, []).append(item.principle.code)
    assert by_unit == {
        "Uitkeren": ["klantgerichtheid", "basic-km"],
        "Communicatie": ["klantgerichtheid", "basic-km"],
    }


def test_basic_km_is_scored_like_a_principle(client, auditor, basic_cycle, communicatie):
    client.force_login(auditor)
    page = client.get(score_url(basic_cycle, communicatie, "basic-km"))
    assert page.status_code == 200
    assert "Basic Kwaliteitsmanagement bij Communicatie" in page.content.decode()
    response = post_score(client, basic_cycle, communicatie, level=2, code="basic-km")
    assert response.status_code == 302
    score = Score.objects.get(principle=principle("basic-km"))
    assert (score.unit, score.level, score.status) == (communicatie, 2, "ingediend")


def test_basic_km_has_its_own_framework(client, coordinator, basic_cycle):
    client.force_login(coordinator)
    entries = client.get(reverse("maturity:framework_list", args=[basic_cycle.year])).context[
        "entries"
    ]
    assert [e.principle.code for e in entries] == ["klantgerichtheid", "basic-km"]
    url = reverse("maturity:framework_edit", args=[basic_cycle.year, "basic-km"])
    assert client.get(url).status_code == 200


def test_basic_km_stays_out_of_the_eight_principles_and_the_three_year_plan(basic_cycle):
    assert "basic-km" not in {p.code for p in management_principles()}
    (window,) = three_year_plan()
    assert "basic-km" not in {p.code for p in window.covered_principles}
    assert "basic-km" not in {row.principle.code for row in window.rows}
