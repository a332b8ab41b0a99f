"""The rules of blind scoring (issue 21 part 2), table by table: who may see others' levels,
when the blind phase is over, the spread and its flag, and what refuses the team score, the
early close and a change of the setting."""

import pytest

from audits.constants import CycleStatus
from maturity.blind_rules import (
    Spread,
    blind_phase_closed,
    differs_by_two_or_more,
    early_close_refusal,
    may_see_individual_levels,
    may_see_scored_count,
    setting_refusal,
    spread,
    team_score_refusal,
)


@pytest.mark.parametrize(
    ("on_team", "coordinator", "own", "phase_closed", "expected"),
    [
        # the author always sees their own
        (True, False, True, False, True),
        (True, False, True, True, True),
        # a teammate: nothing of others while open, everything once closed
        (True, False, False, False, False),
        (True, False, False, True, True),
        # the coordination team: not while open (count only), the spread once closed
        (False, True, False, False, False),
        (False, True, False, True, True),
        # anyone else (another unit's auditor, board, RvB, outsider): never
        (False, False, False, False, False),
        (False, False, False, True, False),
        # "own" without sitting on the team (removed from the team) gives nothing extra
        (False, False, True, False, False),
    ],
)
def test_may_see_individual_levels(on_team, coordinator, own, phase_closed, expected):
    assert (
        may_see_individual_levels(
            on_team=on_team, coordinator=coordinator, own=own, phase_closed=phase_closed
        )
        is expected
    )


@pytest.mark.parametrize(
    ("on_team", "coordinator", "expected"),
    [(True, False, True), (False, True, True), (True, True, True), (False, False, False)],
)
def test_may_see_scored_count(on_team, coordinator, expected):
    assert may_see_scored_count(on_team=on_team, coordinator=coordinator) is expected


@pytest.mark.parametrize(
    ("blind_on", "team_size", "scored", "closed", "expected"),
    [
        (False, 2, 0, False, True),  # no blind scoring: never a blind phase
        (True, 2, 0, False, False),
        (True, 2, 1, False, False),
        (True, 2, 2, False, True),  # everyone scored
        (True, 2, 1, True, True),  # the lead closed it early
        (True, 0, 0, False, False),  # no team yet: not closed by itself
        (True, 0, 0, True, True),
    ],
)
def test_blind_phase_closed(blind_on, team_size, scored, closed, expected):
    assert (
        blind_phase_closed(blind_on=blind_on, team_size=team_size, scored=scored, closed=closed)
        is expected
    )


@pytest.mark.parametrize(
    ("levels", "expected", "difference", "flagged"),
    [
        ([], None, None, False),
        ([3], Spread(3, 3, 1), 0, False),
        ([3, 3], Spread(3, 3, 2), 0, False),
        ([2, 3], Spread(2, 3, 2), 1, False),
        ([2, 4], Spread(2, 4, 2), 2, True),
        ([4, 1, 2], Spread(1, 4, 3), 3, True),
        ([5, 1], Spread(1, 5, 2), 4, True),
    ],
)
def test_spread_and_flag(levels, expected, difference, flagged):
    found = spread(levels)
    assert found == expected
    if found is not None:
        assert found.difference == difference
        assert found.flagged is flagged
    assert differs_by_two_or_more(found) is flagged


@pytest.mark.parametrize(
    ("blind_on", "phase_closed", "refused"),
    [(False, False, False), (False, True, False), (True, False, True), (True, True, False)],
)
def test_team_score_refusal(blind_on, phase_closed, refused):
    refusal = team_score_refusal(blind_on=blind_on, phase_closed=phase_closed)
    assert (refusal is not None) is refused
    if refused:
        assert "blinde fase" in refusal


@pytest.mark.parametrize(
    ("is_lead", "phase_closed", "all_scored", "reason", "error_field"),
    [
        (True, False, True, "", None),  # everyone scored: no reason needed
        (True, False, False, "Toetser ziek.", None),
        (True, False, False, "  ", "reason"),  # early close needs a reason
        (False, False, True, "x", "__all__"),  # only the lead
        (True, True, True, "", "__all__"),  # already closed
    ],
)
def test_early_close_refusal(is_lead, phase_closed, all_scored, reason, error_field):
    errors = early_close_refusal(
        is_lead=is_lead, phase_closed=phase_closed, all_scored=all_scored, reason=reason
    )
    assert list(errors) == ([error_field] if error_field else [])


@pytest.mark.parametrize(
    ("status", "scores_recorded", "refused"),
    [
        (CycleStatus.VOORBEREIDING, False, False),
        (CycleStatus.VELDWERK, False, False),
        (CycleStatus.VELDWERK, True, True),  # scoring started: fixed
        (CycleStatus.KALIBRATIE, False, True),
    ],
)
def test_setting_refusal(status, scores_recorded, refused):
    assert (
        setting_refusal(cycle_status=status, scores_recorded=scores_recorded) is not None
    ) is refused
