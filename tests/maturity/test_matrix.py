"""The calibration matrix: units × principles with every score side by side, absent principles,
missing and concept scores shown as such, excluded units marked, outliers flagged in words; a
constant number of queries however many units and principles."""

import datetime

import pytest
from django.urls import reverse

from audits.models import AssessedPrinciple, AuditCycle, Exclusion, ManagementPrinciple
from maturity.selectors.calibration import calibration_matrix
from maturity.services import calibration_session_open
from tests.factories import (
    AuditCycleFactory,
    BusinessUnitFactory,
    DocumentCheckFactory,
    ScoreFactory,
    principle,
)


def cite(score):
    """Give `score` one delivered document as evidence."""
    score.cited_documents.add(
        DocumentCheckFactory(cycle=score.cycle, unit=score.unit, geleverd=True)
    )
    return score


@pytest.fixture
def calibrating(cycle, uitkeren, communicatie, fez, coordinator):
    """2031 in calibration, Basic Kwaliteitsmanagement in the cycle at every unit, two more
    units (Handhaving, and SMZ excluded), and scores:
    Klantgerichtheid: Uitkeren 1, Communicatie 3, FEZ 3 (no evidence), Handhaving 4, SMZ 5
    (excluded) → median of 1, 3, 3, 4 is 3; Uitkeren lies 2 from it.
    Operationele Kwaliteit: Uitkeren concept 2; absent elsewhere.
    Basic Kwaliteitsmanagement: no scores."""
    AuditCycle.objects.filter(pk=cycle.pk).update(status="kalibratie")
    cycle.refresh_from_db()
    klant, ok, basic = (
        principle("klantgerichtheid"),
        principle("operationele-kwaliteit"),
        principle("basic-km"),
    )
    handhaving = BusinessUnitFactory(name="Handhaving", abbreviation="HH", execution=True)
    smz = BusinessUnitFactory(name="Sociaal Medische Zaken", abbreviation="SMZ", execution=True)
    cycle.principles.add(basic)
    for unit in (uitkeren, communicatie, fez, handhaving, smz):
        AssessedPrinciple.objects.get_or_create(cycle=cycle, unit=unit, principle=basic)
    for unit in (handhaving, smz):
        AssessedPrinciple.objects.get_or_create(cycle=cycle, unit=unit, principle=klant)
    Exclusion.objects.create(
        cycle=cycle, unit=smz, reason="Niet representatief.", excluded_by=coordinator
    )
    cite(ScoreFactory(cycle=cycle, unit=uitkeren, principle=klant, level=1))
    cite(ScoreFactory(cycle=cycle, unit=communicatie, principle=klant, level=3))
    ScoreFactory(cycle=cycle, unit=fez, principle=klant, level=3)
    cite(ScoreFactory(cycle=cycle, unit=handhaving, principle=klant, level=4))
    cite(ScoreFactory(cycle=cycle, unit=smz, principle=klant, level=5))
    ScoreFactory(cycle=cycle, unit=uitkeren, principle=ok, level=2, concept=True)
    return cycle


def cells(matrix):
    return {(row.unit.name, cell.principle.code): cell for row in matrix.rows for cell in row.cells}


def test_the_matrix_states_and_flags(calibrating):
    matrix = calibration_matrix(calibrating)
    grid = cells(matrix)
    assert [c.principle.code for c in matrix.columns] == [
        "klantgerichtheid",
        "operationele-kwaliteit",
        "basic-km",
    ]
    assert grid[("Uitkeren", "klantgerichtheid")].state == "submitted"
    assert grid[("Uitkeren", "klantgerichtheid")].far_from_median
    assert grid[("FEZ", "klantgerichtheid")].no_evidence
    assert not grid[("FEZ", "klantgerichtheid")].far_from_median
    assert grid[("Communicatie", "klantgerichtheid")].reasons == ()
    assert grid[("Uitkeren", "operationele-kwaliteit")].state == "concept"
    assert grid[("Uitkeren", "operationele-kwaliteit")].reasons == ()
    assert grid[("Communicatie", "operationele-kwaliteit")].state == "absent"
    assert grid[("Uitkeren", "basic-km")].state == "missing"
    # The excluded unit is shown but neither in the median nor compared with it.
    assert grid[("Sociaal Medische Zaken", "klantgerichtheid")].reasons == ()
    klant = matrix.columns[0]
    assert (klant.median, klant.submitted, klant.assessed, klant.outliers) == (3, 4, 4, 2)
    assert matrix.outlier_count == 2


