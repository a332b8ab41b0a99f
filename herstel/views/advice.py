"""Views of the advice (step 1): the sections, the mandate criteria with the mandate they lead
to, and the control measures."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from herstel.constants import AdviceSection, Criterion, Operation
from herstel.forms.actions import AdviceForm, ControlMeasureForm, CriterionForm, criterion_initial
from herstel.rules import CriterionJudged
from herstel.selectors import actions as selectors
from herstel.selectors import records
from herstel.services import actions as services
from herstel.views.actions import refusal_on_top, require_capacity, require_right
from uwvkms.forms import add_service_errors, posted_data


def _advice_forms(data, access, advice):
    """The advice form and one form per criterion, bound to `data` (None: unbound)."""
    initial = {section: getattr(advice, section) for section in AdviceSection.values}
    initial["version"] = access.action.version
    form = AdviceForm(data, initial=initial)
    judgements = {j.criterion: j for j in advice.criteria.all()}
    criterion_forms = []
    for criterion in Criterion:
        judgement = judgements.get(criterion)
        criterion_forms.append(
            CriterionForm(
                data,
                criterion=criterion,
                initial={
                    "value": criterion_initial(judgement.value if judgement else None),
                    "rationale": judgement.rationale if judgement else "",
                    "judged_by": judgement.judged_by if judgement else "",
                },
            )
        )
    return form, criterion_forms


def _render(request, access, advice, form, criterion_forms, measure_form=None, status=200):
    action = access.action
    judgements = {j.criterion: j for j in advice.criteria.all()}
    return render(
        request,
        "herstel/advice.html",
        {
            "access": access,
            "action": action,
            "advice": advice,
            "sections": [(s, getattr(advice, s.value)) for s in AdviceSection],
            "criteria": [(c, judgements.get(c)) for c in Criterion],
            "form": form,
            "criterion_forms": criterion_forms,
            "state": selectors.advice_state(action),
            "measures": records.measures_of(action),
            "measure_form": measure_form or ControlMeasureForm(),
        },
        status=status,
    )


def advice(request, pk: int):
    access = selectors.herstelactie_get_for_user(user=request.user, pk=pk)
    if request.method == "POST":
        require_right(access, Operation.EDIT_ADVICE)
    advice_record = selectors.advice_of(access.action)
    form, criterion_forms = _advice_forms(posted_data(request), access, advice_record)
    if request.method == "POST":
        if form.is_valid() and all(f.is_valid() for f in criterion_forms):
            try:
                services.advice_save(
                    actor=request.user,
                    herstelactie=access.action,
                    expected_version=form.cleaned_data["version"],
                    sections=form.sections(),
                    criteria={
                        f.criterion.value: CriterionJudged(
                            value=f.cleaned_data["value"],
                            rationale=f.cleaned_data["rationale"],
                            judged_by=f.cleaned_data["judged_by"],
                        )
                        for f in criterion_forms
                    },
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Het advies is opgeslagen."))
                return redirect("herstel:advice", pk=access.action.pk)
        return _render(request, access, advice_record, form, criterion_forms, status=400)
    return _render(request, access, advice_record, form, criterion_forms)


@require_POST
def measure_add(request, pk: int):
    access = selectors.herstelactie_get_for_user(user=request.user, pk=pk)
    require_capacity(access, Operation.EDIT_MEASURES)
    measure_form = ControlMeasureForm(request.POST)
    if measure_form.is_valid():
        try:
            services.control_measure_add(
                actor=request.user, herstelactie=access.action, **measure_form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(measure_form, exc)
        else:
            messages.success(request, _("De beheersmaatregel is toegevoegd."))
            return redirect("herstel:advice", pk=access.action.pk)
    refusal_on_top(request, measure_form, form_shown=access.may(Operation.EDIT_MEASURES))
    advice_record = selectors.advice_of(access.action)
    form, criterion_forms = _advice_forms(None, access, advice_record)
    return _render(request, access, advice_record, form, criterion_forms, measure_form, status=400)


@require_POST
def measure_remove(request, pk: int, measure_pk: int):
    access = selectors.herstelactie_get_for_user(user=request.user, pk=pk)
    require_capacity(access, Operation.EDIT_MEASURES)
    measure = records.measure_get(action=access.action, pk=measure_pk)
    try:
        services.control_measure_remove(actor=request.user, measure=measure)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("De beheersmaatregel is verwijderd."))
    return redirect("herstel:advice", pk=access.action.pk)
