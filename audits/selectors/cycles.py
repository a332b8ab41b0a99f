"""Reads of the audit fieldwork, with the access checks every view relies on."""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404

from audits.models import AssessedPrinciple, Assignment, AuditCycle, ManagementPrinciple
from uwvkms.constants import Role
from uwvkms.models import BusinessUnit, User
from uwvkms.permissions import has_any_role


def management_principles() -> QuerySet[ManagementPrinciple]:
    return ManagementPrinciple.objects.all()


def cycles_for_user(user: User) -> QuerySet[AuditCycle]:
    """The cycles a user may see: all for coordinators, board and admins; for an auditor the
    cycles with an assignment of theirs; for a unit board the cycles that assess its unit."""
    cycles = AuditCycle.objects.annotate(principle_count=Count("principles", distinct=True))
    if has_any_role(user, Role.COORDINATIETEAM, Role.RVB, Role.BEHEERDER):
        return cycles
    if has_any_role(user, Role.TOETSER):
        return cycles.filter(assignments__auditor=user).distinct()
    return cycles.none()


def cycle_get(*, year: int) -> AuditCycle:
    try:
        return AuditCycle.objects.get(year=year)
    except AuditCycle.DoesNotExist as exc:
        raise Http404 from exc


def cycle_get_for_coordinator(*, user: User, year: int) -> AuditCycle:
    """The cycle of `year`, for the coordination team only (403 for anyone else)."""
    if not has_any_role(user, Role.COORDINATIETEAM):
        raise PermissionDenied
    return cycle_get(year=year)


def units_with_scope_and_team(cycle: AuditCycle) -> QuerySet[BusinessUnit]:
    """Every business unit with, prefetched, its assessed principles and its audit team in
    `cycle`. Two extra queries, whatever the number of units."""
    return BusinessUnit.objects.prefetch_related(
        Prefetch(
            "audit_assignments",
            queryset=Assignment.objects.filter(cycle=cycle).select_related(
                "auditor", "auditor__business_unit"
            ),
            to_attr="team",
        ),
    )


def assessed_principle_ids_by_unit(cycle: AuditCycle) -> dict[int, set[int]]:
    """unit id → ids of the principles assessed there in `cycle`."""
    scope: dict[int, set[int]] = {}
    for unit_id, principle_id in AssessedPrinciple.objects.filter(cycle=cycle).values_list(
        "unit_id", "principle_id"
    ):
        scope.setdefault(unit_id, set()).add(principle_id)
    return scope


def is_assessed(*, cycle: AuditCycle, unit: BusinessUnit, principle: ManagementPrinciple) -> bool:
    return AssessedPrinciple.objects.filter(cycle=cycle, unit=unit, principle=principle).exists()


def assignments_of_auditor(*, auditor: User, cycle: AuditCycle) -> QuerySet[Assignment]:
    return Assignment.objects.filter(auditor=auditor, cycle=cycle).select_related("unit")


def is_assigned(*, auditor: User, cycle: AuditCycle, unit: BusinessUnit) -> bool:
    """Whether `auditor` is on the audit team of `unit` in `cycle`."""
    return Assignment.objects.filter(auditor=auditor, cycle=cycle, unit=unit).exists()


def unit_get(*, unit_id: int) -> BusinessUnit:
    try:
        return BusinessUnit.objects.get(pk=unit_id)
    except BusinessUnit.DoesNotExist as exc:
        raise Http404 from exc


def principle_get(*, code: str) -> ManagementPrinciple:
    try:
        return ManagementPrinciple.objects.get(code=code)
    except ManagementPrinciple.DoesNotExist as exc:
        raise Http404 from exc
