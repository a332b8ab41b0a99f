"""Views of step 4: the evaluations of an action (client experience with survey figures,
internal process, every control measure), completing one, planning a next one or calling it
off."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from herstel.constants import Operation
from herstel.forms.execution import (
    EvaluationCancelForm,
    EvaluationCompleteForm,
    EvaluationForm,
    EvaluationPlanForm,
    MeasureJudgementForm,
    implemented_initial,
)
from herstel.rules import MeasureJudgement, evaluation_gaps, follow_up_blockers
from herstel.selectors import actions as selectors
from herstel.selectors import execution as execution_selectors
from herstel.services import evaluation as services
from herstel.views.actions import _move_forms, refusal_on_top, require_capacity
from uwvkms.forms import add_service_errors

EVALUATION_FIELDS = services.EVALUATION_FIELDS


def _forms_for(evaluation, data=None):
    form = EvaluationForm(
        data,
        initial={name: getattr(evaluation, name) for name in EVALUATION_FIELDS}
        | {"version": evaluation.version},
    )
    measure_forms = [
        MeasureJudgementForm(
            data,
            measure=item.measure,
            initial={
                "implemented": implemented_initial(item.implemented),
                "effective": item.effective,
                "evidence": item.evidence,
            },
        )
        for item in evaluation.measures.all()
    ]
    return form, measure_forms


def _gaps(evaluation) -> list[str]:
    return evaluation_gaps(
        client_experience=evaluation.client_experience,
        internal_process=evaluation.internal_process,
        measures={
            item.measure.description[:80]: MeasureJudgement(
                item.implemented, item.effective, item.evidence
            )
            for item in evaluation.measures.all()
        },
    )


def _editable(access, evaluation) -> bool:
    """Whether the page shows the evaluation's forms (save, complete, cancel)."""
    return access.may(Operation.EDIT_EVALUATION) and not evaluation.is_completed


def _render(request, access, *, bound=None, status=200):
    """The evaluation page; `bound` maps the number of an evaluation to its refused forms, or
    names the refused plan/complete/cancel form."""
    bound = bound or {}
    action = access.action
    evaluations = execution_selectors.evaluations_of(action)
    may_edit = access.may(Operation.EDIT_EVALUATION)
    items = []
    for evaluation in evaluations:
        editable = _editable(access, evaluation)
        form, measure_forms = bound.get(evaluation.number) or _forms_for(evaluation)
        items.append(
            {
                "evaluation": evaluation,
                "editable": editable,
                "form": form if editable else None,
                "measure_forms": measure_forms if editable else [],
                "gaps": _gaps(evaluation) if not evaluation.is_completed else [],
                "complete_form": bound.get(("complete", evaluation.number))
                or EvaluationCompleteForm(
                    initial={"completed_on": timezone.localdate(), "version": evaluation.version}
                ),
                "cancel_form": bound.get(("cancel", evaluation.number)) or EvaluationCancelForm(),
            }
        )
    follow_up = follow_up_blockers(execution_selectors.evaluation_states(evaluations))
    return render(
        request,
        "herstel/evaluation.html",
        {
            "access": access,
            "action": action,
            "items": items,
            "may_edit": may_edit,
            "due_on": execution_selectors.first_evaluation_due(action),
            "overdue": execution_selectors.first_evaluation_overdue(action, evaluations),
            "period_days": execution_selectors.evaluation_period_days(),
            "follow_up_blockers": follow_up,
            "plan_form": bound.get("plan") or EvaluationPlanForm(),
            "move_forms": _move_forms(access),
        },
        status=status,
    )


def evaluation(request, pk: int):
    access = selectors.herstelactie_get_for_user(user=request.user, pk=pk)
    return _render(request, access)


@require_POST
def evaluation_save(request, pk: int, number: int):
    access = selectors.herstelactie_get_for_user(user=request.user, pk=pk)
    require_capacity(access, Operation.EDIT_EVALUATION)
    evaluation = _with_measures(access.action, number)
    form, measure_forms = _forms_for(evaluation, request.POST)
    if form.is_valid() and all(f.is_valid() for f in measure_forms):
        data = dict(form.cleaned_data)
        try:
            services.evaluation_save(
                actor=request.user,
                evaluation=evaluation,
                expected_version=data.pop("version"),
                measures={
                    f.measure.pk: MeasureJudgement(
                        implemented=f.cleaned_data["implemented"],
                        effective=f.cleaned_data["effective"],
                        evidence=f.cleaned_data["evidence"],
                    )
                    for f in measure_forms
                },
                **data,
            )
        except ValidationError as exc:
            _service_errors(form, measure_forms, exc)
        else:
            messages.success(
                request, _("Evaluatie %(n)s is opgeslagen.") % {"n": evaluation.number}
            )
            return redirect("herstel:evaluation", pk=access.action.pk)
    refusal_on_top(request, form, form_shown=_editable(access, evaluation))
    return _render(request, access, bound={number: (form, measure_forms)}, status=400)


def _with_measures(action, number: int):
    """The evaluation with its judged measures; 404 when the action has no such evaluation."""
    for evaluation in execution_selectors.evaluations_of(action):
        if evaluation.number == number:
            return evaluation
    raise Http404


def _service_errors(form, measure_forms, exc: ValidationError) -> None:
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    by_measure = {f"measure_{f.measure.pk}": f for f in measure_forms}
    for key, errors in exc.error_dict.items():
        if key in by_measure:
            by_measure[key].add_error("effective", errors)
        else:
            form.add_error(key if key in form.fields else None, errors)


@require_POST
def evaluation_complete(request, pk: int, number: int):
    access = selectors.herstelactie_get_for_user(user=request.user, pk=pk)
    require_capacity(access, Operation.EDIT_EVALUATION)
    evaluation = execution_selectors.evaluation_get(action=access.action, number=number)
    form = EvaluationCompleteForm(request.POST)
    if form.is_valid():
        try:
            services.evaluation_complete(
                actor=request.user,
                evaluation=evaluation,
                expected_version=form.cleaned_data["version"],
                completed_on=form.cleaned_data["completed_on"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Evaluatie %(n)s is afgerond.") % {"n": number})
            return redirect("herstel:evaluation", pk=access.action.pk)
    refusal_on_top(request, form, form_shown=_editable(access, evaluation))
    return _render(request, access, bound={("complete", number): form}, status=400)


@require_POST
def evaluation_plan(request, pk: int):
    access = selectors.herstelactie_get_for_user(user=request.user, pk=pk)
    require_capacity(access, Operation.EDIT_EVALUATION)
    form = EvaluationPlanForm(request.POST)
    if form.is_valid():
        try:
            planned = services.evaluation_plan(
                actor=request.user, herstelactie=access.action, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Evaluatie %(n)s is gepland.") % {"n": planned.number})
            return redirect("herstel:evaluation", pk=access.action.pk)
    refusal_on_top(request, form, form_shown=access.may(Operation.EDIT_EVALUATION))
    return _render(request, access, bound={"plan": form}, status=400)


@require_POST
def evaluation_cancel(request, pk: int, number: int):
    access = selectors.herstelactie_get_for_user(user=request.user, pk=pk)
    require_capacity(access, Operation.EDIT_EVALUATION)
    evaluation = execution_selectors.evaluation_get(action=access.action, number=number)
    form = EvaluationCancelForm(request.POST)
    if form.is_valid():
        try:
            services.evaluation_cancel(
                actor=request.user, evaluation=evaluation, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Evaluatie %(n)s is afgezegd.") % {"n": number})
            return redirect("herstel:evaluation", pk=access.action.pk)
    refusal_on_top(request, form, form_shown=_editable(access, evaluation))
    return _render(request, access, bound={("cancel", number): form}, status=400)
