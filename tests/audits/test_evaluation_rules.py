"""The rules of the audit's own evaluation (issue 21 §6): plausible hours, one way of recording
them per unit, when an auditor is reminded, and the three-year coverage per unit."""

import datetime
from decimal import Decimal

import pytest

from audits.constants import CycleStatus, HoursKind
from audits.evaluation_rules import (
    hours_kind_conflict,
    hours_problems,
    hours_reminder_due,
    week_monday,
    weeks_in_year,
)
from audits.rules import PrincipleInScope, coverage_years, unit_three_year_coverage

WEEK, TOTAL = HoursKind.WEEK, HoursKind.TOTAL
D = Decimal


@pytest.mark.parametrize(
    ("year", "weeks", "monday_of_week_1"),
    [
        (2026, 53, datetime.date(2025, 12, 29)),
        (2025, 52, datetime.date(2024, 12, 30)),
        (2020, 53, datetime.date(2019, 12, 30)),
        (2031, 52, datetime.date(2030, 12, 30)),
    ],
)
def test_iso_weeks_of_a_year(year, weeks, monday_of_week_1):
    assert weeks_in_year(year) == weeks
    assert week_monday(year, 1) == monday_of_week_1


@pytest.mark.parametrize(
    ("kind", "hours", "week", "year", "problem"),
    [
        (WEEK, D("7.5"), 37, 2026, None),
        (WEEK, D("60"), 1, 2026, None),
        (WEEK, D("0.25"), 53, 2026, None),  # 2026 has 53 weeks
        (WEEK, D("8"), 53, 2025, "Week 53 ligt niet in 2025"),
        (WEEK, D("8"), 0, 2026, "Week 0 ligt niet in 2026"),
        (WEEK, D("8"), None, 2026, "Kies de week."),
        (WEEK, D("60.01"), 10, 2026, "Meer dan 60 uur in één week"),
        (WEEK, D("0"), 10, 2026, "groter zijn dan 0"),
        (WEEK, D("-3"), 10, 2026, "groter zijn dan 0"),
        (WEEK, D("7.125"), 10, 2026, "hoogstens twee decimalen"),
        (WEEK, None, 10, 2026, "Vul het aantal uren in."),
        (TOTAL, D("120"), None, 2026, None),
        (TOTAL, D("2000"), None, 2026, None),
        (TOTAL, D("2000.5"), None, 2026, "Meer dan 2000 uur voor één onderdeel"),
        (TOTAL, D("40"), 12, 2026, "Een totaal hoort bij geen week."),
        ("maand", D("40"), None, 2026, "Kies per week of totaal."),
    ],
)
def test_hours_problems(kind, hours, week, year, problem):
    problems = hours_problems(kind=kind, hours=hours, week=week, year=year)
    if problem is None:
        assert problems == []
    else:
        assert any(problem in p for p in problems), problems


@pytest.mark.parametrize(
    ("kind", "recorded", "refused"),
    [
        (WEEK, set(), False),
        (TOTAL, set(), False),
        (WEEK, {WEEK}, False),
        (TOTAL, {WEEK}, True),
        (WEEK, {TOTAL}, True),
        (TOTAL, {TOTAL}, False),  # the service refuses a second total by itself
    ],
)
def test_one_way_of_recording_per_unit(kind, recorded, refused):
    assert (hours_kind_conflict(kind=kind, recorded_kinds=recorded) is not None) is refused


END = datetime.date(2026, 11, 30)


@pytest.mark.parametrize(
    ("status", "period_end", "today", "has_hours", "due"),
    [
        (CycleStatus.VELDWERK, END, datetime.date(2026, 12, 1), False, True),
        (CycleStatus.KALIBRATIE, END, datetime.date(2027, 2, 1), False, True),
        (CycleStatus.VELDWERK, END, END, False, False),  # the last day of fieldwork itself
        (CycleStatus.VELDWERK, END, datetime.date(2026, 12, 1), True, False),
        (CycleStatus.VELDWERK, None, datetime.date(2026, 12, 1), False, False),
        (CycleStatus.GEPUBLICEERD, END, datetime.date(2027, 3, 1), False, False),
    ],
)
def test_hours_reminder_due(status, period_end, today, has_hours, due):
    assert (
        hours_reminder_due(status=status, period_end=period_end, today=today, has_hours=has_hours)
        is due
    )


def test_coverage_years_are_the_year_and_the_two_before():
    assert coverage_years(2026) == (2024, 2025, 2026)


# Principles 1–3 for every unit, 4 (Operationele Kwaliteit) only for execution processes.
PRINCIPLES = [PrincipleInScope(i, execution_units_only=(i == 4)) for i in (1, 2, 3, 4)]
YEARS = (2024, 2025, 2026)


@pytest.mark.parametrize(
    ("assessed", "execution", "covered", "remaining", "years_of_1"),
    [
        ({}, True, set(), {1, 2, 3, 4}, ()),
        ({}, False, set(), {1, 2, 3}, ()),
        ({2024: {1}, 2025: {2}, 2026: {1, 3}}, False, {1, 2, 3}, set(), (2024, 2026)),
        ({2024: {1}, 2025: {2}, 2026: {3}}, True, {1, 2, 3}, {4}, (2024,)),
        # a year outside the run does not count, nor an unknown principle
        ({2023: {1, 2}, 2026: {3, 99}}, False, {3}, {1, 2}, ()),
        # a principle assessed where it is not required still counts as covered
        ({2025: {4}}, False, {4}, {1, 2, 3}, ()),
    ],
)
def test_unit_three_year_coverage(assessed, execution, covered, remaining, years_of_1):
    coverage = unit_three_year_coverage(
        assessed, years=YEARS, principles=PRINCIPLES, unit_has_execution_processes=execution
    )
    assert coverage.years == YEARS
    assert set(coverage.covered) == covered
    assert set(coverage.remaining) == remaining
    assert coverage.years_of(1) == years_of_1
    assert (4 in coverage.applicable) is execution
