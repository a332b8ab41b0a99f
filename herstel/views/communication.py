"""Views of the communication track: the issue status and the issuemanager (Communicatie), the
communication working group and the kapstokverhaal with its versions and status (the
issuemanager), and the page that shows them with the tasks per discipline (`communication_tasks`)
and the latest version's comment thread (`herstel.comments`)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from herstel.communication_rules import task_update_refusal
from herstel.constants import Operation
from herstel.forms.communication import CommunicationTaskForm, IssuemanagerForm
from herstel.forms.records import (
    CommunicationMemberForm,
    IssueForm,
    KapstokForm,
    KapstokMoveForm,
    QuestionAnswerFormSet,
)
from herstel.rules import kapstok_moves
from herstel.selectors import actions as selectors
from herstel.selectors import records
from herstel.services import communication as services
from herstel.views.actions import refusal_on_top, require_capacity, require_right
from uwvkms.forms import add_service_errors, posted_data
from uwvkms.selectors import business_units


def may_update_task(access, task, user) -> bool:
    """Whether the page offers this user the update of `task` (the service would accept):
    the issuemanager, or the task's owner, while the action is open."""
    is_owner = task.owner_user_id is not None and task.owner_user_id == user.pk
    refusal = task_update_refusal(
        capacities=access.capacities, is_owner=is_owner, step=access.action.step
    )
    return refusal is None


def communication_page(
    request,
    access,
    *,
    issue_form=None,
    issuemanager_form=None,
    member_form=None,
    task_form=None,
    move_errors=(),
    status=200,
):
    action = access.action
    versions = records.kapstok_versions(action)
    latest = versions[0] if versions else None
    tasks = records.communication_tasks_of(action) if action.is_issue else []
    for task in tasks:
        task.updatable = not task.is_withdrawn and may_update_task(access, task, request.user)
    moves = []
    if latest is not None and access.may(Operation.EDIT_COMMUNICATION):
        moves = [
            (
                move,
                KapstokMoveForm(
                    initial={"move": move.value, "status": latest.status}, prefix=move.value
                ),
            )
            for move in kapstok_moves(latest.status)
        ]
    return render(
        request,
        "herstel/communication.html",
        {
            "access": access,
            "action": action,
            "issue_form": issue_form or IssueForm(initial={"is_issue": not action.is_issue}),
            "issuemanager_form": issuemanager_form
            or IssuemanagerForm(
                users=records.communication_people(),
                initial={"user": action.issuemanager_id},
            ),
            "members": records.communication_members_of(action) if action.is_issue else [],
            "member_form": member_form or CommunicationMemberForm(users=records.people()),
            "tasks": tasks,
            "task_form": task_form
            or CommunicationTaskForm(users=records.people(), units=business_units()),
            "latest": latest,
            "versions": versions,
            "kapstok_moves": moves,
            "move_errors": list(move_errors),
        },
        status=status,
    )


def communication(request, pk: int):
    access = selectors.herstelactie_get_for_user(user=request.user, pk=pk)
    return communication_page(request, access)


@require_POST
def issue_set(request, pk: int):
    access = selectors.herstelactie_get_for_user(user=request.user, pk=pk)
    require_capacity(access, Operation.SET_ISSUE)
    form = IssueForm(request.POST)
    if form.is_valid():
        try:
            action = services.issue_set(
                actor=request.user, herstelactie=access.action, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("De herstelactie is gemarkeerd als issue.")
                if action.is_issue
                else _("De herstelactie is niet langer een issue."),
            )
            return redirect("herstel:communication", pk=action.pk)
    refusal_on_top(request, form, form_shown=access.may(Operation.SET_ISSUE))
    return communication_page(request, access, issue_form=form, status=400)


@require_POST
def issuemanager_set(request, pk: int):
    access = selectors.herstelactie_get_for_user(user=request.user, pk=pk)
    require_capacity(access, Operation.DESIGNATE_ISSUEMANAGER)
    form = IssuemanagerForm(request.POST, users=records.communication_people())
    if form.is_valid():
        try:
            action = services.issuemanager_set(
                actor=request.user, herstelactie=access.action, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(name)s is de issuemanager van deze herstelactie.")
                % {"name": action.issuemanager},
            )
            return redirect("herstel:communication", pk=action.pk)
    shown = access.may(Operation.DESIGNATE_ISSUEMANAGER) and access.action.is_issue
    refusal_on_top(request, form, form_shown=shown)
    return communication_page(request, access, issuemanager_form=form, status=400)


