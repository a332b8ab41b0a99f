"""Who may move an interview record: the audit team makes every move of the table (a
confirmation received by mail included); a linked interviewee only answers a record sent to them
(ter bevestiging → bevestigd / correctie gevraagd). Pure rules, no database."""

import pytest

from audits.constants import INTERVIEW_TRANSITIONS, InterviewAction, InterviewActor, InterviewStatus
from audits.evidence_rules import (
    InterviewTransitionNotAllowed,
    interview_actions,
    interview_next_status,
)

S, A, W = InterviewStatus, InterviewAction, InterviewActor

# (from, action, who) → to; every combination not listed is refused.
ALLOWED = {
    (S.CONCEPT, A.SEND, W.AUDIT_TEAM): S.TER_BEVESTIGING,
    (S.TER_BEVESTIGING, A.CONFIRM, W.AUDIT_TEAM): S.BEVESTIGD,
    (S.TER_BEVESTIGING, A.REQUEST_CORRECTION, W.AUDIT_TEAM): S.CORRECTIE_GEVRAAGD,
    (S.TER_BEVESTIGING, A.REOPEN, W.AUDIT_TEAM): S.CONCEPT,
    (S.CORRECTIE_GEVRAAGD, A.SEND, W.AUDIT_TEAM): S.TER_BEVESTIGING,
    (S.TER_BEVESTIGING, A.CONFIRM, W.INTERVIEWEE): S.BEVESTIGD,
    (S.TER_BEVESTIGING, A.REQUEST_CORRECTION, W.INTERVIEWEE): S.CORRECTIE_GEVRAAGD,
}


@pytest.mark.parametrize(("status", "action", "actor", "to"), [(*k, v) for k, v in ALLOWED.items()])
def test_allowed_moves_per_actor(status, action, actor, to):
    assert interview_next_status(status, action, actor) == to


@pytest.mark.parametrize(
    ("status", "action", "actor"),
    [(s, a, w) for s in S for a in A for w in W if (s, a, w) not in ALLOWED],
)
def test_every_other_move_is_refused(status, action, actor):
    with pytest.raises(InterviewTransitionNotAllowed) as refused:
        interview_next_status(status, action, actor)
    message = refused.value.messages[0]
    if (status, action) in INTERVIEW_TRANSITIONS:  # a move that exists, but not for them
        assert "is niet aan een geïnterviewde" in message
    else:
        assert str(S(status).label) in message


def test_the_audit_team_is_the_default_actor():
    assert interview_next_status(S.TER_BEVESTIGING, A.REOPEN) == S.CONCEPT


@pytest.mark.parametrize(
    ("status", "actor", "actions"),
    [
        (S.CONCEPT, W.INTERVIEWEE, []),
        (S.TER_BEVESTIGING, W.INTERVIEWEE, [A.CONFIRM, A.REQUEST_CORRECTION]),
        (S.CORRECTIE_GEVRAAGD, W.INTERVIEWEE, []),
        (S.BEVESTIGD, W.INTERVIEWEE, []),
        (S.TER_BEVESTIGING, W.AUDIT_TEAM, [A.CONFIRM, A.REQUEST_CORRECTION, A.REOPEN]),
    ],
)
def test_the_moves_offered_per_actor(status, actor, actions):
    assert interview_actions(status, actor) == actions
