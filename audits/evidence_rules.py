"""Business rules of the evidence an auditor gathers (DOMAIN.md §2, "Evidence"): pure functions
over plain values, no ORM."""

import datetime
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from enum import StrEnum

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from audits.constants import (
    CONFIRMATION_OPEN,
    FIELDWORK_OPEN,
    INTERVIEW_EDITABLE,
    INTERVIEW_MOVERS,
    INTERVIEW_TRANSITIONS,
    INTERVIEW_WITHDRAWABLE,
    InterviewAction,
    InterviewActor,
    InterviewStatus,
)
from uwvkms.dates import dutch, happened_between, not_in_future


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


def interview_is_withdrawable(status: str) -> bool:
    """A record is withdrawn (with a reason) while it is not yet evidence: a concept, one sent
    back for correction, or one awaiting confirmation. A confirmed record stays."""
    return status in INTERVIEW_WITHDRAWABLE


def interview_fully_confirmed(confirmations: Sequence[bool]) -> bool:
    """Whether a record is confirmed: every one of its interviewees confirmed it (issue 17:
    one interviewee confirming never confirms for the others). A record without interviewees
    is never confirmed."""
    return bool(confirmations) and all(confirmations)


def confirmation_open(cycle_status: str) -> bool:
    """Whether a record sent for confirmation can still be confirmed: from fieldwork until
    calibration closes (the cycle moves on to the roll-up). After that the request is gone."""
    return cycle_status in CONFIRMATION_OPEN


def correction_open(cycle_status: str) -> bool:
    """Whether a correction of a record can still be asked: only while fieldwork is open, when
    the team can still change the record and send it again. From calibration on a record
    waiting for confirmation can only be confirmed (a correction would strand it: nobody could
    change it any more)."""
    return cycle_status in FIELDWORK_OPEN


# --- Plausible dates and places of an interview (issue 17) --------------------------------------


def interview_date_problem(
    held_on: datetime.date | None,
    *,
    period_start: datetime.date | None,
    period_end: datetime.date | None,
    outside_period_reason: str,
    today: datetime.date,
) -> str | None:
    """The instruction when the day of an interview is not plausible (None when it is): never
    in the future, and within the cycle's fieldwork period unless a reason says why it was
    held outside it. A cycle without a complete period checks only the first."""
    if held_on is None:
        return None
    if problem := not_in_future(held_on, today=today):
        return problem
    if period_start is None or period_end is None:
        return None
    if period_start <= held_on <= period_end or outside_period_reason.strip():
        return None
    return _(
        "Kies een datum in de veldwerkperiode (%(start)s – %(end)s) of geef een reden waarom "
        "het interview daarbuiten is gehouden."
    ) % {"start": dutch(period_start), "end": dutch(period_end)}


def interview_place_problem(place: str, *, drawn: Collection[str], unit: str) -> str | None:
    """The instruction when an interview's place was not drawn for its unit (None when it
    was): interviews are held at the districts or departments the draw chose (DOMAIN.md §2).
    Names compare without regard to case."""
    drawn_names = sorted(drawn, key=str.lower)
    if place.lower() in {name.lower() for name in drawn_names}:
        return None
    if not drawn_names:
        return _(
            "Loot eerst de districten of afdelingen van %(unit)s; een interview wordt gehouden "
            "op een getrokken plaats."
        ) % {"unit": unit}
    return _("Kies een getrokken plaats van %(unit)s: %(places)s.") % {
        "unit": unit,
        "places": ", ".join(drawn_names),
    }


def confirmation_date_problem(
    confirmed_on: datetime.date | None, *, held_on: datetime.date, today: datetime.date
) -> str | None:
    """The instruction when the day an interviewee confirmed is not plausible: not in the
    future and not before the interview itself."""
    return happened_between(
        confirmed_on, earliest=held_on, what=_("de dag van het interview"), today=today
    )


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
