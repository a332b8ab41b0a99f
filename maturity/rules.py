"""The maturity roll-up (DOMAIN.md §3): pure functions, no ORM. `None` means "no score"."""

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from fractions import Fraction

from maturity.constants import OUTLIER_DISTANCE


def round_half_up(value: Fraction) -> int:
    """Round the way people round: halves go up (2.5 → 3, 3.5 → 4), unlike Python's round()
    which rounds halves to even (round(2.5) == 2). Levels are positive, so "up" is unambiguous."""
    return int(value + Fraction(1, 2)) if value >= 0 else -int(-value + Fraction(1, 2))


@dataclass(frozen=True)
class MeanLevel:
    """A principle's mean over the scored units: exact, shown to two decimals, and rounded."""

    count: int
    total: int

    @property
    def exact(self) -> Fraction:
        return Fraction(self.total, self.count)

    @property
    def unrounded(self) -> Decimal:
        """The mean to two decimals (half up), for display beside the rounded figure."""
        return (Decimal(self.total) / Decimal(self.count)).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP
        )

    @property
    def rounded(self) -> int:
        return round_half_up(self.exact)


def mean_level(*, total: int | None, count: int) -> MeanLevel | None:
    """The mean level from a database SUM and COUNT of integer levels; `None` without scores.

    Working from the integer sum (not a database AVG, a float on SQLite) keeps the mean exact, so
    2.5 is really 2.5 and rounds to 3.
    """
    if count <= 0 or total is None:
        return None
    return MeanLevel(count=count, total=int(total))


# --- The roll-up of a principle (DOMAIN.md §3, "Roll-up figure") ----------------------------


@dataclass(frozen=True)
class ScoreBucket:
    """Submitted scores of one principle, aggregated over the units that share these flags:
    whether the principle is assessed at the unit, whether the unit is excluded from the cycle
    ("niet representatief"), and whether the unit has execution processes. The database returns
    these (one `values().annotate()` row each); `buckets_from_levels` builds them from a list."""

    principle_id: int
    assessed: bool
    excluded: bool
    execution: bool
    count: int
    total: int | None
    minimum: int | None
    maximum: int | None
    per_level: tuple[int, int, int, int, int]


@dataclass(frozen=True)
class ScopeBucket:
    """How many units of one kind (excluded or not, with execution processes or not) have the
    principle in scope: the assessed units, whether or not they were scored yet."""

    principle_id: int
    excluded: bool
    execution: bool
    units: int


@dataclass(frozen=True)
class PrincipleFigures:
    """Roll-up figures of one principle over the assessed units (or a group of them). `mean` is
    None ("geen score") when none of them has a submitted score: never 0."""

    assessed_units: int
    mean: MeanLevel | None
    minimum: int | None
    maximum: int | None
    distribution: tuple[int, int, int, int, int]

    @property
    def scored_units(self) -> int:
        return self.mean.count if self.mean else 0


NO_FIGURES = PrincipleFigures(0, None, None, None, (0, 0, 0, 0, 0))


@dataclass(frozen=True)
class PrincipleRollup:
    """A principle's figures over all counted units and per group: units with execution
    processes (uitvoeringsprocessen) and units without, which the report compares separately."""

    all: PrincipleFigures
    execution: PrincipleFigures
    other: PrincipleFigures


EMPTY_ROLLUP = PrincipleRollup(NO_FIGURES, NO_FIGURES, NO_FIGURES)


def principle_rollup(
    buckets: Iterable[ScoreBucket], scope: Iterable[ScopeBucket] = ()
) -> dict[int, PrincipleRollup]:
    """principle id → its roll-up figures, from aggregate buckets (DOMAIN.md §3).

    Counted are the submitted scores of units where the principle is assessed and that are not
    excluded from the cycle: a bucket of an absent principle (a stray score where the principle
    is not assessed) or of an excluded unit is left out, never counted as a zero. The same goes
    for `scope`, which gives the number of assessed units. Per principle the result holds the
    figures over all counted units and over the units with and without execution processes:
    the exact mean (shown unrounded to two decimals and rounded half up: 2.5 → 3, 3.49 → 3),
    the lowest and highest level, and how many units scored each level 1–5. A group without
    scores has mean None ("geen score"). A principle without any counted score or assessed unit
    does not appear.
    """
    counted = [b for b in buckets if b.assessed and not b.excluded and b.count > 0]
    units = [s for s in scope if not s.excluded]
    principle_ids = {b.principle_id for b in counted} | {s.principle_id for s in units if s.units}
    groups = {"all": (True, False), "execution": (True,), "other": (False,)}
    result = {}
    for principle_id in principle_ids:
        figures = {}
        for name, kinds in groups.items():
            group = [b for b in counted if b.principle_id == principle_id and b.execution in kinds]
            assessed = sum(
                s.units for s in units if s.principle_id == principle_id and s.execution in kinds
            )
            figures[name] = _figures(group, assessed_units=assessed)
        result[principle_id] = PrincipleRollup(**figures)
    return result


