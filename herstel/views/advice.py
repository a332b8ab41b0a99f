"""Views of the advice (step 1): the sections, the mandate criteria with the mandate they lead
to, and the control measures."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from herstel.constants import AdviceSection, Criterion, Operation
from herstel.forms.actions import AdviceForm, ControlMeasureForm, CriterionForm, criterion_initial
from herstel.rules import CriterionJudged
from herstel.selectors import actions as selectors
from herstel.selectors import records
from herstel.services import actions as services
from herstel.views.actions import refusal_on_top, require_capacity, require_right
from uwvkms.forms import add_service_errors, keep_typed, kept_input, posted_data, typed_on


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


ADVICE_NOT_SAVED = gettext_lazy(
    "Uw advies staat er nog zoals u het typte, maar is nog niet opgeslagen."
)
MEASURE_NOT_ADDED = gettext_lazy(
    "Uw beheersmaatregel staat er nog zoals u die typte, maar is nog niet toegevoegd."
)


def _after_measure_change(request, access, measure_form=None, *, added=False):
    """After a measure was added or removed (`measure_form` None): back to the advice page, the
    advice typed meanwhile kept for it (and, after a removal, a measure typed but not added).
    Refused: the page itself with both given back as typed."""
    if measure_form is None:
        if _advice_typed(request):
            keep_typed(
                request,
                page=reverse("herstel:advice", args=[access.action.pk]),
                only=None if not added else _advice_fields(request),
            )
            messages.info(request, ADVICE_NOT_SAVED)
        return redirect("herstel:advice", pk=access.action.pk)
    advice_record = selectors.advice_of(access.action)
    if _advice_typed(request):
        form, criterion_forms = _kept_advice_forms(request.POST, access, advice_record)
        messages.info(request, ADVICE_NOT_SAVED)
    else:
        form, criterion_forms = _advice_forms(None, access, advice_record)
    return _render(request, access, advice_record, form, criterion_forms, measure_form, status=400)


def _advice_fields(request) -> set[str]:
    """The posted names that belong to the advice (not to the control measure)."""
    return {key for key in request.POST if key not in ControlMeasureForm.base_fields}


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
            # Shown with the advice once submitted: the DT's enrichment and the views.
            "enrichments": records.enrichments_of(action) if action.mandate else [],
            "dt_views": records.current_views(records.dt_views_of(action))
            if action.mandate
            else [],
        },
        status=status,
    )


def advice(request, pk: int):
    access = selectors.herstelactie_get_for_user(user=request.user, pk=pk)
    if request.method == "POST":
        require_right(access, Operation.EDIT_ADVICE)
    advice_record = selectors.advice_of(access.action)
    typed = typed_on(request, request.path) if request.method == "GET" else None
    if typed is not None:
        # Kept by an earlier action on this page (`keep_typed`): given back as typed.
        if any(section in typed for section in AdviceSection.values):
            form, criterion_forms = _kept_advice_forms(typed, access, advice_record)
        else:
            form, criterion_forms = _advice_forms(None, access, advice_record)
        return _render(
            request,
            access,
            advice_record,
            form,
            criterion_forms,
            kept_input(ControlMeasureForm, typed),
        )
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
                if _measure_typed(request):
                    # A control measure typed but not added is given back, not dropped.
                    keep_typed(request, page=request.path, only=set(ControlMeasureForm.base_fields))
                    messages.info(request, MEASURE_NOT_ADDED)
                return redirect("herstel:advice", pk=access.action.pk)
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
            return _after_measure_change(request, access, added=True)
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
