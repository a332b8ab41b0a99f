"""The roll-up figures of a cycle, computed in the database (DOMAIN.md §3, "Roll-up figure")."""

from dataclasses import dataclass

from django.db.models import Count, Exists, Max, Min, OuterRef, Q, Sum

from audits.models import AssessedPrinciple, AuditCycle, Exclusion
from maturity.models import Score
from maturity.rules import MeanLevel, mean_level


@dataclass(frozen=True)
class PrincipleFigures:
    """Roll-up figures of one principle over the assessed units (or a group of them)."""

    assessed_units: int
    mean: MeanLevel | None
    minimum: int | None
    maximum: int | None
    distribution: tuple[int, int, int, int, int]


def rollup_by_principle(
    cycle: AuditCycle,
) -> dict[int, dict[str, PrincipleFigures]]:
    """principle id → {"all" | "execution" | "other": figures} for `cycle`.

    One aggregate query over the scores, grouped by principle and by whether the unit has
    execution processes, plus one count of the assessed units. Only scores of assessed principles
    count: an absent principle is left out, never a zero. A unit excluded from the cycle ("niet
    representatief", DOMAIN.md §2) is left out entirely: neither its scores nor its scope count.
    """
    excluded_units = Exclusion.objects.filter(cycle=cycle).values("unit_id")
    in_scope = AssessedPrinciple.objects.filter(
        cycle=cycle, unit=OuterRef("unit"), principle=OuterRef("principle")
    )
    score_rows = (
        Score.objects.filter(cycle=cycle)
        .exclude(unit__in=excluded_units)
        .filter(Exists(in_scope))
        .values("principle_id", "unit__has_execution_processes")
        .annotate(
            n=Count("id"),
            total=Sum("level"),
            lo=Min("level"),
            hi=Max("level"),
            **{f"l{i}": Count("id", filter=Q(level=i)) for i in range(1, 6)},
        )
        .order_by()
    )
    assessed_rows = (
        AssessedPrinciple.objects.filter(cycle=cycle)
        .exclude(unit__in=excluded_units)
        .values("principle_id", "unit__has_execution_processes")
        .annotate(n=Count("id"))
        .order_by()
    )
    assessed: dict[tuple[int, bool], int] = {
        (r["principle_id"], r["unit__has_execution_processes"]): r["n"] for r in assessed_rows
    }
    scored: dict[tuple[int, bool], dict] = {
        (r["principle_id"], r["unit__has_execution_processes"]): r for r in score_rows
    }
    result: dict[int, dict[str, PrincipleFigures]] = {}
    for principle_id in {key[0] for key in assessed}:
        parts = {
            "execution": [(principle_id, True)],
            "other": [(principle_id, False)],
            "all": [(principle_id, True), (principle_id, False)],
        }
        result[principle_id] = {
            name: _figures(
                [scored[k] for k in keys if k in scored], sum(assessed.get(k, 0) for k in keys)
            )
            for name, keys in parts.items()
        }
    return result


def _figures(rows: list[dict], assessed_units: int) -> PrincipleFigures:
    count = sum(r["n"] for r in rows)
    total = sum(r["total"] or 0 for r in rows)
    return PrincipleFigures(
        assessed_units=assessed_units,
        mean=mean_level(total=total if rows else None, count=count),
        minimum=min((r["lo"] for r in rows), default=None),
        maximum=max((r["hi"] for r in rows), default=None),
        distribution=tuple(sum(r[f"l{i}"] for r in rows) for i in range(1, 6)),
    )
