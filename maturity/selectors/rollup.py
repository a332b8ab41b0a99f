"""The roll-up figures of a cycle (DOMAIN.md §3, "Roll-up figure"): the database aggregates the
submitted scores into buckets, the pure `maturity.rules.principle_rollup` turns them into
figures. The figures of calibration rounds and of earlier cycles go through the same rule."""

from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, QuerySet, Sum

from audits.constants import CycleStatus
from audits.models import AssessedPrinciple, AuditCycle, Exclusion
from audits.selectors import cycle_get
from maturity.constants import ScoreStatus
from maturity.models import CalibrationSession, Score
from maturity.rules import (
    EMPTY_ROLLUP,
    MeanLevel,
    PrincipleFigures,
    PrincipleRollup,
    ScopeBucket,
    ScoreBucket,
    buckets_from_levels,
    principle_rollup,
)
from uwvkms.constants import Role
from uwvkms.models import BusinessUnit, User
from uwvkms.permissions import has_any_role

__all__ = [
    "EMPTY_ROLLUP",
    "FIGURES_READERS",
    "FINAL_FIGURES",
    "figures_statuses_for",
    "maturity_figures_cycle_get",
    "CalibrationRound",
    "PrincipleFigures",
    "PrincipleRollup",
    "calibration_rounds",
    "rollup_by_principle",
    "rollup_by_year",
    "rollup_of_earlier_cycles",
    "UnitYearMean",
    "unit_means_by_year",
]


# Who reads a cycle's maturity figures (the roll-up): the coordination team and the RvB.
FIGURES_READERS = (Role.COORDINATIETEAM, Role.RVB)
# A cycle's figures are final once it is published; before that they are provisional.
FINAL_FIGURES = frozenset({CycleStatus.GEPUBLICEERD})


def figures_statuses_for(user: User) -> frozenset[str]:
    """The statuses of the cycles whose maturity figures `user` reads: the coordination team
    every cycle, the RvB published ones only (DOMAIN.md §1: the board reads the published
    report), anyone else none. The one rule of the maturity report, its API and the multi-year
    view."""
    if has_any_role(user, Role.COORDINATIETEAM):
        return frozenset(CycleStatus.values)
    if has_any_role(user, *FIGURES_READERS):
        return FINAL_FIGURES
    return frozenset()


def maturity_figures_cycle_get(*, user: User, year: int) -> AuditCycle:
    """The cycle whose maturity figures `user` reads (`figures_statuses_for`). 403 for anyone
    else or a cycle not readable yet, 404 without a cycle."""
    statuses = figures_statuses_for(user)
    if not statuses:
        raise PermissionDenied
    cycle = cycle_get(year=year)
    if cycle.status not in statuses:
        raise PermissionDenied
    return cycle


def rollup_by_principle(cycle: AuditCycle) -> dict[int, PrincipleRollup]:
    """principle id → roll-up figures of `cycle` (see `principle_rollup`). Two queries: one
    grouped aggregate of the submitted scores and one count of the assessed units."""
    return principle_rollup(
        _score_buckets(Score.objects.filter(cycle=cycle)),
        _scope_buckets(AssessedPrinciple.objects.filter(cycle=cycle)),
    )


def rollup_of_earlier_cycles(cycle: AuditCycle) -> dict[int, dict[int, PrincipleRollup]]:
    """year → principle id → figures, for the cycles before `cycle`, limited to the principles
    in scope of `cycle`. A year appears only where one of them was assessed. Two queries across
    all earlier cycles, however many there are."""
    principle_ids = cycle.principles.values("id")
    scores = Score.objects.filter(cycle__year__lt=cycle.year, principle__in=principle_ids)
    scope = AssessedPrinciple.objects.filter(
        cycle__year__lt=cycle.year, principle__in=principle_ids
    )
    return _rollup_per_year(scores, scope)


def rollup_by_year(cycles: QuerySet[AuditCycle]) -> dict[int, dict[int, PrincipleRollup]]:
    """year → principle id → figures, for each of `cycles` and every principle it assessed
    (newest year first): the multi-year view. Two queries, however many cycles there are."""
    return _rollup_per_year(
        Score.objects.filter(cycle__in=cycles), AssessedPrinciple.objects.filter(cycle__in=cycles)
    )


