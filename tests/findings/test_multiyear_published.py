"""The multi-year view follows the maturity report's rule (`figures_statuses_for`): the RvB sees
the figures of published cycles only; the coordination team sees every cycle, the ones not
published yet marked voorlopig. (The view showed the RvB every cycle while the maturity report
and the API refused the unpublished ones.)"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audits.models import AssessedPrinciple, AuditCycle
from audits.services import cycle_open
from findings.selectors.multiyear import multiyear_view
from tests.factories import BusinessUnitFactory, ScoreFactory, principle


def _published(year, coordinator, units, level) -> AuditCycle:
    klant = principle("klantgerichtheid")
    cycle = cycle_open(actor=coordinator, year=year, principles=[klant], include_basic=False)
    for unit in units:
        ScoreFactory(cycle=cycle, unit=unit, principle=klant, level=level)
    AuditCycle.objects.filter(pk=cycle.pk).update(status="gepubliceerd")
    return cycle


@pytest.fixture
def three_years(cycle, coordinator, uitkeren, communicatie):
    """2029 and 2030 published, 2031 (`cycle`) still in fieldwork; all score Klantgerichtheid."""
    _published(2029, coordinator, [uitkeren, communicatie], level=2)
    _published(2030, coordinator, [uitkeren, communicatie], level=3)
    klant = principle("klantgerichtheid")
    ScoreFactory(cycle=cycle, unit=uitkeren, principle=klant, level=5)
    ScoreFactory(cycle=cycle, unit=communicatie, principle=klant, level=5)
    return cycle


def _year_headings(body: str) -> list[str]:
    """The year column headings of the principles table, as text."""
    table = re.search(r'<table class="[^"]*multiyear-principles.*?</thead>', body, re.S).group(0)
    headings = re.findall(r'<th scope="col" class="text-end">(.*?)</th>', table, re.S)
    return [re.sub(r"<[^>]+>", "", h).strip() for h in headings]


def test_the_board_sees_only_published_cycles(client, board_member, three_years, uitkeren):
    view = multiyear_view(board_member)
    assert view.years == [2029, 2030]
    assert view.provisional_years == frozenset()
    klant = next(t for t in view.principles if t.principle.code == "klantgerichtheid")
    assert [str(c.figures.mean.unrounded) for c in klant.cells] == ["2.00", "3.00"]
    trajectory = next(r for r in view.units if r.unit == uitkeren)
    assert [c.year for c in trajectory.cells] == [2029, 2030]

    client.force_login(board_member)
    body = client.get(reverse("findings:multiyear")).content.decode()
    assert _year_headings(body) == ["2029", "2030"]
    # The figures end before the three-year plan, which shows scope only (the RvB sees every
    # cycle in the cycle list too).
    figures = body.split('id="driejarenplan"')[0]
    assert "2031" not in figures and "5,00" not in figures
    assert "voorlopig" not in body.lower()


def test_the_coordinator_sees_every_cycle_the_unpublished_marked_voorlopig(
    client, coordinator, three_years
):
    view = multiyear_view(coordinator)
    assert view.years == [2029, 2030, 2031]
    assert view.provisional_years == frozenset({2031})

    client.force_login(coordinator)
    body = client.get(reverse("findings:multiyear")).content.decode()
    assert _year_headings(body) == ["2029", "2030", "2031 voorlopig"]
    assert "5,00" in body
    assert "de cijfers van een toetscyclus die nog niet is gepubliceerd" in body


def test_the_board_with_one_published_cycle_is_told_so(client, board_member, coordinator, cycle):
    client.force_login(board_member)
    body = client.get(reverse("findings:multiyear")).content.decode()
    assert "twee of meer gepubliceerde toetscycli" in body
    client.force_login(coordinator)
    assert "twee of meer toetscycli" in client.get(reverse("findings:multiyear")).content.decode()


@pytest.mark.parametrize("persona", ["board_member", "coordinator"])
def test_the_same_cycles_as_the_maturity_report(client, request, persona, three_years):
    """One rule: a year is in the multi-year view exactly when its maturity report opens."""
    user = request.getfixturevalue(persona)
    client.force_login(user)
    shown = set(multiyear_view(user).years)
    for year in (2029, 2030, 2031):
        status = client.get(reverse("findings:maturity_report", args=[year])).status_code
        assert (year in shown) == (status == 200), (year, status)


@pytest.mark.parametrize("persona", ["board_member", "coordinator"])
def test_queries_do_not_grow_with_published_cycles(request, persona, three_years, coordinator):
    user = request.getfixturevalue(persona)
    multiyear_view(user)  # reads the user's roles, once per request
    with CaptureQueriesContext(connection) as before:
        multiyear_view(user)
    for year in (2026, 2027, 2028):
        units = [BusinessUnitFactory(name=f"Onderdeel {year}-{n}") for n in range(3)]
        cycle = _published(year, coordinator, units, level=4)
        for unit in units:
            AssessedPrinciple.objects.get_or_create(
                cycle=cycle, unit=unit, principle=principle("klantgerichtheid")
            )
    with CaptureQueriesContext(connection) as after:
        view = multiyear_view(user)
    assert view.years[:3] == [2026, 2027, 2028]
    assert len(after) == len(before)
