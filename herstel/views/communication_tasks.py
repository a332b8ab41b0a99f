"""Views of the joint approach's tasks per discipline (issue 20). The tasks are shown on the
communication page (`communication.communication_page`); here they are written. The comments on
the kapstokverhaal are the core's comment thread (`herstel.comments`, `uwvkms.comment_views`)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from herstel.constants import Operation
from herstel.forms.communication import (
    CommunicationTaskForm,
    CommunicationTaskUpdateForm,
    CommunicationTaskWithdrawForm,
)
from herstel.selectors import actions as selectors
from herstel.selectors import records
from herstel.services import communication_tasks as services
from herstel.views.actions import refusal_on_top, require_capacity, require_right
from herstel.views.communication import communication_page, may_update_task
from uwvkms.forms import add_service_errors, posted_data
from uwvkms.selectors import business_units


@require_POST
def communication_task_add(request, pk: int):
    access = selectors.herstelactie_get_for_user(user=request.user, pk=pk)
    require_capacity(access, Operation.EDIT_COMMUNICATION)
    form = CommunicationTaskForm(request.POST, users=records.people(), units=business_units())
    if form.is_valid():
        try:
            task = services.communication_task_add(
                actor=request.user, herstelactie=access.action, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("De taak voor %(discipline)s is uitgezet bij %(owner)s.")
                % {"discipline": task.discipline_label, "owner": task.owner_name},
            )
            return redirect("herstel:communication", pk=access.action.pk)
    shown = access.may(Operation.EDIT_COMMUNICATION) and access.action.is_issue
    refusal_on_top(request, form, form_shown=shown)
    return communication_page(request, access, task_form=form, status=400)


def communication_task_update(request, pk: int, task_pk: int):
    """The owner of a task or the issuemanager records its status and what was done."""
    access = selectors.herstelactie_get_for_user(user=request.user, pk=pk)
    task = records.communication_task_get(action=access.action, pk=task_pk)
    if task.is_withdrawn or not may_update_task(access, task, request.user):
        raise PermissionDenied
    form = CommunicationTaskUpdateForm(
        posted_data(request),
        initial={
            "status": task.status,
            "done": task.done,
            "due_on": task.due_on,
            "version": task.version,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.communication_task_update(
                actor=request.user,
                task=task,
                expected_version=form.cleaned_data["version"],
                status=form.cleaned_data["status"],
                done=form.cleaned_data["done"],
                due_on=form.cleaned_data["due_on"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("De taak van %(name)s is bijgewerkt.") % {"name": task.owner_name}
            )
            return redirect("herstel:communication", pk=access.action.pk)
    return render(
        request,
        "herstel/communication_task_form.html",
        {
            "access": access,
            "action": access.action,
            "task": task,
            "form": form,
            "may_withdraw": access.may(Operation.EDIT_COMMUNICATION),
        },
        status=400 if form.is_bound else 200,
    )


def communication_task_withdraw(request, pk: int, task_pk: int):
    """The issuemanager withdraws a task set out in error (GET: the question; POST: the
    withdrawal with its reason)."""
    access = selectors.herstelactie_get_for_user(user=request.user, pk=pk)
    require_right(access, Operation.EDIT_COMMUNICATION)
    task = records.communication_task_get(action=access.action, pk=task_pk)
    form = CommunicationTaskWithdrawForm(posted_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.communication_task_withdraw(
                actor=request.user, task=task, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De taak is ingetrokken; ze blijft doorgestreept staan."))
            return redirect("herstel:communication", pk=access.action.pk)
    return render(
        request,
        "herstel/communication_withdraw.html",
        {
            "access": access,
            "action": access.action,
            "form": form,
            "title": _("Communicatietaak intrekken?"),
            "record": f"{task.discipline_label} · {task.owner_name}: {task.description}",
            "refusal": task.withdrawal_summary() if task.is_withdrawn else "",
            "button": _("Taak intrekken"),
        },
        status=400 if form.is_bound else 200,
    )
