"""Reads of the maturity scores, and the roll-up figures computed in the database."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from audits.models import AuditCycle, ManagementPrinciple
from audits.selectors import assessed_principle_ids_by_unit, assignments_of_auditor, is_assigned
from maturity.models import Score, ScoreChange
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
