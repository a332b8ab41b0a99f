"""Writes of the working group (DOMAIN.md §6, step 1): members with their role, the interest
groups consulted, and the configurable list of fixed contact persons."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from herstel.constants import Operation
from herstel.events import (
    CONSULTATION_RECORDED,
    CONTACT_POINT_ACTIVATED,
    CONTACT_POINT_CREATED,
    CONTACT_POINT_DEACTIVATED,
    CONTACT_POINT_UPDATED,
    MEMBER_ADDED,
    MEMBER_REMOVED,
)
from herstel.models import (
    ContactPoint,
    Herstelactie,
    InterestGroupConsultation,
    WorkingGroupMember,
)
from herstel.notifications import inform_contacts
from herstel.permissions import may_manage_contact_points
from herstel.services.guards import locked, require_operation
from uwvkms.changes import changes_between
from uwvkms.models import User
from uwvkms.services import active_set, audit_event_record


def _member_name(user: User | None, name: str) -> str:
    name = (name or "").strip()
    if user is not None and not name:
        return str(user)
    if not name:
        raise ValidationError({"name": _("Kies een gebruiker of vul een naam in.")})
    return name


@transaction.atomic
def working_group_member_add(
    *,
    actor: User,
    herstelactie: Herstelactie,
    role: str,
    user: User | None = None,
    name: str = "",
    directorate: str = "",
) -> WorkingGroupMember:
    """Add someone to the working group with their role. A member who is a user reads the
    action from then on, and is informed of it by a notification asking them to take note
    (issue 20): recorded as informed today."""
    herstelactie = locked(herstelactie)
    require_operation(actor, herstelactie, Operation.EDIT_WORKING_GROUP)
    role = (role or "").strip()
    if not role:
        raise ValidationError({"role": _("Geef de rol in de werkgroep.")})
    if (
        user is not None
        and WorkingGroupMember.objects.filter(herstelactie=herstelactie, user=user).exists()
    ):
        raise ValidationError({"user": _("%(name)s zit al in de werkgroep.") % {"name": user}})
    member = WorkingGroupMember(
        herstelactie=herstelactie,
        user=user,
        name=_member_name(user, name),
        directorate=directorate or "",
        role=role,
        informed_on=timezone.localdate() if user is not None and user.is_active else None,
    )
    member.full_clean(validate_constraints=False)
    member.save()
    audit_event_record(
        event=MEMBER_ADDED,
        actor=actor,
        target=herstelactie,
        changes={"member": [None, f"{member.name} ({member.role})"]},
    )
    if user is not None:
        inform_contacts(herstelactie, [user], actor=actor)
    return member


@transaction.atomic
def working_group_member_remove(*, actor: User, member: WorkingGroupMember) -> None:
    """Take someone out of the working group. The fixed contact persons stay: they are always
    informed."""
    herstelactie = locked(member.herstelactie)
    require_operation(actor, herstelactie, Operation.EDIT_WORKING_GROUP)
    if member.informed_on is not None and member.contact_point_id is not None:
        raise ValidationError(
            _("%(name)s is vaste contactpersoon en blijft in de werkgroep.") % {"name": member.name}
        )
    audit_event_record(
        event=MEMBER_REMOVED,
        actor=actor,
        target=herstelactie,
        changes={"member": [f"{member.name} ({member.role})", None]},
    )
    member.delete()


@transaction.atomic
def consultation_record(
    *,
    actor: User,
    herstelactie: Herstelactie,
    kind: str,
    name: str,
    consulted_on: date,
    outcome: str,
) -> InterestGroupConsultation:
    """Record that an interest group was consulted, when, and what came of it."""
    herstelactie = locked(herstelactie)
    require_operation(actor, herstelactie, Operation.EDIT_WORKING_GROUP)
    consultation = InterestGroupConsultation(
        herstelactie=herstelactie,
        kind=kind,
        name=(name or "").strip(),
        consulted_on=consulted_on,
        outcome=(outcome or "").strip(),
        recorded_by=actor,
    )
    consultation.full_clean()
    consultation.save()
    audit_event_record(
        event=CONSULTATION_RECORDED,
        actor=actor,
        target=herstelactie,
        changes={
            "consultation": [None, f"{consultation.name} ({consultation.get_kind_display()})"],
            "consulted_on": [None, consulted_on.isoformat()],
            "outcome": [None, consultation.outcome],
        },
    )
    return consultation


# --- The fixed contact persons ---------------------------------------------------------------


def _require_manager(actor: User) -> None:
    if not may_manage_contact_points(actor):
        raise PermissionDenied


def _contact_snapshot(point: ContactPoint) -> dict:
    return {
        "directorate": point.directorate,
        "name": point.name,
        "email": point.email,
        "user": str(point.user) if point.user_id else None,
        "is_active": point.is_active,
    }


@transaction.atomic
def contact_point_create(
    *, actor: User, directorate: str, name: str, email: str = "", user: User | None = None
) -> ContactPoint:
    """Add a fixed contact person of a division or directorate (Beheerder or SBK). New actions
    inform them from now on; running actions keep their working group."""
    _require_manager(actor)
    point = ContactPoint(
        directorate=directorate, name=_member_name(user, name), email=email or "", user=user
    )
    point.full_clean()
    point.save()
    audit_event_record(
        event=CONTACT_POINT_CREATED,
        actor=actor,
        target=point,
        changes={key: [None, value] for key, value in _contact_snapshot(point).items()},
    )
    return point


@transaction.atomic
def contact_point_update(
    *,
    actor: User,
    contact_point: ContactPoint,
    directorate: str,
    name: str,
    email: str = "",
    user: User | None = None,
) -> ContactPoint:
    """Change a fixed contact person."""
    _require_manager(actor)
    point = ContactPoint.objects.select_for_update().get(pk=contact_point.pk)
    old = _contact_snapshot(point)
    point.directorate, point.name = directorate, _member_name(user, name)
    point.email, point.user = email or "", user
    point.full_clean()
    changes = changes_between(old, _contact_snapshot(point))
    if changes:
        point.save()
        audit_event_record(event=CONTACT_POINT_UPDATED, actor=actor, target=point, changes=changes)
    return point


@transaction.atomic
def contact_point_set_active(
    *, actor: User, contact_point: ContactPoint, is_active: bool
) -> ContactPoint:
    """Stop informing a contact person for new actions, or start again."""
    _require_manager(actor)
    return active_set(
        actor=actor,
        instance=contact_point,
        is_active=is_active,
        on=CONTACT_POINT_ACTIVATED,
        off=CONTACT_POINT_DEACTIVATED,
    )