def _rollup_per_year(
    scores: QuerySet[Score], scope: QuerySet[AssessedPrinciple]
) -> dict[int, dict[int, PrincipleRollup]]:
    score_buckets: dict[int, list[ScoreBucket]] = defaultdict(list)
    for year, bucket in _score_buckets(scores, by_year=True):
        score_buckets[year].append(bucket)
    scope_buckets: dict[int, list[ScopeBucket]] = defaultdict(list)
    for year, bucket in _scope_buckets(scope, by_year=True):
        scope_buckets[year].append(bucket)
    result = {
        year: principle_rollup(score_buckets.get(year, []), scope_buckets.get(year, []))
        for year in sorted(score_buckets.keys() | scope_buckets.keys(), reverse=True)
    }
    return {year: figures for year, figures in result.items() if figures}


@dataclass(frozen=True)
class CalibrationRound:
    """The figures at one moment of calibration: before a session or after it."""

    session_number: int
    moment: str  # "before" | "after"
    figures: dict[int, PrincipleRollup]


def calibration_rounds(cycle: AuditCycle) -> list[CalibrationRound]:
    """The roll-up figures before round 1 and after every closed round, in order; a "before"
    moment of a later round appears only when scores changed between the rounds (reworked by an
    auditor). The snapshots recorded by the sessions are grouped in Python against the current
    scope and exclusions and go through `principle_rollup`, like the live figures. Four
    queries, whatever the number of sessions."""
    sessions = list(
        CalibrationSession.objects.filter(cycle=cycle)
        .order_by("number")
        .only("number", "levels_at_open", "levels_at_close")
    )
    if not sessions:
        return []
    assessed = set(
        AssessedPrinciple.objects.filter(cycle=cycle).values_list("unit_id", "principle_id")
    )
    excluded = set(Exclusion.objects.filter(cycle=cycle).values_list("unit_id", flat=True))
    execution = set(
        BusinessUnit.objects.filter(has_execution_processes=True).values_list("id", flat=True)
    )
    scope = _scope_from_pairs(assessed, excluded_units=excluded, execution_units=execution)

    def figures(levels: list) -> dict[int, PrincipleRollup]:
        buckets = buckets_from_levels(
            levels, assessed=assessed, excluded_units=excluded, execution_units=execution
        )
        return principle_rollup(buckets, scope)

    rounds: list[CalibrationRound] = []
    previous = None
    for session in sessions:
        if previous is None or _as_set(session.levels_at_open) != _as_set(previous):
            rounds.append(
                CalibrationRound(session.number, "before", figures(session.levels_at_open))
            )
        if session.levels_at_close is not None:
            rounds.append(
                CalibrationRound(session.number, "after", figures(session.levels_at_close))
            )
        previous = session.levels_at_close
    return rounds


def submitted_levels(cycle: AuditCycle) -> list[list[int]]:
    """The snapshot a calibration session records: `[unit_id, principle_id, level]` of every
    submitted score of `cycle`, in a stable order."""
    return [
        list(row)
        for row in Score.objects.filter(cycle=cycle, status=ScoreStatus.INGEDIEND)
        .exclude(level__isnull=True)
        .order_by("unit_id", "principle_id")
        .values_list("unit_id", "principle_id", "level")
    ]


def _as_set(levels: list | None) -> set[tuple[int, int, int]]:
    return {tuple(row) for row in levels or []}


def _scope_from_pairs(
    assessed: set[tuple[int, int]], *, excluded_units: set[int], execution_units: set[int]
) -> list[ScopeBucket]:
    counts: dict[tuple[int, bool, bool], int] = defaultdict(int)
    for unit_id, principle_id in assessed:
        counts[(principle_id, unit_id in excluded_units, unit_id in execution_units)] += 1
    return [
        ScopeBucket(principle_id=p, excluded=x, execution=e, units=n)
        for (p, x, e), n in counts.items()
    ]


