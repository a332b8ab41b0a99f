"""Reads of the maturity scores, and the roll-up figures computed in the database."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, Max, Min, OuterRef, Q, QuerySet, Sum

from audits.models import AssessedPrinciple, AuditCycle, Exclusion, ManagementPrinciple
from audits.selectors import assessed_principle_ids_by_unit, assignments_of_auditor, is_assigned
from maturity.models import Score, ScoreChange
from maturity.rules import MeanLevel, mean_level
from uwvkms.constants import Role
from uwvkms.models import BusinessUnit, User
from uwvkms.permissions import has_any_role


def require_scoring_access(*, user: User, cycle: AuditCycle, unit: BusinessUnit) -> None:
    """403 unless `user` is an auditor on the audit team of `unit` in `cycle`."""
    if not has_any_role(user, Role.TOETSER) or not is_assigned(
        auditor=user, cycle=cycle, unit=unit
    ):
        raise PermissionDenied


def score_for(
    *, cycle: AuditCycle, unit: BusinessUnit, principle: ManagementPrinciple
) -> Score | None:
    return (
        Score.objects.select_related("updated_by")
        .filter(cycle=cycle, unit=unit, principle=principle)
        .first()
    )


def score_history(score: Score | None) -> QuerySet[ScoreChange]:
    if score is None:
        return ScoreChange.objects.none()
    return score.changes.select_related("changed_by")


@dataclass(frozen=True)
class WorkItem:
    unit: BusinessUnit
    principle: ManagementPrinciple
    score: Score | None


def auditor_work(*, auditor: User, cycle: AuditCycle) -> list[WorkItem]:
    """Every assessed unit × principle on the auditor's teams in `cycle`, with its score if any.
    Four queries, whatever the number of units."""
    units = [a.unit for a in assignments_of_auditor(auditor=auditor, cycle=cycle)]
    scope = assessed_principle_ids_by_unit(cycle)
    principles = list(cycle.principles.all())
    scores = {
        (s.unit_id, s.principle_id): s for s in Score.objects.filter(cycle=cycle, unit__in=units)
    }
    return [
        WorkItem(unit=unit, principle=p, score=scores.get((unit.id, p.id)))
        for unit in units
        for p in principles
        if p.id in scope.get(unit.id, set())
    ]


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
