"""Business rules of the evidence an auditor gathers (DOMAIN.md §2, "Evidence"): pure functions
over plain values, no ORM."""

from dataclasses import dataclass
from enum import StrEnum

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from audits.constants import (
    INTERVIEW_EDITABLE,
    INTERVIEW_MOVERS,
    INTERVIEW_TRANSITIONS,
    InterviewAction,
    InterviewActor,
    InterviewStatus,
)


class InterviewTransitionNotAllowed(ValidationError):
    """A move of an interview record that the transition table does not allow."""


def interview_next_status(status: str, action: str, actor: str = InterviewActor.AUDIT_TEAM) -> str:
    """The status an interview moves to by `action` of `actor`, per INTERVIEW_TRANSITIONS and
    INTERVIEW_MOVERS; raises InterviewTransitionNotAllowed for any move the tables do not list
    (for this actor)."""
    if (status, action) in INTERVIEW_TRANSITIONS and actor in INTERVIEW_MOVERS.get(
        (status, action), frozenset()
    ):
        return INTERVIEW_TRANSITIONS[(status, action)]
    if (status, action) in INTERVIEW_TRANSITIONS:
        raise InterviewTransitionNotAllowed(
            _("“%(action)s” is niet aan een %(actor)s.")
            % {
                "action": _label(InterviewAction, action),
                "actor": _label(InterviewActor, actor).lower(),
            }
        )
    raise InterviewTransitionNotAllowed(
        _("Dit interview staat op %(status)s; “%(action)s” kan nu niet.")
        % {
            "status": _label(InterviewStatus, status),
            "action": _label(InterviewAction, action),
        }
    )


def interview_actions(status: str, actor: str = InterviewActor.AUDIT_TEAM) -> list[InterviewAction]:
    """The moves `actor` may make from `status`, in the order of InterviewAction."""
    return [
        action
        for action in InterviewAction
        if (status, action) in INTERVIEW_TRANSITIONS
        and actor in INTERVIEW_MOVERS.get((status, action), frozenset())
    ]


def interview_is_editable(status: str) -> bool:
    """A record can be edited while it is a concept or after a correction was requested; once
    sent or confirmed it is fixed."""
    return status in INTERVIEW_EDITABLE


def interview_counts_as_evidence(status: str) -> bool:
    """Only a record confirmed by the interviewees counts as evidence (DOMAIN.md §2)."""
    return status == InterviewStatus.BEVESTIGD


class EvidenceGap(StrEnum):
    """What evidence a principle in scope at a unit still lacks."""

    NONE = "none"  # delivered documents and confirmed interviews
    NO_INTERVIEW = "no_interview"  # documents only
    NO_DOCUMENT = "no_document"  # confirmed interviews only
    NO_EVIDENCE = "no_evidence"  # neither


@dataclass(frozen=True)
class EvidenceCount:
    delivered_documents: int
    confirmed_interviews: int


def evidence_gap(count: EvidenceCount) -> EvidenceGap:
    """The gap of a principle in scope: evidence comes from document study and from confirmed
    interviews; a principle with neither has no evidence at all."""
    has_documents = count.delivered_documents > 0
    has_interviews = count.confirmed_interviews > 0
    if has_documents and has_interviews:
        return EvidenceGap.NONE
    if has_documents:
        return EvidenceGap.NO_INTERVIEW
    if has_interviews:
        return EvidenceGap.NO_DOCUMENT
    return EvidenceGap.NO_EVIDENCE


def _label(choices, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value
