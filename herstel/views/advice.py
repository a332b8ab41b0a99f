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
from uwvkms.forms import add_service_errors, kept_input, posted_data


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


def _kept_advice_forms(data, access, advice):
    """The advice forms given back as typed in `data` (not saved): the page is one form, and
    adding or removing a control measure posts the advice along (issue 17, no lost input)."""
    form, criterion_forms = _advice_forms(None, access, advice)
    return (
        kept_input(AdviceForm, data, initial=form.initial),
        [
            kept_input(CriterionForm, data, criterion=f.criterion, initial=f.initial)
            for f in criterion_forms
        ],
    )


def _advice_typed(request) -> bool:
    return any(section in request.POST for section in AdviceSection.values)


def _after_measure_change(request, access, measure_form=None):
    """Back to the advice after a measure was added or removed (`measure_form` None) or refused:
    straight there when no advice came along, else the page itself with the advice given back
    as typed (not saved: the page says so)."""
    if not _advice_typed(request) and measure_form is None:
        return redirect("herstel:advice", pk=access.action.pk)
    advice_record = selectors.advice_of(access.action)
    if _advice_typed(request):
        form, criterion_forms = _kept_advice_forms(request.POST, access, advice_record)
        messages.info(
            request, _("Uw advies staat er nog zoals u het typte, maar is nog niet opgeslagen.")
        )
    else:
        form, criterion_forms = _advice_forms(None, access, advice_record)
    return _render(
        request,
        access,
        advice_record,
        form,
        criterion_forms,
        measure_form,
        status=400 if measure_form is not None else 200,
    )


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
                if not _measure_typed(request):
                    return redirect("herstel:advice", pk=access.action.pk)
                # A control measure typed but not added is given back, not dropped.
                messages.info(
                    request,
                    _(
                        "Uw beheersmaatregel staat er nog zoals u die typte, maar is nog niet toegevoegd."
                    ),
                )
                advice_record = selectors.advice_of(access.action)
                form, criterion_forms = _advice_forms(None, access, advice_record)
                return _render(
                    request,
                    access,
                    advice_record,
                    form,
                    criterion_forms,
                    kept_input(ControlMeasureForm, request.POST),
                )
        return _render(
            request,
            access,
            advice_record,
            form,
            criterion_forms,
            kept_input(ControlMeasureForm, request.POST),
            status=400,
        )
    return _render(request, access, advice_record, form, criterion_forms)


def _measure_typed(request) -> bool:
    return any(request.POST.get(name, "").strip() for name in ControlMeasureForm.base_fields)


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
            return _after_measure_change(request, access)
    refusal_on_top(request, measure_form, form_shown=access.may(Operation.EDIT_MEASURES))
    return _after_measure_change(request, access, measure_form)


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
    return _after_measure_change(request, access)
