"""The roll-up selectors: one grouped aggregate of the submitted scores through the pure
`principle_rollup`; calibration rounds and earlier cycles through the same rule."""

import datetime

import pytest

from audits.models import AssessedPrinciple, AuditCycle, Exclusion
from maturity.models import CalibrationSession
from maturity.selectors import calibration_rounds, rollup_by_principle, rollup_of_earlier_cycles
from tests.factories import AuditCycleFactory, BusinessUnitFactory, ScoreFactory, principle


@pytest.fixture
def klant(db):
    return principle("klantgerichtheid")


def test_only_submitted_scores_count(cycle, uitkeren, communicatie, klant):
    ScoreFactory(cycle=cycle, unit=uitkeren, principle=klant, level=2)
    ScoreFactory(cycle=cycle, unit=communicatie, principle=klant, level=5, concept=True)
    figures = rollup_by_principle(cycle)[klant.id].all
    assert (figures.scored_units, str(figures.mean.unrounded), figures.maximum) == (1, "2.00", 2)
    assert figures.distribution == (0, 1, 0, 0, 0)


def test_a_concept_only_principle_has_no_score_not_zero(cycle, uitkeren, klant):
    ScoreFactory(cycle=cycle, unit=uitkeren, principle=klant, level=1, concept=True)
    figures = rollup_by_principle(cycle)[klant.id]
    assert figures.all.mean is None
    assert figures.all.assessed_units == 3  # Uitkeren, Communicatie, FEZ


def test_rollup_is_two_queries_however_many_units(
    cycle, klant, django_assert_num_queries, uitkeren
):
    ScoreFactory(cycle=cycle, unit=uitkeren, principle=klant, level=2)
    with django_assert_num_queries(2):
        rollup_by_principle(cycle)
    for level in [1, 2, 3, 4, 5, 5, 4]:
        unit = BusinessUnitFactory(execution=level % 2 == 0)
        AssessedPrinciple.objects.create(cycle=cycle, unit=unit, principle=klant)
        ScoreFactory(cycle=cycle, unit=unit, principle=klant, level=level)
    with django_assert_num_queries(2):
        figures = rollup_by_principle(cycle)[klant.id]
    assert figures.all.scored_units == 8
    assert (figures.execution.scored_units, figures.other.scored_units) == (4, 4)


# --- earlier cycles ---------------------------------------------------------------------------


def earlier_cycle(year, coordinator, scored):
    """A cycle of `year` with `scored` = [(unit, principle, level or None)] assessed."""
    cycle = AuditCycleFactory(year=year, created_by=coordinator, status="gepubliceerd")
    for unit, p, level in scored:
        AssessedPrinciple.objects.get_or_create(cycle=cycle, unit=unit, principle=p)
        if level is not None:
            ScoreFactory(cycle=cycle, unit=unit, principle=p, level=level)
    return cycle


def test_earlier_cycles_where_the_principle_was_assessed(
    cycle, coordinator, uitkeren, communicatie, klant
):
    ok = principle("operationele-kwaliteit")
    leiderschap = principle("leiderschap")  # not in scope of 2031: left out
    earlier_cycle(2028, coordinator, [(uitkeren, klant, 2), (communicatie, klant, 3)])
    earlier_cycle(2029, coordinator, [(uitkeren, leiderschap, 4)])
    earlier_cycle(2030, coordinator, [(uitkeren, ok, 5), (communicatie, klant, None)])
    AuditCycleFactory(year=2032, created_by=coordinator)  # later: not "earlier"

    earlier = rollup_of_earlier_cycles(cycle)

    assert list(earlier) == [2030, 2028]  # newest first; 2029 had none of these principles
    assert str(earlier[2028][klant.id].all.mean.unrounded) == "2.50"
    assert earlier[2028][klant.id].all.mean.rounded == 3
    assert ok.id not in earlier[2028]
    assert earlier[2030][ok.id].all.mean.rounded == 5
    assert earlier[2030][klant.id].all.mean is None  # assessed, no score: geen score


def test_earlier_cycles_leave_out_their_excluded_units_and_concepts(
    cycle, coordinator, uitkeren, communicatie, klant
):
    old = earlier_cycle(2030, coordinator, [(uitkeren, klant, 1), (communicatie, klant, 4)])
    Exclusion.objects.create(cycle=old, unit=uitkeren, reason="Toen.", excluded_by=coordinator)
    fez = BusinessUnitFactory(name="FEZ")
    AssessedPrinciple.objects.get_or_create(cycle=old, unit=fez, principle=klant)
    ScoreFactory(cycle=old, unit=fez, principle=klant, level=1, concept=True)
    figures = rollup_of_earlier_cycles(cycle)[2030][klant.id].all
    assert (str(figures.mean.unrounded), figures.assessed_units) == ("4.00", 2)


