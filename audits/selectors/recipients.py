"""Who must hear of something in the audit chain: the people holding a capacity
(`audits.selectors.capacities`) at a unit in a cycle, read the other way round. Notifications
(issue 16 §3) go to exactly these people, so nobody is told of what they may not act on."""

from django.db.models import QuerySet

from audits.models import AuditCycle
from uwvkms.constants import Role
from uwvkms.models import BusinessUnit, User
from uwvkms.selectors import users_with_role


def audit_team_of(*, cycle: AuditCycle, unit: BusinessUnit) -> QuerySet[User]:
    """The active Toetsers on the audit team of `unit` in `cycle` (capacity AUDITOR)."""
    return users_with_role(Role.TOETSER).filter(
        audit_assignments__cycle=cycle, audit_assignments__unit=unit
    )


def coordination_team() -> QuerySet[User]:
    """The active members of the coordination team (capacity COORDINATOR, every unit)."""
    return users_with_role(Role.COORDINATIETEAM)


def unit_board_of(unit: BusinessUnit | int) -> QuerySet[User]:
    """The active members of the board of `unit` (capacity BOARD)."""
    unit_id = unit.pk if isinstance(unit, BusinessUnit) else unit
    return users_with_role(Role.DIRECTIE).filter(business_unit_id=unit_id)


def executive_board() -> QuerySet[User]:
    """The active members of the Raad van Bestuur (capacity RVB)."""
    return users_with_role(Role.RVB)