def _score_buckets(scores: QuerySet[Score], *, by_year: bool = False) -> list:
    """One grouped count of the submitted scores: per principle × assessed there × unit
    excluded × unit has execution processes (× year) × level, the number of units; count, sum,
    lowest, highest and the number per level follow in Python, exactly (one count per group is
    cheaper to build than nine aggregates). Concept scores do not count."""
    in_scope = AssessedPrinciple.objects.filter(
        cycle=OuterRef("cycle"), unit=OuterRef("unit"), principle=OuterRef("principle")
    )
    excluded = Exclusion.objects.filter(cycle=OuterRef("cycle"), unit=OuterRef("unit"))
    group_by = ["principle_id", "is_assessed", "is_excluded", "unit__has_execution_processes"]
    if by_year:
        group_by.append("cycle__year")
    rows = (
        scores.filter(status=ScoreStatus.INGEDIEND, level__isnull=False)
        .annotate(is_assessed=Exists(in_scope), is_excluded=Exists(excluded))
        .values_list(*group_by, "level")
        .annotate(n=Count("id"))
        .order_by()
    )
    levels: dict[tuple, dict[int, int]] = defaultdict(dict)
    for *key, level, n in rows:
        principle_id, is_assessed, is_excluded, execution, *year = key
        group = (principle_id, bool(is_assessed), bool(is_excluded), execution, *year)
        levels[group][level] = n
    buckets = []
    for (principle_id, is_assessed, is_excluded, execution, *year), counts in levels.items():
        bucket = ScoreBucket(
            principle_id=principle_id,
            assessed=is_assessed,
            excluded=is_excluded,
            execution=execution,
            count=sum(counts.values()),
            total=sum(level * n for level, n in counts.items()),
            minimum=min(counts),
            maximum=max(counts),
            per_level=tuple(counts.get(i, 0) for i in range(1, 6)),
        )
        buckets.append((year[0], bucket) if by_year else bucket)
    return buckets


def _scope_buckets(scope: QuerySet[AssessedPrinciple], *, by_year: bool = False) -> list:
    """One grouped count of the assessed units: per principle × unit excluded × unit has
    execution processes (× year)."""
    excluded = Exclusion.objects.filter(cycle=OuterRef("cycle"), unit=OuterRef("unit"))
    group_by = ["principle_id", "is_excluded", "unit__has_execution_processes"]
    if by_year:
        group_by.append("cycle__year")
    rows = (
        scope.annotate(is_excluded=Exists(excluded))
        .values(*group_by)
        .annotate(units=Count("id"))
        .order_by()
    )
    buckets = []
    for row in rows:
        bucket = ScopeBucket(
            principle_id=row["principle_id"],
            excluded=bool(row["is_excluded"]),
            execution=row["unit__has_execution_processes"],
            units=row["units"],
        )
        buckets.append((row["cycle__year"], bucket) if by_year else bucket)
    return buckets


@dataclass(frozen=True)
class UnitYearMean:
    """A unit's mean over its submitted scores of one year (the principles assessed there), and
    whether the unit was left out of that year's UWV-wide figures."""

    unit_id: int
    year: int
    count: int
    total: int
    excluded: bool

    @property
    def mean(self) -> MeanLevel:
        return MeanLevel(count=self.count, total=self.total)


def unit_means_by_year(cycles: QuerySet[AuditCycle]) -> list[UnitYearMean]:
    """Every unit's mean per year of `cycles` over its submitted scores of assessed principles:
    one grouped aggregate, however many cycles and units there are (the multi-year view's
    trajectories)."""
    in_scope = AssessedPrinciple.objects.filter(
        cycle=OuterRef("cycle"), unit=OuterRef("unit"), principle=OuterRef("principle")
    )
    excluded = Exclusion.objects.filter(cycle=OuterRef("cycle"), unit=OuterRef("unit"))
    rows = (
        Score.objects.filter(cycle__in=cycles, status=ScoreStatus.INGEDIEND, level__isnull=False)
        .filter(Exists(in_scope))
        .annotate(is_excluded=Exists(excluded))
        .values("unit_id", "cycle__year", "is_excluded")
        .annotate(n=Count("id"), total=Sum("level"))
        .order_by()
    )
    return [
        UnitYearMean(
            unit_id=row["unit_id"],
            year=row["cycle__year"],
            count=row["n"],
            total=row["total"],
            excluded=bool(row["is_excluded"]),
        )
        for row in rows
    ]