def test_earlier_cycles_are_two_queries_however_many_cycles(
    cycle, coordinator, uitkeren, klant, django_assert_num_queries
):
    earlier_cycle(2030, coordinator, [(uitkeren, klant, 3)])
    with django_assert_num_queries(2):  # scores and scope, each across all cycles
        rollup_of_earlier_cycles(cycle)
    for year in range(2020, 2030):
        earlier_cycle(year, coordinator, [(uitkeren, klant, year % 5 + 1)])
    with django_assert_num_queries(2):
        assert len(rollup_of_earlier_cycles(cycle)) == 11


# --- calibration rounds -----------------------------------------------------------------------


def session(cycle, coordinator, number, *, at_open, at_close=None):
    return CalibrationSession.objects.create(
        cycle=cycle,
        number=number,
        held_on=datetime.date(2031, 11, number),
        status="gesloten" if at_close is not None else "open",
        levels_at_open=at_open,
        levels_at_close=at_close,
        opened_by=coordinator,
        closed_by=coordinator if at_close is not None else None,
    )


def means(rounds, principle_id):
    return [
        (r.session_number, r.moment, str(r.figures[principle_id].all.mean.unrounded))
        for r in rounds
    ]


def test_rounds_before_the_first_and_after_each(cycle, coordinator, uitkeren, communicatie, klant):
    u, c = uitkeren.id, communicatie.id
    session(
        cycle,
        coordinator,
        1,
        at_open=[[u, klant.id, 1], [c, klant.id, 4]],
        at_close=[[u, klant.id, 2], [c, klant.id, 4]],
    )
    session(
        cycle,
        coordinator,
        2,
        at_open=[[u, klant.id, 2], [c, klant.id, 4]],
        at_close=[[u, klant.id, 3], [c, klant.id, 4]],
    )
    rounds = calibration_rounds(cycle)
    assert means(rounds, klant.id) == [
        (1, "before", "2.50"),
        (1, "after", "3.00"),
        (2, "after", "3.50"),  # "before 2" equals "after 1": not repeated
    ]


def test_a_change_between_rounds_shows_as_before_the_next(
    cycle, coordinator, uitkeren, communicatie, klant
):
    u, c = uitkeren.id, communicatie.id
    session(
        cycle,
        coordinator,
        1,
        at_open=[[u, klant.id, 1], [c, klant.id, 4]],
        at_close=[[c, klant.id, 4]],
    )  # Uitkeren reopened for its auditor
    session(cycle, coordinator, 2, at_open=[[u, klant.id, 2], [c, klant.id, 4]])  # still open
    assert means(calibration_rounds(cycle), klant.id) == [
        (1, "before", "2.50"),
        (1, "after", "4.00"),
        (2, "before", "3.00"),
    ]


def test_rounds_leave_out_excluded_units_and_absent_principles(
    cycle, coordinator, uitkeren, communicatie, klant
):
    ok = principle("operationele-kwaliteit")  # assessed at Uitkeren only
    Exclusion.objects.create(
        cycle=cycle, unit=uitkeren, reason="Reorganisatie.", excluded_by=coordinator
    )
    session(
        cycle,
        coordinator,
        1,
        at_open=[
            [uitkeren.id, klant.id, 1],
            [communicatie.id, klant.id, 4],
            [communicatie.id, ok.id, 1],
        ],
    )
    (before,) = calibration_rounds(cycle)
    assert str(before.figures[klant.id].all.mean.unrounded) == "4.00"
    assert ok.id not in before.figures


def test_no_sessions_no_rounds(cycle):
    assert calibration_rounds(cycle) == []


def test_rounds_are_a_constant_number_of_queries(
    cycle, coordinator, uitkeren, klant, django_assert_num_queries
):
    for number in range(1, 6):
        session(
            cycle,
            coordinator,
            number,
            at_open=[[uitkeren.id, klant.id, 2]],
            at_close=[[uitkeren.id, klant.id, 3]],
        )
    with django_assert_num_queries(4):
        calibration_rounds(cycle)


def test_cycle_status_does_not_matter_for_the_figures(cycle, uitkeren, klant):
    AuditCycle.objects.filter(pk=cycle.pk).update(status="gepubliceerd")
    ScoreFactory(cycle=cycle, unit=uitkeren, principle=klant, level=4)
    assert rollup_by_principle(cycle)[klant.id].all.mean.rounded == 4
