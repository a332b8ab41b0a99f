"""The rotation rule and the team-matrix rules (issue 17): pure functions, table-tested."""

import datetime

import pytest

from audits.rules import TeamViolation, propose_teams, shifted_one_year, team_violations

# Units 1–3; auditors 11–14 from unit 1, 2, 3 and 9 (a unit not audited); 15 has no unit.
OWN = {11: 1, 12: 2, 13: 3, 14: 9, 15: None}


@pytest.mark.parametrize(
    ("units", "auditors", "previous", "sizes", "expected"),
    [
        pytest.param([], [11, 12], {}, {}, {}, id="no units"),
        pytest.param([1], [11, 12], {}, {1: 1}, {1: [(12, True)]}, id="never own unit"),
        pytest.param([1], [15, 12], {}, {1: 1}, {1: [(12, True)]}, id="never without a unit"),
        pytest.param(
            [1], [12, 13], {1: [12]}, {1: 1}, {1: [(13, True)]}, id="not two cycles running"
        ),
        pytest.param([1], [11, 12], {1: [12]}, {1: 2}, {1: []}, id="no one eligible: empty"),
        pytest.param(
            [1], [12, 13, 14], {}, {1: 2}, {1: [(12, True), (13, False)]}, id="lead first, order"
        ),
        pytest.param([1], [12, 13], {}, {}, {1: []}, id="no size: no team"),
        pytest.param(
            [1, 2, 3],
            [11, 12, 13, 14],
            {},
            {1: 2, 2: 2, 3: 2},
            {
                1: [(12, True), (13, False)],
                2: [(11, True), (13, False)],
                3: [(14, True), (11, False)],
            },
            id="load spread evenly, one lead each",
        ),
        pytest.param(
            [1, 2],
            [11, 12, 13],
            {1: [12, 13], 2: [11]},
            {1: 1, 2: 1},
            {1: [], 2: [(13, True)]},
            id="rotation and independence together",
        ),
    ],
)
def test_propose_teams(units, auditors, previous, sizes, expected):
    proposed = propose_teams(
        units, auditors, own_unit_of=OWN, previous_teams=previous, team_sizes=sizes
    )
    assert proposed == expected


def test_propose_teams_spreads_load_and_leads_and_is_deterministic():
    units = list(range(1, 4))
    auditors = [21, 22, 23, 24, 25, 26]
    own = dict.fromkeys(auditors, 9)
    kwargs = {"own_unit_of": own, "previous_teams": {}, "team_sizes": dict.fromkeys(units, 2)}
    proposed = propose_teams(units, auditors, **kwargs)
    seats = [a for team in proposed.values() for a, _lead in team]
    assert sorted(seats) == auditors  # six seats, six auditors: one each
    assert all(sum(lead for _a, lead in team) == 1 for team in proposed.values())
    assert proposed == propose_teams(units, auditors, **kwargs)


M, L = "member", "lead"


@pytest.mark.parametrize(
    ("roles", "expected"),
    [
        pytest.param({}, [], id="empty matrix"),
        pytest.param({(1, 12): "", (1, 13): ""}, [], id="a unit without team is no breach"),
        pytest.param({(1, 12): L, (1, 13): M}, [], id="one lead and a member"),
        pytest.param({(1, 11): L}, [TeamViolation("own_unit", 1, (11,))], id="own unit"),
        pytest.param({(1, 15): L}, [TeamViolation("no_unit", 1, (15,))], id="no unit"),
        pytest.param(
            {(1, 12): L, (1, 13): L}, [TeamViolation("two_leads", 1, (12, 13))], id="two leads"
        ),
        pytest.param({(1, 12): M}, [TeamViolation("no_lead", 1)], id="no lead"),
        pytest.param(
            {(1, 11): M, (1, 12): M, (2, 12): L, (2, 13): L, (2, 11): L},
            [
                TeamViolation("own_unit", 1, (11,)),
                TeamViolation("no_lead", 1),
                TeamViolation("own_unit", 2, (12,)),
                TeamViolation("two_leads", 2, (12, 13, 11)),
            ],
            id="every breach named, unit by unit",
        ),
    ],
)
def test_team_violations(roles, expected):
    assert team_violations(roles, own_unit_of=OWN) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (None, None),
        (datetime.date(2024, 9, 1), datetime.date(2025, 9, 1)),
        (datetime.date(2024, 2, 29), datetime.date(2025, 2, 28)),
        (datetime.date(2024, 12, 31), datetime.date(2025, 12, 31)),
    ],
)
def test_shifted_one_year(day, expected):
    assert shifted_one_year(day) == expected
