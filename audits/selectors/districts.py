"""Reads of the districts, regions and departments to visit, and of their draws."""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.http import Http404

from audits.constants import AUDIT_TEAM, COORDINATION
from audits.models import AuditCycle, District, DistrictDraw
from audits.selectors.capacities import audit_capacities
from uwvkms.models import BusinessUnit, User


def can_manage_districts(*, user: User, cycle: AuditCycle, unit: BusinessUnit) -> bool:
    """The coordination team, and the auditors on the unit's audit team in `cycle`."""
    held = audit_capacities(user, cycle=cycle, unit=unit)
    return bool(held & (AUDIT_TEAM | COORDINATION))


def require_district_access(*, user: User, cycle: AuditCycle, unit: BusinessUnit) -> None:
    """403 unless `user` may see and change the places to visit at `unit` in `cycle`."""
    if not can_manage_districts(user=user, cycle=cycle, unit=unit):
        raise PermissionDenied


def districts_of(*, cycle: AuditCycle, unit: BusinessUnit) -> QuerySet[District]:
    """The candidate places of `unit` in `cycle`, each with its number of interviews (withdrawn
    ones left out). One query."""
    return District.objects.filter(cycle=cycle, unit=unit).annotate(
        interview_count=Count("interviews", filter=Q(interviews__withdrawn_at__isnull=True))
    )


def district_get(*, cycle: AuditCycle, unit: BusinessUnit, pk: int) -> District:
    try:
        return District.objects.select_related("cycle").get(cycle=cycle, unit=unit, pk=pk)
    except District.DoesNotExist as exc:
        raise Http404 from exc


def draws_of(*, cycle: AuditCycle, unit: BusinessUnit) -> QuerySet[DistrictDraw]:
    """Every draw at `unit` in `cycle`, the current one first, then the superseded ones newest
    first. One query."""
    return (
        DistrictDraw.objects.filter(cycle=cycle, unit=unit)
        .select_related("drawn_by")
        .order_by("-is_current", "-drawn_at", "-id")
    )


def current_draws(cycle: AuditCycle) -> QuerySet[DistrictDraw]:
    """The current draw of every unit in `cycle`, by unit name, for the report's method section.
    One query."""
    return (
        DistrictDraw.objects.filter(cycle=cycle, is_current=True)
        .select_related("unit", "drawn_by")
        .order_by("unit__name")
    )
