"""Blind scoring (issue 21 part 2): pure rules over plain values, no ORM.

Each auditor of a unit's team records their own level before the team agrees the team score, so
no one anchors on a colleague's level (DOMAIN.md §3, "Calibration"). The rules:

- who may see the levels of others, and when (`may_see_individual_levels`);
- when the blind phase of a unit × principle is over (`blind_phase_closed`);
- the spread of the individual levels and the flag "differ by two or more";
- when the team score may be set, and when the lead may close the phase early.

Who sees what, strictly:

| viewer | blind phase open | closed |
|---|---|---|
| the author | their own level | every level of the team |
| another auditor of the unit's team | nobody's but their own | every level of the team |
| coordination team | how many of the team scored, no levels | every level (the spread) |
| auditor of another unit, board, RvB, anyone else | nothing | nothing |
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from audits.constants import CycleStatus
from maturity.constants import SPREAD_FLAG_DISTANCE


def may_see_individual_levels(
    *, on_team: bool, coordinator: bool, own: bool, phase_closed: bool
) -> bool:
    """Whether a viewer may see one individual score's level and justification. `own`: the
    viewer wrote it; `on_team`: the viewer sits on the unit's audit team; `coordinator`: the
    viewer is on the coordination team. During the blind phase only the author; afterwards the
    team and the coordination team; never anyone else (board, RvB, other auditors)."""
    if own and on_team:
        return True
    if not phase_closed:
        return False
    return on_team or coordinator


def may_see_scored_count(*, on_team: bool, coordinator: bool) -> bool:
    """Whether a viewer may see how many of the team have scored (never the levels): the team
    and the coordination team."""
    return on_team or coordinator


def blind_phase_closed(*, blind_on: bool, team_size: int, scored: int, closed: bool) -> bool:
    """Whether the blind phase of a unit × principle is over: always when the cycle does not
    score blind; else when it was recorded closed (`closed`: by the lead, or when the last
    auditor scored) or every auditor of a non-empty team has scored."""
    if not blind_on:
        return True
    return closed or (team_size > 0 and scored >= team_size)


@dataclass(frozen=True)
class Spread:
    """The individual levels of a unit × principle side by side: lowest, highest, difference."""

    low: int
    high: int
    count: int

    @property
    def difference(self) -> int:
        return self.high - self.low

    @property
    def flagged(self) -> bool:
        """The auditors differ by two levels or more: to discuss before agreeing."""
        return differs_by_two_or_more(self)


def spread(levels: list[int]) -> Spread | None:
    """The spread of `levels` (the individual levels of one unit × principle); None without any."""
    if not levels:
        return None
    return Spread(low=min(levels), high=max(levels), count=len(levels))


def differs_by_two_or_more(found: Spread | None) -> bool:
    """The flag of the spread and the calibration matrix: the auditors differed by
    `SPREAD_FLAG_DISTANCE` (two) levels or more. No spread, no flag."""
    return found is not None and found.difference >= SPREAD_FLAG_DISTANCE


def team_score_refusal(*, blind_on: bool, phase_closed: bool) -> str | None:
    """Why the team score cannot be set yet, or None: with blind scoring on, not before the
    blind phase is closed (the team agrees after seeing the spread)."""
    if blind_on and not phase_closed:
        return _(
            "De teamscore kan pas worden vastgelegd als de blinde fase gesloten is: als alle "
            "toetsers van het team hun eigen score hebben gegeven, of als de leadtoetser de "
            "blinde fase sluit."
        )
    return None


def early_close_refusal(
    *, is_lead: bool, phase_closed: bool, all_scored: bool, reason: str
) -> dict[str, str]:
    """Why the lead auditor cannot close the blind phase now ({} when they may): only the lead,
    only while open, and with a reason when not everyone has scored."""
    if not is_lead:
        return {"__all__": _("Alleen de leadtoetser van het team kan de blinde fase sluiten.")}
    if phase_closed:
        return {"__all__": _("De blinde fase is al gesloten.")}
    if not all_scored and not reason.strip():
        return {
            "reason": _(
                "Nog niet alle toetsers hebben gescoord: geef een reden om de blinde fase toch "
                "te sluiten."
            )
        }
    return {}


# Cycle statuses in which the coordination team may still turn blind scoring on or off.
SETTING_STATUSES = frozenset({CycleStatus.VOORBEREIDING, CycleStatus.VELDWERK})


def setting_refusal(*, cycle_status: str, scores_recorded: bool) -> str | None:
    """Why blind scoring can no longer be turned on or off for a cycle, or None: only before
    scoring starts (no team or individual score recorded yet), in preparation or fieldwork."""
    if cycle_status not in SETTING_STATUSES:
        return _("De toetscyclus staat op %(status)s: blind scoren ligt vast.") % {
            "status": CycleStatus(cycle_status).label
        }
    if scores_recorded:
        return _(
            "Er zijn al scores vastgelegd in deze toetscyclus: blind scoren ligt vast, anders "
            "scoren de toetsers niet op dezelfde manier."
        )
    return None
