"""The scoring rules as pure functions: when the auditor may change a score, when a change needs
a reason, what a submission needs."""

import pytest

from maturity.score_rules import (
    SCORING_STATUSES,
    ScoreLock,
    reason_required,
    score_lock,
    score_lock_message,
    submission_gaps,
)


@pytest.mark.parametrize(
    ("cycle_status", "frozen", "score_status", "lock"),
    [
        ("voorbereiding", False, None, None),
        ("veldwerk", False, None, None),
        ("veldwerk", False, "concept", None),
        ("kalibratie", False, "concept", None),  # reopened in calibration
        ("veldwerk", False, "ingediend", ScoreLock.SUBMITTED),
        ("kalibratie", False, "ingediend", ScoreLock.SUBMITTED),
        ("kalibratie", True, "concept", ScoreLock.FROZEN),
        ("kalibratie", True, None, ScoreLock.FROZEN),
        ("kalibratie", True, "ingediend", ScoreLock.FROZEN),
        ("oprollen", False, "concept", ScoreLock.CYCLE_CLOSED),
        ("oprollen", True, "ingediend", ScoreLock.CYCLE_CLOSED),
        ("gepubliceerd", False, None, ScoreLock.CYCLE_CLOSED),
    ],
)
def test_score_lock(cycle_status, frozen, score_status, lock):
    assert (
        score_lock(cycle_status=cycle_status, calibration_frozen=frozen, score_status=score_status)
        == lock
    )


def test_scoring_runs_up_to_and_including_calibration():
    assert {"voorbereiding", "veldwerk", "kalibratie"} == SCORING_STATUSES


@pytest.mark.parametrize(
    ("lock", "cycle_status", "text"),
    [
        (ScoreLock.CYCLE_CLOSED, "oprollen", "staat op Oprollen"),
        (ScoreLock.FROZEN, "kalibratie", "De kalibratie is afgesloten"),
        (ScoreLock.SUBMITTED, "veldwerk", "Deze score is ingediend"),
    ],
)
def test_each_lock_is_explained_in_dutch(lock, cycle_status, text):
    assert text in score_lock_message(lock, cycle_status=cycle_status)


@pytest.mark.parametrize(
    ("ever_submitted", "old_level", "new_level", "required"),
    [
        (False, None, 3, False),
        (False, 2, 4, False),  # a concept never submitted is the auditor's draft
        (True, 2, 2, False),
        (True, 2, 4, True),
        (True, 2, None, True),  # emptying the level of a reopened score is a change too
        (True, None, 3, True),
    ],
)
def test_reason_required(ever_submitted, old_level, new_level, required):
    assert (
        reason_required(ever_submitted=ever_submitted, old_level=old_level, new_level=new_level)
        is required
    )


@pytest.mark.parametrize(
    ("level", "justification", "gaps"),
    [
        (3, "Onderbouwing", []),
        (None, "Onderbouwing", ["level"]),
        (3, "", ["justification"]),
        (3, " \n ", ["justification"]),
        (None, "", ["level", "justification"]),
    ],
)
def test_submission_gaps(level, justification, gaps):
    assert submission_gaps(level=level, justification=justification) == gaps
