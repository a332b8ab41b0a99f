"""Writes of the joint approach's tasks (issue 20; the process guide's "Communicatie"): the
issuemanager sets out a task per discipline (woordvoering, public affairs, interne communicatie,
C&A, each involved division); the owner of a task and the issuemanager update it. Every change
is in the event log, and so on the timeline. (The comments on a version of the kapstokverhaal
are the core's comment thread: `herstel.comments`.)"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from herstel.communication_rules import (
    task_problems,
    task_status_problem,
    task_update_refusal,
    updates_task,
)
from herstel.constants import Operation, TaskStatus
from herstel.events import (
    COMMUNICATION_TASK_ADDED,
    COMMUNICATION_TASK_UPDATED,
    COMMUNICATION_TASK_WITHDRAWN,
)
from herstel.models import CommunicationTask, Herstelactie
from herstel.notifications import notify_task_owner
from herstel.services.communication import require_issue
from herstel.services.guards import capacities_of, locked, require_operation
from uwvkms.models import BusinessUnit, User
from uwvkms.services import audit_event_record
from uwvkms.versioning import model_update, version_check
from uwvkms.withdrawal import withdraw

TASK = gettext_lazy("Deze communicatietaak")


def _task_name(task: CommunicationTask) -> str:
    return f"{task.discipline_label} · {task.owner_name}"


@transaction.atomic
def communication_task_add(
    *,
    actor: User,
    herstelactie: Herstelactie,
    discipline: str,
    description: str,
    due_on: datetime.date | None,
    business_unit: BusinessUnit | None = None,
    owner_user: User | None = None,
    owner_name: str = "",
) -> CommunicationTask:
    """The issuemanager sets out what one discipline (or one involved division) does for the
    joint approach: the task, its owner (a user, who then reads the action and updates the task,
    or a name) and its due date. It starts open; an owner who is a user is notified."""
    herstelactie = locked(herstelactie)
    require_operation(actor, herstelactie, Operation.EDIT_COMMUNICATION)
    require_issue(herstelactie)
    owner_name = (owner_name or "").strip() or (str(owner_user) if owner_user else "")
    description = (description or "").strip()
    errors = task_problems(
        discipline=discipline,
        business_unit_id=business_unit.pk if business_unit else None,
        owner_name=owner_name,
        due_on=due_on,
        status=TaskStatus.OPEN,
        done="",
        today=timezone.localdate(),
    )
    if not description:
        errors["description"] = _("Beschrijf wat deze discipline doet.")
    if errors:
        raise ValidationError(errors)
    task = CommunicationTask(
        herstelactie=herstelactie,
        discipline=discipline,
        business_unit=business_unit,
        description=description,
        owner_user=owner_user,
        owner_name=owner_name,
        due_on=due_on,
        created_by=actor,
        updated_by=actor,
    )
    task.full_clean()
    task.save()
    audit_event_record(
        event=COMMUNICATION_TASK_ADDED,
        actor=actor,
        target=herstelactie,
        changes={
            "communication_task": [None, _task_name(task)],
            "description": [None, task.description],
            "due_on": [None, task.due_on.isoformat()],
            "task_status": [None, task.status],
        },
    )
    notify_task_owner(task, actor=actor)
    return task


def _may_update(actor: User, task: CommunicationTask, herstelactie: Herstelactie) -> None:
    """PermissionDenied for anyone but the issuemanager and the task's owner; a
    ValidationError when the action is closed."""
    capacities = capacities_of(actor, herstelactie)
    is_owner = task.owner_user_id is not None and task.owner_user_id == actor.pk
    if not updates_task(capacities=capacities, is_owner=is_owner):
        raise PermissionDenied
    refusal = task_update_refusal(capacities=capacities, is_owner=is_owner, step=herstelactie.step)
    if refusal is not None:
        raise ValidationError(refusal)


@transaction.atomic
def communication_task_update(
    *,
    actor: User,
    task: CommunicationTask,
    expected_version: int,
    status: str,
    done: str,
    due_on: datetime.date | None,
) -> CommunicationTask:
    """The owner or the issuemanager records where the task stands and what was done (and may
    move the due date). `expected_version` is the version the user saw: when someone else
    updated the task since, EditConflict names who and nothing is saved."""
    herstelactie = locked(task.herstelactie)
    task = CommunicationTask.with_withdrawn.select_for_update().get(pk=task.pk)
    _may_update(actor, task, herstelactie)
    if task.is_withdrawn:
        raise ValidationError(
            _("Deze taak is ingetrokken (%(summary)s); er is niets gewijzigd.")
            % {"summary": task.withdrawal_summary()}
        )
    data = {"status": status, "done": (done or "").strip(), "due_on": due_on}
    errors = task_problems(
        discipline=task.discipline,
        business_unit_id=task.business_unit_id,
        owner_name=task.owner_name,
        due_on=due_on,
        status=status,
        done=data["done"],
        today=timezone.localdate(),
        previous_due_on=task.due_on,
    )
    # An edit conflict first: a refusal of a status move may come from what the other changed.
    version_check(task, expected_version=expected_version, what=TASK)
    status_problem = task_status_problem(task.status, status)
    if status_problem:
        errors["status"] = status_problem
    if errors:
        raise ValidationError(errors)
    changes = model_update(task, actor=actor, data=data)
    if changes:
        if "status" in changes:
            changes["task_status"] = changes.pop("status")
        audit_event_record(
            event=COMMUNICATION_TASK_UPDATED,
            actor=actor,
            target=herstelactie,
            changes={"communication_task": [_task_name(task), _task_name(task)], **changes},
        )
    return task


@transaction.atomic
def communication_task_withdraw(
    *, actor: User, task: CommunicationTask, reason: str
) -> CommunicationTask:
    """The issuemanager withdraws a task set out in error, with a reason; it stays visible,
    struck through."""
    herstelactie = locked(task.herstelactie)
    require_operation(actor, herstelactie, Operation.EDIT_COMMUNICATION)
    task = CommunicationTask.with_withdrawn.select_for_update().get(pk=task.pk)
    changes = withdraw(task, actor=actor, reason=reason, what=TASK)
    audit_event_record(
        event=COMMUNICATION_TASK_WITHDRAWN,
        actor=actor,
        target=herstelactie,
        changes={"communication_task": [_task_name(task), _task_name(task)], **changes},
        reason=task.withdrawal_reason,
    )
    return task
