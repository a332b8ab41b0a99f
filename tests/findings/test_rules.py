"""The roll-up and follow-up rules, table-driven."""

from datetime import date

import pytest

from findings.rules import (
    FollowUpState,
    Tertaal,
    follow_up_state,
    possible_moves,
    tertaal_of,
    theme_verdict,
    units_not_agreed,
)

KG, SV, OK = 1, 2, 3  # principle ids
ASSESSED = {KG, SV, OK}


@pytest.mark.parametrize(
    ("members", "threshold", "excluded", "thread", "main"),
    [
        ([], 3, [], False, False),
        ([(1, KG), (2, KG)], 3, [], False, False),
        ([(1, KG), (2, KG), (3, KG)], 3, [], True, False),
        ([(1, KG), (1, SV), (1, OK)], 3, [], False, False),  # one unit, however many principles
        ([(1, KG), (2, SV), (3, OK)], 3, [], True, True),  # three units, every principle
        ([(1, KG), (2, SV), (3, OK)], 4, [], False, False),  # threshold raised
        ([(1, KG), (2, KG), (3, KG)], 2, [], True, False),  # threshold lowered
        ([(1, KG), (2, SV), (3, OK)], 3, [3], False, False),  # an excluded unit never counts
        ([(1, KG), (2, SV), (3, OK), (4, OK)], 3, [3], True, True),
        ([(1, KG), (2, SV), (3, SV)], 3, [], True, False),  # OK missing: no hoofdbevinding
    ],
)
def test_theme_verdict(members, threshold, excluded, thread, main):
    verdict = theme_verdict(
        members, threshold=threshold, excluded_units=excluded, assessed_principles=ASSESSED
    )
    assert (verdict.is_thread, verdict.propose_main_finding) == (thread, main)


def test_no_assessed_principles_proposes_nothing():
    verdict = theme_verdict(
        [(1, KG), (2, KG), (3, KG)], threshold=3, excluded_units=[], assessed_principles=[]
    )
    assert verdict.is_thread and not verdict.propose_main_finding


@pytest.mark.parametrize(
    ("day", "expected", "start", "end"),
    [
        (date(2024, 1, 1), Tertaal(2024, 1), date(2024, 1, 1), date(2024, 4, 30)),
        (date(2024, 4, 30), Tertaal(2024, 1), date(2024, 1, 1), date(2024, 4, 30)),
        (date(2024, 5, 1), Tertaal(2024, 2), date(2024, 5, 1), date(2024, 8, 31)),
        (date(2024, 8, 31), Tertaal(2024, 2), date(2024, 5, 1), date(2024, 8, 31)),
        (date(2024, 9, 1), Tertaal(2024, 3), date(2024, 9, 1), date(2024, 12, 31)),
        (date(2024, 12, 31), Tertaal(2024, 3), date(2024, 9, 1), date(2024, 12, 31)),
    ],
)
def test_tertaal_of(day, expected, start, end):
    tertaal = tertaal_of(day)
    assert tertaal == expected
    assert (tertaal.start, tertaal.end) == (start, end)
    assert str(tertaal) == f"T{expected.number} {expected.year}"


TODAY = date(2024, 6, 15)


@pytest.mark.parametrize(
    ("status", "due_on", "measured", "state"),
    [
        ("gepland", date(2024, 7, 1), False, FollowUpState.OPEN),
        ("in_uitvoering", date(2024, 6, 15), False, FollowUpState.OPEN),  # due today: not late
        ("in_uitvoering", date(2024, 6, 14), False, FollowUpState.OVERDUE),
        ("gepland", date(2023, 1, 1), True, FollowUpState.OVERDUE),
        ("gereed", date(2024, 1, 1), False, FollowUpState.DONE_WITHOUT_EFFECT),
        ("gereed", date(2025, 1, 1), True, FollowUpState.DONE_WITH_EFFECT),
        ("vervallen", date(2023, 1, 1), False, FollowUpState.CANCELLED),
    ],
)
def test_follow_up_state(status, due_on, measured, state):
    assert (
        follow_up_state(status=status, due_on=due_on, has_effect_measurement=measured, today=TODAY)
        == state
    )


@pytest.mark.parametrize(
    ("counted", "status", "expected"),
    [
        ([], {}, []),
        (["Uitkeren"], {"Uitkeren": "afgestemd"}, []),
        (["Uitkeren"], {"Uitkeren": "definitief"}, []),
        (["Uitkeren"], {"Uitkeren": "concept"}, ["Uitkeren"]),
        (["Uitkeren"], {}, ["Uitkeren"]),  # no report at all is not agreed either
        (["WB", "Uitkeren"], {"WB": "concept", "Uitkeren": "concept"}, ["Uitkeren", "WB"]),
        # A report of a unit that does not count (excluded, not assessed) is no obstacle.
        (["Uitkeren"], {"Uitkeren": "afgestemd", "HRM": "concept"}, []),
    ],
)
def test_units_not_agreed(counted, status, expected):
    assert units_not_agreed(counted_units=counted, report_status=status) == expected


@pytest.mark.parametrize(
    ("appendix", "moves"),
    [
        ([], []),
        ([False], [(False, False)]),
        ([False, False], [(False, True), (True, False)]),
        # Chapter 10 stays before the appendices, an appendix among the appendices.
        (
            [False, False, True, True],
            [(False, True), (True, False), (False, True), (True, False)],
        ),
        ([False, True], [(False, False), (False, False)]),
    ],
)
def test_possible_moves(appendix, moves):
    assert possible_moves(appendix) == moves
