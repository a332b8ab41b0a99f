"""Views of the advice (step 1): the sections with who wrote each, the mandate criteria with the
mandate they lead to, and the sections the lead advisers ask SBK to write (SBK writes those
here). The control measures have their own page (views/measures.py)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from herstel.constants import AdviceSection, Criterion, Operation
from herstel.forms.actions import (
    AdviceForm,
    AdviceSectionAssignForm,
    AdviceSectionWriteForm,
    CriterionForm,
    criterion_initial,
)
from herstel.models import AdviceSectionAssignment
from herstel.rules import CriterionJudged
from herstel.selectors import actions as selectors
from herstel.selectors import records
from herstel.selectors.advice_sections import advice_sections
from herstel.services import actions as services
from herstel.views.actions import refusal_on_top, require_capacity, require_right
from uwvkms.forms import WithdrawForm, add_service_errors, posted_data


def _advice_forms(data, access, advice, authorship):
    """The advice form and one form per criterion, bound to `data` (None: unbound). Each
    section says who wrote it last."""
    initial = {section: getattr(advice, section) for section in AdviceSection.values}
    initial["version"] = access.action.version
    form = AdviceForm(data, initial=initial)
    for section, line in authorship.items():
        form.fields[section].help_text = line[:1].upper() + line[1:] + "."
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


def _write_forms(access, sections, bound=None):
    """Per section SBK may write now, its form (`bound`: the one posted and refused)."""
    forms = []
    for view in sections.sbk_editable:
        if bound is not None and bound.prefix == view.section.value:
            forms.append(bound)
            continue
        forms.append(
            AdviceSectionWriteForm(
                section=view.section,
                prefix=view.section.value,
                initial={"version": access.action.version, "text": view.text},
            )
        )
    return forms


def _page(
    request,
    access,
    *,
    form=None,
    criterion_forms=None,
    assign_form=None,
    write_form=None,
    status=200,
):
    action = access.action
    advice = selectors.advice_of(action)
    sections = advice_sections(advice, capacities=access.capacities, step=action.step)
    if form is None:
        form, criterion_forms = _advice_forms(None, access, advice, sections.authorship())
    else:
        for section, line in sections.authorship().items():
            form.fields[section].help_text = line[:1].upper() + line[1:] + "."
    judgements = {j.criterion: j for j in advice.criteria.all()}
    return render(
        request,
        "herstel/advice.html",
        {
            "access": access,
            "action": action,
            "advice": advice,
            "sections": sections,
            "criteria": [(c, judgements.get(c)) for c in Criterion],
            "form": form,
            "criterion_forms": criterion_forms,
            "assign_form": assign_form
            or AdviceSectionAssignForm(sections=sections.unassigned, prefix="sbk"),
            "write_forms": _write_forms(access, sections, write_form),
            "state": selectors.advice_state(action),
            "measures": records.measures_of(action),
            # Shown with the advice once submitted: the DT's enrichment and the views.
            "enrichments": records.enrichments_of(action) if action.mandate else [],
            "dt_views": records.current_views(records.dt_views_of(action))
            if action.mandate
            else [],
        },
        status=status,
    )


def advice(request, pk: int):
    access = selectors.herstelactie_get_for_decision_making(user=request.user, pk=pk)
    if request.method != "POST":
        return _page(request, access)
    require_right(access, Operation.EDIT_ADVICE)
    advice_record = selectors.advice_of(access.action)
    form, criterion_forms = _advice_forms(posted_data(request), access, advice_record, {})
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
    return _page(request, access, form=form, criterion_forms=criterion_forms, status=400)


@require_POST
def section_assign(request, pk: int):
    """The lead advisers ask SBK to write a section of the advice."""
    access = selectors.herstelactie_get_for_decision_making(user=request.user, pk=pk)
    require_capacity(access, Operation.ASSIGN_ADVICE_SECTION)
    form = AdviceSectionAssignForm(request.POST, sections=list(AdviceSection), prefix="sbk")
    if form.is_valid():
        try:
            services.advice_section_assign(
                actor=request.user, herstelactie=access.action, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("SBK is gevraagd dit onderdeel van het advies te schrijven.")
            )
            return redirect("herstel:advice", pk=access.action.pk)
    refusal_on_top(request, form, form_shown=access.may(Operation.ASSIGN_ADVICE_SECTION))
    return _page(request, access, assign_form=form, status=400)


@require_POST
def section_assignment_withdraw(request, pk: int, assignment_pk: int):
    """Take back a question to SBK, with a reason; a refusal comes back as a message."""
    access = selectors.herstelactie_get_for_decision_making(user=request.user, pk=pk)
    require_capacity(access, Operation.ASSIGN_ADVICE_SECTION)
    assignment = AdviceSectionAssignment.objects.filter(
        advice__herstelactie=access.action, pk=assignment_pk
    ).first()
    if assignment is None:
        raise Http404
    form = WithdrawForm(request.POST, prefix="intrekken")
    if not form.is_valid():
        messages.error(request, _("Geef de reden waarom u de vraag aan SBK intrekt."))
        return redirect("herstel:advice", pk=access.action.pk)
    try:
        services.advice_section_assignment_withdraw(
            actor=request.user, assignment=assignment, reason=form.cleaned_data["reason"]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("De vraag aan SBK is ingetrokken."))
    return redirect("herstel:advice", pk=access.action.pk)


@require_POST
def section_write(request, pk: int):
    """SBK writes a section of the advice it was asked to write."""
    access = selectors.herstelactie_get_for_decision_making(user=request.user, pk=pk)
    require_capacity(access, Operation.WRITE_ADVICE_SECTION)
    section = request.POST.get("section", "")
    # Each section's form carries the section as its prefix, and posts it as "section".
    if section not in AdviceSection.values:
        raise PermissionDenied
    form = AdviceSectionWriteForm(request.POST, section=AdviceSection(section), prefix=section)
    if form.is_valid():
        try:
            services.advice_section_write(
                actor=request.user,
                herstelactie=access.action,
                expected_version=form.cleaned_data["version"],
                section=section,
                text=form.cleaned_data["text"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Het onderdeel “%(section)s” is opgeslagen.")
                % {"section": AdviceSection(section).label},
            )
            return redirect("herstel:advice", pk=access.action.pk)
    refusal_on_top(request, form, form_shown=access.may(Operation.WRITE_ADVICE_SECTION))
    return _page(request, access, write_form=form, status=400)
