"""What every herstel service checks before it writes: who the actor is for the action, whether
the step allows the change, and whether the user saw the current version (optimistic locking)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from herstel.constants import OPERATION_RIGHTS, Capacity, Operation
from herstel.models import Herstelactie
from herstel.permissions import may, may_by_capacity, role_capacities
from uwvkms.formats import local_datetime
from uwvkms.models import User
from uwvkms.selectors import audit_events_for

# The events that raise the action's version: a stale save names the author of the last of these.
VERSIONED_EVENTS = frozenset(
    {
        "herstel.action.started",
        "herstel.action.updated",
        "herstel.action.lead_unit_changed",
        "herstel.advice.updated",
        "herstel.step.moved",
        "herstel.execution_plan.updated",
        "herstel.estimate.set",
    }
)


class ActionConflict(ValidationError):
    """Someone else changed the herstelactie after this user opened it (optimistic locking)."""


def locked(herstelactie: Herstelactie) -> Herstelactie:
    """The action re-read under a row lock, so concurrent writes queue up behind each other."""
    return (
        Herstelactie.objects.select_for_update().select_related("lead_unit").get(pk=herstelactie.pk)
    )


def capacities_of(actor: User, herstelactie: Herstelactie) -> frozenset[Capacity]:
    return role_capacities(actor, lead_unit_id=herstelactie.lead_unit_id)


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
    """Refuse a save made on a version of the action that is no longer current, naming who
    changed it last and when."""
    if herstelactie.version == expected_version:
        return
    last = audit_events_for(herstelactie).filter(event__in=VERSIONED_EVENTS).first()
    if last is None or last.actor is None:
        raise ActionConflict(
            _(
                "Deze herstelactie is intussen door iemand anders gewijzigd. Uw invoer is niet "
                "opgeslagen; bekijk de actuele versie en pas die zo nodig aan."
            )
        )
    raise ActionConflict(
        _(
            "Deze herstelactie is intussen gewijzigd door %(who)s (%(when)s). Uw invoer is niet "
            "opgeslagen; bekijk de actuele versie en pas die zo nodig aan."
        )
        % {"who": last.actor, "when": local_datetime(last.occurred_at)}
    )


def field_changes(old: dict, new: dict) -> dict[str, list]:
    """`{field: [old, new]}` for every field whose value differs between two snapshots."""
    return {key: [old.get(key), value] for key, value in new.items() if old.get(key) != value}


def plain(value):
    """A value as the event log stores it (JSON): dates as ISO text, amounts as text."""
    if value is None or isinstance(value, bool | int | str | list):
        return value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)
