"""Reads of blind scoring (issue 21 part 2): whether a cycle scores blind, where the blind phase
of a unit × principle stands, and what a viewer may see of it (`maturity.blind_rules`)."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from audits.models import Assignment, AuditCycle, ManagementPrinciple
from maturity.blind_rules import (
    Spread,
    blind_phase_closed,
    may_see_individual_levels,
    may_see_scored_count,
    spread,
    team_score_refusal,
)
from maturity.models import (
    BlindPhaseClosure,
    BlindScoring,
    IndividualScore,
    IndividualScoreChange,
    Score,
)
from uwvkms.constants import Role
from uwvkms.models import BusinessUnit, User
from uwvkms.permissions import has_any_role


def blind_scoring_setting(cycle: AuditCycle) -> BlindScoring | None:
    """The blind-scoring setting of `cycle`, None when it was never set (then it is off)."""
    return BlindScoring.objects.filter(cycle=cycle).select_related("updated_by").first()


def blind_scoring_on(cycle: AuditCycle) -> bool:
    """Whether `cycle` scores blind. One query."""
    return BlindScoring.objects.filter(cycle=cycle, enabled=True).exists()


def scores_recorded(cycle: AuditCycle) -> bool:
    """Whether any team or individual score was recorded in `cycle` (then the setting is fixed)."""
    return (
        Score.objects.filter(cycle=cycle).exists()
        or IndividualScore.objects.filter(cycle=cycle).exists()
    )


@dataclass
class BlindState:
    """Where the blind phase of one unit × principle stands, as far as `viewer` may see it:
    `visible` holds the individual scores the viewer may see (only their own while open)."""

    on: bool
    closed: bool
    closure: BlindPhaseClosure | None
    team_size: int
    scored: int
    own: IndividualScore | None
    is_lead: bool
    on_team: bool
    coordinator: bool
    visible: list[IndividualScore] = field(default_factory=list)

    @property
    def open(self) -> bool:
        return self.on and not self.closed

    @property
    def all_scored(self) -> bool:
        return self.team_size > 0 and self.scored >= self.team_size

    @property
    def show_count(self) -> bool:
        return may_see_scored_count(on_team=self.on_team, coordinator=self.coordinator)

    @property
    def spread(self) -> Spread | None:
        """The spread, only once the phase is closed and for whoever may see every level."""
        if not self.closed or not self.on:
            return None
        return spread([s.level for s in self.visible])


def blind_state(
    *, viewer: User, cycle: AuditCycle, unit: BusinessUnit, principle: ManagementPrinciple
) -> BlindState:
    """The blind phase of `unit` × `principle` in `cycle` for `viewer` (see the rules' table).
    Four queries, whatever the size of the team; one when the cycle does not score blind."""
    on = blind_scoring_on(cycle)
    if not on:
        return BlindState(
            on=False,
            closed=True,
            closure=None,
            team_size=0,
            scored=0,
            own=None,
            is_lead=False,
            on_team=False,
            coordinator=False,
        )
    team = dict(
        Assignment.objects.filter(cycle=cycle, unit=unit).values_list("auditor_id", "is_lead")
    )
    scores = list(
        IndividualScore.objects.filter(cycle=cycle, unit=unit, principle=principle)
        .select_related("auditor", "updated_by")
        .order_by("auditor__last_name", "auditor__first_name", "id")
    )
    closure = (
        BlindPhaseClosure.objects.filter(cycle=cycle, unit=unit, principle=principle)
        .select_related("closed_by")
        .first()
    )
    # An auditor taken off the team no longer counts, nor shows.
    scores = [s for s in scores if s.auditor_id in team]
    scored = len(scores)
    closed = blind_phase_closed(
        blind_on=on, team_size=len(team), scored=scored, closed=closure is not None
    )
    on_team = viewer.pk in team and has_any_role(viewer, Role.TOETSER)
    coordinator = has_any_role(viewer, Role.COORDINATIETEAM)
    visible = [
        s
        for s in scores
        if may_see_individual_levels(
            on_team=on_team,
            coordinator=coordinator,
            own=s.auditor_id == viewer.pk,
            phase_closed=closed,
        )
    ]
    return BlindState(
        on=on,
        closed=closed,
        closure=closure,
        team_size=len(team),
        scored=scored,
        own=next((s for s in scores if s.auditor_id == viewer.pk), None),
        is_lead=on_team and bool(team.get(viewer.pk)),
        on_team=on_team,
        coordinator=coordinator,
        visible=visible,
    )


def team_score_refusal_for(
    *, cycle: AuditCycle, unit: BusinessUnit, principle: ManagementPrinciple
) -> str | None:
    """Why the team score of `unit` × `principle` cannot be set yet (the blind phase is open),
    or None. One query when the cycle does not score blind, four when it does."""
    if not blind_scoring_on(cycle):
        return None
    team = set(
        Assignment.objects.filter(cycle=cycle, unit=unit).values_list("auditor_id", flat=True)
    )
    scored = IndividualScore.objects.filter(
        cycle=cycle, unit=unit, principle=principle, auditor_id__in=team
    ).count()
    closed = BlindPhaseClosure.objects.filter(cycle=cycle, unit=unit, principle=principle).exists()
    return team_score_refusal(
        blind_on=True,
        phase_closed=blind_phase_closed(
            blind_on=True, team_size=len(team), scored=scored, closed=closed
        ),
    )


def individual_score_history(score: IndividualScore | None) -> list[IndividualScoreChange]:
    """Every change of `score`, newest first. One query. Show it only to who may see the level."""
    if score is None:
        return []
    return list(score.changes.select_related("changed_by"))


# --- the calibration matrix and the auditor's work list ---------------------------------------


@dataclass(frozen=True)
class CellBlind:
    """Blind scoring of one unit × principle for the coordination team's matrix: how many of the
    team scored and, once the phase is closed, the spread."""

    team_size: int
    scored: int
    closed: bool
    spread: Spread | None

    @property
    def flagged(self) -> bool:
        return self.spread is not None and self.spread.flagged


def cycle_blind_cells(cycle: AuditCycle) -> dict[tuple[int, int], CellBlind] | None:
    """(unit id, principle id) → the blind state of every cell of `cycle` with a team or an
    individual score, for a viewer on the coordination team (counts while open, spreads once
    closed); None when the cycle does not score blind. Four queries, whatever the number of
    units, principles and auditors."""
    if not blind_scoring_on(cycle):
        return None
    members = set(Assignment.objects.filter(cycle=cycle).values_list("unit_id", "auditor_id"))
    teams = Counter(unit_id for unit_id, _ in members)
    closures = set(
        BlindPhaseClosure.objects.filter(cycle=cycle).values_list("unit_id", "principle_id")
    )
    levels = defaultdict(list)
    for unit_id, principle_id, auditor_id, level in IndividualScore.objects.filter(
        cycle=cycle
    ).values_list("unit_id", "principle_id", "auditor_id", "level"):
        if (unit_id, auditor_id) in members:
            levels[(unit_id, principle_id)].append(level)
    cells = {}
    for key in set(levels) | closures:
        team_size = teams.get(key[0], 0)
        found = levels.get(key, [])
        closed = blind_phase_closed(
            blind_on=True, team_size=team_size, scored=len(found), closed=key in closures
        )
        cells[key] = CellBlind(
            team_size=team_size,
            scored=len(found),
            closed=closed,
            spread=spread(found) if closed else None,
        )
    return cells


def own_individual_scores(
    *, auditor: User, cycle: AuditCycle
) -> dict[tuple[int, int], IndividualScore]:
    """(unit id, principle id) → the auditor's own individual scores in `cycle`. One query."""
    return {
        (s.unit_id, s.principle_id): s
        for s in IndividualScore.objects.filter(cycle=cycle, auditor=auditor)
    }


@dataclass(frozen=True)
class OwnScoreProgress:
    """How far one auditor is with their own scores at one unit of their teams while its blind
    phase is open: how many of the unit's assessed principles they scored themselves, and the
    first principle still waiting for their own score (None when they scored every open one).
    Counts of the auditor's own scores only: never a level, never a colleague's."""

    unit: BusinessUnit
    scored: int
    total: int
    next_principle: ManagementPrinciple | None


def own_score_progress(*, auditor: User, cycle: AuditCycle, items) -> list[OwnScoreProgress]:
    """Per unit of the auditor's work list (`items`: `scores.auditor_work`'s unit × principle
    rows) whose blind phase is still open for some principle, the auditor's own-score progress.
    Empty when the cycle does not score blind. Four queries, whatever the number of units."""
    if not items or not blind_scoring_on(cycle):
        return []
    units = list({item.unit.pk: item.unit for item in items}.values())
    unit_ids = [unit.pk for unit in units]
    members = set(
        Assignment.objects.filter(cycle=cycle, unit_id__in=unit_ids).values_list(
            "unit_id", "auditor_id"
        )
    )
    team_size = Counter(unit_id for unit_id, _auditor in members)
    closures = set(
        BlindPhaseClosure.objects.filter(cycle=cycle, unit_id__in=unit_ids).values_list(
            "unit_id", "principle_id"
        )
    )
    # Who scored where, never the level (the rows stay on the server; only counts leave here).
    scored_by = defaultdict(set)
    for unit_id, principle_id, auditor_id in IndividualScore.objects.filter(
        cycle=cycle, unit_id__in=unit_ids
    ).values_list("unit_id", "principle_id", "auditor_id"):
        if (unit_id, auditor_id) in members:
            scored_by[(unit_id, principle_id)].add(auditor_id)
    progress = []
    for unit in units:
        cells = [item.principle for item in items if item.unit.pk == unit.pk]
        open_cells = [
            p
            for p in cells
            if not blind_phase_closed(
                blind_on=True,
                team_size=team_size[unit.pk],
                scored=len(scored_by[(unit.pk, p.pk)]),
                closed=(unit.pk, p.pk) in closures,
            )
        ]
        if not open_cells:
            continue
        mine = [p for p in cells if auditor.pk in scored_by[(unit.pk, p.pk)]]
        progress.append(
            OwnScoreProgress(
                unit=unit,
                scored=len(mine),
                total=len(cells),
                next_principle=next(
                    (p for p in open_cells if auditor.pk not in scored_by[(unit.pk, p.pk)]), None
                ),
            )
        )
    return progress
