"""Who acts in the audit chain, and in which capacity (DOMAIN.md §1): one vocabulary for audits,
maturity and findings, as herstel has its own (`herstel.constants.Capacity`).

A user's capacities at one unit in one cycle follow from their roles, their own business unit
and whether they sit on the unit's audit team:

| capacity | who |
|---|---|
| `AUDITOR` | a Toetser on the audit team of the unit in the cycle |
| `LEAD_AUDITOR` | the Toetser who leads that team (also `AUDITOR`) |
| `COORDINATOR` | the coordination team (every unit, every cycle) |
| `BOARD` | Directie bedrijfsonderdeel of that unit itself |
| `QUALITY_CONTACT` | a user of that unit whom its board designated (issue 21 §1): answers the unit's evidence requests, nothing else |
| `RVB` | the Raad van Bestuur |

Cross-auditing (an auditor never audits their own unit) is enforced when assigning, so the
capacities need not repeat it. `capacities_held` is the pure rule; `audit_capacities` reads the
one fact it needs from the database (the assignment), and only for a Toetser. Views call it
through their access-checked getters; every write service calls `require_audit_capacity` first,
so a service is safe whoever calls it (the HTML views, the REST API, the demo loader).
"""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet

from audits.constants import AuditCapacity
from audits.models import Assignment, AuditCycle, QualityContact
from audits.rules import capacities_held
from uwvkms.constants import Role
from uwvkms.models import USER_FACTS, BusinessUnit, User

QUALITY_CONTACT_FACT = "is_quality_contact"


def _quality_contact_exists():
    """Whether the outer user is a (current) quality contact of their own business unit: a
    contact is always a user of the unit (`quality_contact_designate`)."""
    return Exists(
        QualityContact.objects.filter(
            user=OuterRef("pk"), unit=OuterRef("business_unit"), withdrawn_at__isnull=True
        )
    )


def register_quality_contact_fact() -> None:
    """Load whether a user is a quality contact with their roles (no query of its own)."""
    USER_FACTS[QUALITY_CONTACT_FACT] = _quality_contact_exists


def is_quality_contact(user) -> bool:
    """Whether `user` is a quality contact of their own unit (loaded with their roles)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return bool(user.fact(QUALITY_CONTACT_FACT))


# Passed as `assignment_lead` when the caller has not looked the assignment up.
_UNKNOWN = object()


def roles_of(user) -> frozenset[str]:
    """The role names an authenticated, active user holds (cached on the user, no query after
    the first role check of a request)."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    return frozenset(role.value for role in Role if user.has_role(role))


def audit_capacities(
    user: User,
    *,
    cycle: AuditCycle | None = None,
    unit: BusinessUnit | int | None = None,
    assignment_lead=_UNKNOWN,
) -> frozenset[AuditCapacity]:
    """The capacities of `user` at `unit` in `cycle` (see the module docstring); without a unit,
    the cycle-wide ones (coordination team, RvB). One query for a Toetser, none for anyone
    else; a caller that already read the user's assignments passes `assignment_lead` (None:
    not on the team) and pays none. `unit` may be given by its id (a check before the page
    fetches it, so a stranger gets 403 before any 404)."""
    roles = roles_of(user)
    quality_contact = is_quality_contact(user)
    if not roles and not quality_contact:
        return frozenset()
    unit_id = unit.pk if isinstance(unit, BusinessUnit) else unit
    if assignment_lead is _UNKNOWN:
        assignment_lead = None
        if Role.TOETSER in roles and cycle is not None and unit is not None:
            assignment_lead = (
                Assignment.objects.filter(auditor=user, cycle=cycle, unit_id=unit_id)
                .values_list("is_lead", flat=True)
                .first()
            )
    return capacities_held(
        roles=roles,
        user_unit_id=user.business_unit_id,
        unit_id=unit_id,
        assignment_lead=assignment_lead,
        quality_contact=quality_contact,
    )


def require_audit_capacity(
    user: User,
    *,
    allowed: Iterable[AuditCapacity],
    cycle: AuditCycle | None = None,
    unit: BusinessUnit | int | None = None,
) -> frozenset[AuditCapacity]:
    """PermissionDenied unless `user` holds one of the `allowed` capacities at `unit` in
    `cycle`; returns the capacities held. The first line of every write service of audits,
    maturity and findings."""
    held = audit_capacities(user, cycle=cycle, unit=unit)
    if not held & set(allowed):
        raise PermissionDenied
    return held


def capacity_holders(
    *,
    allowed: Iterable[AuditCapacity],
    cycle: AuditCycle | None = None,
    unit: BusinessUnit | int | None = None,
) -> QuerySet[User]:
    """The active users who hold one of the `allowed` capacities at `unit` in `cycle`: the
    query form of `audit_capacities` (the same table, module docstring), for a list of who may
    read something (the mention list of a comment thread). One query when evaluated."""
    allowed = set(allowed)
    unit_id = unit.pk if isinstance(unit, BusinessUnit) else unit

    def role(name: Role) -> Q:
        return Q(groups__name=name.value)

    holds = Q(pk__in=[])
    if (
        unit_id is not None
        and cycle is not None
        and allowed
        & {
            AuditCapacity.AUDITOR,
            AuditCapacity.LEAD_AUDITOR,
        }
    ):
        team = Assignment.objects.filter(cycle=cycle, unit_id=unit_id)
        if AuditCapacity.AUDITOR not in allowed:
            team = team.filter(is_lead=True)
        holds |= role(Role.TOETSER) & Q(pk__in=team.values("auditor_id"))
    if AuditCapacity.COORDINATOR in allowed:
        holds |= role(Role.COORDINATIETEAM)
    if unit_id is not None and AuditCapacity.BOARD in allowed:
        holds |= role(Role.DIRECTIE) & Q(business_unit_id=unit_id)
    if unit_id is not None and AuditCapacity.QUALITY_CONTACT in allowed:
        contacts = QualityContact.objects.filter(unit_id=unit_id, withdrawn_at__isnull=True)
        holds |= Q(business_unit_id=unit_id, pk__in=contacts.values("user_id"))
    if AuditCapacity.RVB in allowed:
        holds |= role(Role.RVB)
    return User.objects.filter(holds, is_active=True).distinct()