def _figures(buckets: list[ScoreBucket], *, assessed_units: int) -> PrincipleFigures:
    if not buckets:
        return PrincipleFigures(assessed_units, None, None, None, (0, 0, 0, 0, 0))
    return PrincipleFigures(
        assessed_units=assessed_units,
        mean=mean_level(
            total=sum(b.total or 0 for b in buckets), count=sum(b.count for b in buckets)
        ),
        minimum=min(b.minimum for b in buckets if b.minimum is not None),
        maximum=max(b.maximum for b in buckets if b.maximum is not None),
        distribution=tuple(sum(b.per_level[i] for b in buckets) for i in range(5)),
    )


def buckets_from_levels(
    levels: Iterable[Sequence[int]],
    *,
    assessed: Collection[tuple[int, int]],
    excluded_units: Collection[int],
    execution_units: Collection[int],
) -> list[ScoreBucket]:
    """Group a snapshot of submitted levels (`[unit_id, principle_id, level]` rows, as a
    calibration session records them) into the buckets `principle_rollup` takes, so a round's
    figures are computed exactly like the live ones. `assessed` holds the (unit id, principle
    id) pairs in scope."""
    grouped: dict[tuple[int, bool, bool, bool], list[int]] = {}
    for unit_id, principle_id, level in levels:
        key = (
            principle_id,
            (unit_id, principle_id) in assessed,
            unit_id in excluded_units,
            unit_id in execution_units,
        )
        grouped.setdefault(key, []).append(level)
    return [
        ScoreBucket(
            principle_id=principle_id,
            assessed=is_assessed,
            excluded=is_excluded,
            execution=has_execution,
            count=len(values),
            total=sum(values),
            minimum=min(values),
            maximum=max(values),
            per_level=tuple(values.count(level) for level in range(1, 6)),
        )
        for (principle_id, is_assessed, is_excluded, has_execution), values in grouped.items()
    ]


# --- Outliers in calibration (DOMAIN.md §3, "Calibration") ----------------------------------


class OutlierReason(StrEnum):
    """Why a score is put forward for discussion in a calibration session."""

    FAR_FROM_MEDIAN = "far_from_median"
    NO_EVIDENCE = "no_evidence"


@dataclass(frozen=True)
class CalibrationScore:
    """One unit's score for a principle as calibration sees it. `counted` is whether the unit's
    score belongs to the principle's figures: the principle is assessed there and the unit is not
    excluded from the cycle."""

    unit_id: int
    level: int | None
    submitted: bool
    has_evidence: bool
    counted: bool


@dataclass(frozen=True)
class PrincipleOutliers:
    """The median of a principle's counted submitted levels (None without any) and, per unit id,
    the reasons its score is an outlier (only units with at least one reason appear)."""

    median: Fraction | None
    reasons: dict[int, tuple[OutlierReason, ...]]


def principle_outliers(
    scores: Iterable[CalibrationScore], *, distance: int = OUTLIER_DISTANCE
) -> PrincipleOutliers:
    """The outliers among one principle's scores, to discuss in calibration.

    A submitted score is an outlier when
    (a) it lies `distance` (OUTLIER_DISTANCE, 2) levels or more from the principle's median:
        the median of the submitted levels of the counted units (assessed, not excluded). With an
        odd number of levels it is the middle one; with an even number it is the mean of the two
        middle values (1, 2, 4, 5 → 3; 2, 3 → 2.5). Only counted scores are compared with it;
        or
    (b) it cites no evidence at all: no interview and no document.
    Concept and missing scores are never outliers: they are not part of calibration yet.
    """
    scores = list(scores)
    counted = sorted(s.level for s in scores if s.submitted and s.counted and s.level is not None)
    median = _median(counted)
    reasons: dict[int, tuple[OutlierReason, ...]] = {}
    for score in scores:
        if not score.submitted or score.level is None:
            continue
        found = []
        if score.counted and median is not None and abs(score.level - median) >= distance:
            found.append(OutlierReason.FAR_FROM_MEDIAN)
        if not score.has_evidence:
            found.append(OutlierReason.NO_EVIDENCE)
        if found:
            reasons[score.unit_id] = tuple(found)
    return PrincipleOutliers(median=median, reasons=reasons)


def _median(ordered: Sequence[int]) -> Fraction | None:
    if not ordered:
        return None
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return Fraction(ordered[middle])
    return Fraction(ordered[middle - 1] + ordered[middle], 2)


def mean_change(first: MeanLevel, last: MeanLevel) -> Decimal:
    """How far a mean moved between two moments, to two decimals, from the exact means: rounding
    the two displayed means first would show 7/3 → 8/3 as 0.34 instead of 0.33."""
    difference = last.exact - first.exact
    return (Decimal(difference.numerator) / Decimal(difference.denominator)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )
