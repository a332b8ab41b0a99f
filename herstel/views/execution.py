"""Views of step 3's execution page: the project structure with the plan of approach, and the
go/no-go moment."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from herstel.constants import GoOutcome, Operation
from herstel.forms.execution import ExecutionPlanForm, GoDecisionForm
from herstel.selectors import actions as selectors
from herstel.selectors import execution as execution_selectors
from herstel.selectors.documents import documents_to_refer
from herstel.services import execution as services
from herstel.views.actions import _move_forms, refusal_on_top, require_capacity, require_right
from uwvkms.forms import add_service_errors, posted_data


def _render(request, access, *, go_form=None, status=200):
    action = access.action
    go_decisions = execution_selectors.go_decisions_of(action)
    return render(
        request,
        "herstel/execution.html",
        {
            "access": access,
            "action": action,
            "plan": execution_selectors.execution_plan_of(action),
            "go_decisions": go_decisions,
            "latest_go": go_decisions[-1] if go_decisions else None,
            "go_form": go_form or GoDecisionForm(documents=documents_to_refer(action)),
            "GO": GoOutcome.GO,
            "move_forms": _move_forms(access),
        },
        status=status,
    )


def execution(request, pk: int):
    access = selectors.herstelactie_get_for_user(user=request.user, pk=pk)
    return _render(request, access)


def execution_plan_edit(request, pk: int):
    access = selectors.herstelactie_get_for_user(user=request.user, pk=pk)
    require_right(access, Operation.EDIT_EXECUTION_PLAN)
    action = access.action
    plan = execution_selectors.execution_plan_of(action)
    initial = {"version": action.version}
    if plan is not None:
        initial |= {name: getattr(plan, name) for name in services.PLAN_FIELDS}
    form = ExecutionPlanForm(posted_data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.execution_plan_save(
                actor=request.user,
                herstelactie=action,
                expected_version=data.pop("version"),
                **data,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("De projectstructuur en het plan van aanpak zijn opgeslagen.")
            )
            return redirect("herstel:execution", pk=action.pk)
    return render(
        request,
        "herstel/execution_plan_form.html",
        {"access": access, "action": action, "form": form},
        status=400 if form.errors else 200,
    )


@require_POST
def go_decision_add(request, pk: int):
    access = selectors.herstelactie_get_for_user(user=request.user, pk=pk)
    require_capacity(access, Operation.RECORD_GO_DECISION)
    form = GoDecisionForm(request.POST, documents=documents_to_refer(access.action))
    if form.is_valid():
        try:
            decision = services.go_decision_record(
                actor=request.user, herstelactie=access.action, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Het besluit “%(outcome)s” is vastgelegd.")
                % {"outcome": decision.get_outcome_display()},
            )
            return redirect("herstel:execution", pk=access.action.pk)
    refusal_on_top(request, form, form_shown=access.may(Operation.RECORD_GO_DECISION))
    return _render(request, access, go_form=form, status=400)
