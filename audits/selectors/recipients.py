"""Who must hear of something in the audit chain: the people holding a capacity
(`audits.selectors.capacities`) at a unit in a cycle, read the other way round. Notifications
(issue 16 §3) go to exactly these people, so nobody is told of what they may not act on."""

from collections.abc import Collection

from django.db.models import F, QuerySet

from audits.models import Assignment, AuditCycle, QualityContact
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


def unit_boards_of(unit_ids: Collection[int]) -> QuerySet[User]:
    """The active board members of all these units at once (capacity BOARD)."""
    return users_with_role(Role.DIRECTIE).filter(business_unit_id__in=unit_ids)


def quality_contacts_of(unit_ids: Collection[int]) -> QuerySet[QualityContact]:
    """The current quality contacts of these units whose accounts are active (capacity
    QUALITY_CONTACT), with their users."""
    return QualityContact.objects.filter(
        unit_id__in=unit_ids, user__is_active=True, user__business_unit_id=F("unit_id")
    ).select_related("user")


def unit_side_of(unit: BusinessUnit | int) -> list[User]:
    """Who answers a unit's evidence requests: its board and its quality contacts."""
    unit_id = unit.pk if isinstance(unit, BusinessUnit) else unit
    board = list(unit_board_of(unit_id))
    return board + [contact.user for contact in quality_contacts_of([unit_id])]


def lead_assignments_of(unit_ids: Collection[int]) -> QuerySet[Assignment]:
    """The lead auditors' assignments at these units (every cycle), with the auditors."""
    return Assignment.objects.filter(
        unit_id__in=unit_ids, is_lead=True, auditor__is_active=True
    ).select_related("auditor")
