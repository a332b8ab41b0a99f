"""When the assigned auditor may change a score (DOMAIN.md §3): pure functions over plain values,
no ORM. A score is drafted as a concept and then submitted; a submitted score is the auditor's
final word until the coordination team reopens it in calibration, and after the last calibration
session every score is fixed."""

from enum import StrEnum

from django.utils.translation import gettext as _

from audits.constants import CycleStatus
from maturity.constants import ScoreStatus

# Cycle statuses in which auditors still draft and submit scores: up to and including
# calibration, where reopened scores are reworked.
SCORING_STATUSES = frozenset(
    {CycleStatus.VOORBEREIDING, CycleStatus.VELDWERK, CycleStatus.KALIBRATIE}
)


class ScoreLock(StrEnum):
    """Why the auditor cannot change a score now."""

    CYCLE_CLOSED = "cycle_closed"  # the cycle moved past calibration
    FROZEN = "frozen"  # calibration is closed: every score is fixed
    SUBMITTED = "submitted"  # submitted: read-only unless reopened in calibration


def score_lock(
    *, cycle_status: str, calibration_frozen: bool, score_status: str | None
) -> ScoreLock | None:
    """What keeps the assigned auditor from changing a score, or None when they may.

    `score_status` is None for a score not recorded yet. The cycle comes first: once it moved
    on or calibration is frozen nothing changes, whatever the score's own status.
    """
    if cycle_status not in SCORING_STATUSES:
        return ScoreLock.CYCLE_CLOSED
    if calibration_frozen:
        return ScoreLock.FROZEN
    if score_status == ScoreStatus.INGEDIEND:
        return ScoreLock.SUBMITTED
    return None


def score_lock_message(lock: ScoreLock, *, cycle_status: str) -> str:
    """The lock explained to the auditor (Dutch)."""
    if lock == ScoreLock.CYCLE_CLOSED:
        return _(
            "De toetscyclus staat op %(status)s: scores kunnen niet meer worden gewijzigd."
        ) % {"status": CycleStatus(cycle_status).label}
    if lock == ScoreLock.FROZEN:
        return _(
            "De kalibratie is afgesloten: de scores liggen vast en kunnen niet meer worden "
            "gewijzigd."
        )
    return _(
        "Deze score is ingediend en kan niet meer worden gewijzigd. Alleen het coördinatieteam "
        "kan hem tijdens de kalibratie heropenen."
    )


def reason_required(*, ever_submitted: bool, old_level: int | None, new_level: int | None) -> bool:
    """A changed level needs a reason once the score was ever submitted (others have relied on
    it, and calibration must be able to trace it); a concept that was never submitted is still
    the auditor's draft."""
    return ever_submitted and old_level != new_level


def submission_gaps(*, level: int | None, justification: str) -> list[str]:
    """The fields a score still lacks to be submitted: a level and a written justification."""
    gaps = []
    if level is None:
        gaps.append("level")
    if not justification.strip():
        gaps.append("justification")
    return gaps
