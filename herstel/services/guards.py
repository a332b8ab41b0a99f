"""What every herstel service checks before it writes: who the actor is for the action, whether
the step allows the change, and whether the user saw the current version (optimistic locking)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from herstel.constants import OPERATION_RIGHTS, Capacity, Operation
from herstel.models import Herstelactie
from herstel.permissions import may, may_by_capacity, role_capacities
from herstel.selectors.actions import involved_unit_ids
from uwvkms.constants import Role
from uwvkms.models import User
from uwvkms.permissions import has_any_role
from uwvkms.versioning import version_check


def locked(herstelactie: Herstelactie) -> Herstelactie:
    """The action re-read under a row lock, so concurrent writes queue up behind each other."""
    return (
        Herstelactie.objects.select_for_update().select_related("lead_unit").get(pk=herstelactie.pk)
    )


def capacities_of(actor: User, herstelactie: Herstelactie) -> frozenset[Capacity]:
    """The actor's capacities for the action; for a DT member of another unit, whether their
    division is involved through the working group (one query, only then)."""
    involved: frozenset[int] = frozenset()
    unit_id = getattr(actor, "business_unit_id", None)
    if (
        unit_id is not None
        and unit_id != herstelactie.lead_unit_id
        and has_any_role(actor, Role.DIRECTIE)
    ):
        involved = involved_unit_ids(herstelactie)
    return role_capacities(
        actor,
        lead_unit_id=herstelactie.lead_unit_id,
        issuemanager_id=herstelactie.issuemanager_id,
        involved_unit_ids=involved,
    )


def require_operation(actor: User, herstelactie: Herstelactie, operation: Operation) -> None:
    """PermissionDenied when the actor may never do `operation` on this action; a
    ValidationError with the reason when the action's step does not allow it now."""
    capacities = capacities_of(actor, herstelactie)
    if not may_by_capacity(operation, capacities=capacities):
        raise PermissionDenied
    if not may(operation, capacities=capacities, step=herstelactie.step):
        steps = ", ".join(
            str(label)
            for value, label in herstelactie._meta.get_field("step").choices
            if value in OPERATION_RIGHTS[operation].steps
        )
        raise ValidationError(
            _("%(operation)s kan niet in %(step)s (wel in: %(steps)s).")
            % {
                "operation": operation.label,
                "step": herstelactie.get_step_display(),
                "steps": steps,
            }
        )


def require_version(herstelactie: Herstelactie, expected_version: int) -> None:
    """Refuse (EditConflict) a save made on a version of the action that is no longer current,
    naming who changed it last and when: `uwvkms.versioning.version_check` for the action."""
    version_check(herstelactie, expected_version=expected_version, what=_("Deze herstelactie"))
