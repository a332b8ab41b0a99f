"""Evidence rules: the interview status machine, the evidence gap per principle and the diff of
recorded changes. Pure functions, no database."""

import pytest

from audits.constants import InterviewAction, InterviewStatus
from audits.evidence_rules import (
    EvidenceCount,
    EvidenceGap,
    InterviewTransitionNotAllowed,
    evidence_gap,
    interview_actions,
    interview_counts_as_evidence,
    interview_is_editable,
    interview_next_status,
)
from uwvkms.changes import changes_between

S, A = InterviewStatus, InterviewAction

ALLOWED = [
    (S.CONCEPT, A.SEND, S.TER_BEVESTIGING),
    (S.TER_BEVESTIGING, A.CONFIRM, S.BEVESTIGD),
    (S.TER_BEVESTIGING, A.REQUEST_CORRECTION, S.CORRECTIE_GEVRAAGD),
    (S.TER_BEVESTIGING, A.REOPEN, S.CONCEPT),
    (S.CORRECTIE_GEVRAAGD, A.SEND, S.TER_BEVESTIGING),
]


@pytest.mark.parametrize(("status", "action", "to"), ALLOWED)
def test_allowed_moves(status, action, to):
    assert interview_next_status(status, action) == to


@pytest.mark.parametrize(
    ("status", "action"),
    [
        (status, action)
        for status in S
        for action in A
        if (status, action) not in {(s, a) for s, a, _to in ALLOWED}
    ],
)
def test_every_other_move_is_refused(status, action):
    with pytest.raises(InterviewTransitionNotAllowed) as refused:
        interview_next_status(status, action)
    assert str(S(status).label) in refused.value.messages[0]


@pytest.mark.parametrize(
    ("status", "actions"),
    [
        (S.CONCEPT, [A.SEND]),
        (S.TER_BEVESTIGING, [A.CONFIRM, A.REQUEST_CORRECTION, A.REOPEN]),
        (S.CORRECTIE_GEVRAAGD, [A.SEND]),
        (S.BEVESTIGD, []),
    ],
)
def test_the_ui_offers_only_the_moves_of_the_table(status, actions):
    assert interview_actions(status) == actions


@pytest.mark.parametrize(
    ("status", "editable", "evidence"),
    [
        (S.CONCEPT, True, False),
        (S.TER_BEVESTIGING, False, False),
        (S.CORRECTIE_GEVRAAGD, True, False),
        (S.BEVESTIGD, False, True),
    ],
)
def test_editable_and_evidence_by_status(status, editable, evidence):
    assert interview_is_editable(status) is editable
    assert interview_counts_as_evidence(status) is evidence


@pytest.mark.parametrize(
    ("documents", "interviews", "gap"),
    [
        (0, 0, EvidenceGap.NO_EVIDENCE),
        (1, 0, EvidenceGap.NO_INTERVIEW),
        (0, 1, EvidenceGap.NO_DOCUMENT),
        (2, 3, EvidenceGap.NONE),
    ],
)
def test_evidence_gap(documents, interviews, gap):
    assert evidence_gap(EvidenceCount(documents, interviews)) is gap


@pytest.mark.parametrize(
    ("old", "new", "changes"),
    [
        ({"a": 1}, {"a": 1}, {}),
        ({"a": 1}, {"a": 2}, {"a": [1, 2]}),
        ({}, {"a": "x"}, {"a": [None, "x"]}),
        ({"a": ["x"], "b": ""}, {"a": ["x", "y"], "b": ""}, {"a": [["x"], ["x", "y"]]}),
    ],
)
def test_field_changes(old, new, changes):
    assert changes_between(old, new) == changes
