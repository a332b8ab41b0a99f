"""The multi-year view: per principle the mean per year, per unit its trajectory, the three-year
plan's coverage; a fixed number of queries however many cycles and units."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audits.services import cycle_open
from findings.selectors.multiyear import multiyear_view
from tests.factories import BusinessUnitFactory, ScoreFactory, principle


@pytest.fixture
def two_years(cycle, coordinator, uitkeren, communicatie):
    klant = principle("klantgerichtheid")
    ScoreFactory(cycle=cycle, unit=uitkeren, principle=klant, level=2)
    ScoreFactory(cycle=cycle, unit=communicatie, principle=klant, level=3)
    earlier = cycle_open(
        actor=coordinator,
        year=2030,
        principles=[klant, principle("leiderschap")],
        include_basic=False,
    )
    ScoreFactory(cycle=earlier, unit=uitkeren, principle=klant, level=4)
    ScoreFactory(cycle=earlier, unit=uitkeren, principle=principle("leiderschap"), level=1)
    ScoreFactory(cycle=earlier, unit=communicatie, principle=klant, level=4)
    return earlier, cycle


def test_means_per_principle_per_year(two_years, coordinator):
    view = multiyear_view(coordinator)
    assert view.years == [2030, 2031]
    rows = {t.principle.code: t for t in view.principles}
    klant = [
        c.figures.mean.unrounded if c.figures and c.figures.mean else None
        for c in rows["klantgerichtheid"].cells
    ]
    assert [str(v) for v in klant] == ["4.00", "2.50"]
    leiding = rows["leiderschap"].cells
    assert leiding[0].figures.mean.unrounded == 1 and leiding[1].figures is None


def test_unit_trajectory_is_the_mean_of_its_scores_per_year(two_years, uitkeren, coordinator):
    view = multiyear_view(coordinator)
    row = next(r for r in view.units if r.unit == uitkeren)
    assert [str(c.mean.unrounded) for c in row.cells] == ["2.50", "2.00"]


def test_plan_shows_which_principles_each_year_covered(two_years, coordinator):
    view = multiyear_view(coordinator)
    window = next(w for w in view.plan if w.first_year <= 2030 <= w.last_year)
    covered = {row.principle.code: row.covered_in for row in window.rows}
    index = [y.year for y in window.years].index(2030)
    assert covered["leiderschap"][index] is True
    assert covered["vakmanschap"][index] is False


def test_queries_do_not_grow_with_cycles_and_units(two_years, coordinator):
    multiyear_view(coordinator)  # reads the user's roles, once per request
    with CaptureQueriesContext(connection) as before:
        multiyear_view(coordinator)
    klant = principle("klantgerichtheid")
    for year in (2032, 2033):
        extra = cycle_open(actor=coordinator, year=year, principles=[klant], include_basic=False)
        for n in range(3):
            unit = BusinessUnitFactory(name=f"Onderdeel {year}-{n}", abbreviation=f"O{year}{n}")
            from audits.models import AssessedPrinciple

            AssessedPrinciple.objects.get_or_create(cycle=extra, unit=unit, principle=klant)
            ScoreFactory(cycle=extra, unit=unit, principle=klant, level=3)
    with CaptureQueriesContext(connection) as after:
        view = multiyear_view(coordinator)
    assert len(view.years) == 4
    assert len(after) == len(before)


def test_page_has_table_and_accessible_svg_without_style(client, coordinator, two_years):
    client.force_login(coordinator)
    response = client.get(reverse("findings:multiyear"))
    assert response.status_code == 200
    body = response.content.decode()
    svg = re.search(r"<svg.*?</svg>", body, re.S).group(0)
    assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
    assert "style=" not in body
    assert "Klantgerichtheid" in body and "4,00" in body and "2,50" in body
    assert "niet getoetst" in body
    assert "Driejarenplan" in body


def test_coordinator_reads_it_and_one_cycle_says_so(client, coordinator, cycle):
    client.force_login(coordinator)
    body = client.get(reverse("findings:multiyear")).content.decode()
    assert "twee of meer toetscycli" in body