@require_POST
def communication_member_add(request, pk: int):
    access = selectors.herstelactie_get_for_user(user=request.user, pk=pk)
    require_capacity(access, Operation.EDIT_COMMUNICATION)
    form = CommunicationMemberForm(request.POST, users=records.people())
    if form.is_valid():
        try:
            member = services.communication_member_add(
                actor=request.user, herstelactie=access.action, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(name)s is lid van de communicatiewerkgroep.") % {"name": member.name},
            )
            return redirect("herstel:communication", pk=access.action.pk)
    shown = access.may(Operation.EDIT_COMMUNICATION) and access.action.is_issue
    refusal_on_top(request, form, form_shown=shown)
    return communication_page(request, access, member_form=form, status=400)


@require_POST
def communication_member_remove(request, pk: int, member_pk: int):
    access = selectors.herstelactie_get_for_user(user=request.user, pk=pk)
    require_capacity(access, Operation.EDIT_COMMUNICATION)
    member = records.communication_member_get(action=access.action, pk=member_pk)
    try:
        services.communication_member_remove(actor=request.user, member=member)
    except ValidationError as exc:
        # The step does not allow it (a closed action): say why, change nothing.
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("%(name)s is uit de communicatiewerkgroep gehaald.") % {"name": member.name}
        )
    return redirect("herstel:communication", pk=access.action.pk)


def kapstok_edit(request, pk: int):
    access = selectors.herstelactie_get_for_user(user=request.user, pk=pk)
    require_right(access, Operation.EDIT_COMMUNICATION)
    action = access.action
    versions = records.kapstok_versions(action)
    latest = versions[0] if versions else None
    initial = {"version": latest.version if latest else 0}
    qa_initial = None
    if latest is not None:
        initial |= {
            "narrative": latest.narrative,
            "key_messages": latest.key_messages,
            "joint_approach": latest.joint_approach,
        }
        qa_initial = [{"question": qa.question, "answer": qa.answer} for qa in latest.qas.all()]
    form = KapstokForm(posted_data(request), initial=initial)
    formset = QuestionAnswerFormSet(posted_data(request), initial=qa_initial, prefix="qa")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            version = services.kapstok_save(
                actor=request.user,
                herstelactie=action,
                expected_version=form.cleaned_data["version"],
                narrative=form.cleaned_data["narrative"],
                key_messages=form.cleaned_data["key_messages"],
                joint_approach=form.cleaned_data["joint_approach"],
                questions_answers=[
                    (f.cleaned_data.get("question", ""), f.cleaned_data.get("answer", ""))
                    for f in formset.forms
                    if f.cleaned_data
                ],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Versie %(version)s van het kapstokverhaal is opgeslagen als concept.")
                % {"version": version.version},
            )
            return redirect("herstel:communication", pk=action.pk)
    return render(
        request,
        "herstel/kapstok_form.html",
        {"access": access, "action": action, "form": form, "formset": formset, "latest": latest},
        status=400 if request.method == "POST" else 200,
    )


def kapstok_version(request, pk: int, version: int):
    """One version of the kapstokverhaal with its comment thread (`herstel.comments`)."""
    access = selectors.herstelactie_get_for_user(user=request.user, pk=pk)
    kapstok = records.kapstok_get(action=access.action, version=version)
    return render(
        request,
        "herstel/kapstok_version.html",
        {"access": access, "action": access.action, "kapstok": kapstok},
    )


@require_POST
def kapstok_move(request, pk: int):
    access = selectors.herstelactie_get_for_user(user=request.user, pk=pk)
    require_capacity(access, Operation.EDIT_COMMUNICATION)
    versions = records.kapstok_versions(access.action)
    prefix = next((k.removesuffix("-move") for k in request.POST if k.endswith("-move")), None)
    form = KapstokMoveForm(request.POST, prefix=prefix)
    if not versions or not form.is_valid():
        return communication_page(
            request, access, move_errors=[_("Er is geen versie om verder te zetten.")], status=400
        )
    try:
        kapstok = services.kapstok_move(
            actor=request.user,
            kapstok=versions[0],
            move=form.cleaned_data["move"],
            expected_status=form.cleaned_data["status"],
        )
    except ValidationError as exc:
        return communication_page(request, access, move_errors=exc.messages, status=400)
    messages.success(
        request,
        _("Versie %(version)s van het kapstokverhaal staat nu op %(status)s.")
        % {"version": kapstok.version, "status": kapstok.get_status_display()},
    )
    return redirect("herstel:communication", pk=access.action.pk)