def test_the_page_explains_every_flag_in_words(client, coordinator, calibrating):
    client.force_login(coordinator)
    response = client.get(reverse("maturity:calibration_matrix", args=[2031]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "wijkt 2 niveaus af van de mediaan (3)" in html
    assert "geen bewijs aangehaald" in html
    assert "niet getoetst" in html and "geen score" in html
    assert "<em>concept</em> (2)" in html
    assert "niet representatief" in html
    assert "2 scores vallen op en staan ter bespreking." in html
    assert "bij een even aantal het gemiddelde van de twee middelste scores" in html
    assert "Basic Kwaliteitsmanagement" in html
    assert "style=" not in html and "<style" not in html
    score = calibrating.scores.get(unit__name="Uitkeren", principle__code="klantgerichtheid")
    assert reverse("maturity:calibration_score", args=[2031, score.pk]) in html


def test_a_half_median_is_shown_as_such(calibrating, uitkeren):
    ok = principle("operationele-kwaliteit")
    hh = BusinessUnitFactory(name="Handhaving")
    AssessedPrinciple.objects.create(cycle=calibrating, unit=hh, principle=ok)
    calibrating.scores.filter(unit=uitkeren, principle=ok).update(status="ingediend")
    cite(ScoreFactory(cycle=calibrating, unit=hh, principle=ok, level=5))
    column = calibration_matrix(calibrating).columns[1]
    assert str(column.median_display) == "3.5"  # (2 + 5) / 2


def test_the_session_page_shows_the_matrix_and_the_cycle_page_points_to_it(
    client, coordinator, calibrating
):
    calibration_session_open(
        actor=coordinator,
        cycle=calibrating,
        held_on=datetime.date(2031, 11, 4),
        participants=[coordinator],
    )
    client.force_login(coordinator)
    session_html = client.get(reverse("maturity:calibration_session", args=[2031, 1])).content
    assert "wijkt 2 niveaus af van de mediaan (3)" in session_html.decode()
    cycle_html = client.get(reverse("maturity:calibration_matrix", args=[2031])).content.decode()
    assert "Ronde 1 is open; bijstellen gaat via de sessie." in cycle_html


def build_cycle(coordinator, *, units):
    """A calibration cycle with all eight principles and `units` units, each with a mix of
    submitted scores (with and without evidence), a concept, a missing score and an absent
    principle; one unit excluded."""
    principles = list(ManagementPrinciple.objects.filter(is_basic=False))
    assert len(principles) == 8
    cycle = AuditCycleFactory(year=2033, created_by=coordinator, kalibratie=True)
    cycle.principles.set(principles)
    start = cycle.scope.values("unit").distinct().count()
    for index in range(start, units):
        unit = BusinessUnitFactory(name=f"Onderdeel {index:02d}", execution=index % 2 == 0)
        for p_index, p in enumerate(principles):
            if (index + p_index) % 7 == 6:
                continue  # absent here
            AssessedPrinciple.objects.create(cycle=cycle, unit=unit, principle=p)
            if (index + p_index) % 5 == 4:
                continue  # not scored yet
            score = ScoreFactory(
                cycle=cycle,
                unit=unit,
                principle=p,
                level=(index * 3 + p_index) % 5 + 1,
                concept=(index + p_index) % 6 == 5,
            )
            if (index + p_index) % 3:
                cite(score)
        if index == 1:
            Exclusion.objects.create(cycle=cycle, unit=unit, reason="x", excluded_by=coordinator)
    return cycle


@pytest.mark.parametrize("page", ["calibration_matrix", "calibration_session"])
def test_queries_do_not_grow_with_units(client, coordinator, page, django_assert_max_num_queries):
    cycle = build_cycle(coordinator, units=2)
    calibration_session_open(
        actor=coordinator,
        cycle=cycle,
        held_on=datetime.date(2033, 11, 4),
        participants=[coordinator],
    )
    args = [2033] if page == "calibration_matrix" else [2033, 1]
    url = reverse(f"maturity:{page}", args=args)
    client.force_login(coordinator)
    client.get(url)
    # 21 since blind scoring (issue 21 part 2): whether the cycle scores blind.
    with django_assert_max_num_queries(21) as small:
        client.get(url)
    build_cycle(coordinator, units=20)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)
    matrix = response.context["matrix"]
    assert len(matrix.rows) == 20
    assert len(matrix.columns) == 8
    assert matrix.outlier_count > 0
