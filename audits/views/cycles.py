"""Views of the audit fieldwork: thin, every object fetched through an access-checked selector."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audits.constants import (
    BEFORE_PUBLICATION,
    FIELDWORK_OPEN,
    NEXT_STATUS,
    PHASE_CONSEQUENCES,
    PREVIOUS_STATUS,
    CycleStatus,
)
from audits.forms.cycles import (
    AssignmentForm,
    CycleOpenForm,
    CyclePeriodForm,
    CycleStepBackForm,
    ExclusionForm,
    ExclusionUndoForm,
    ScopeForm,
)
from audits.selectors import cycles as selectors
from audits.selectors.evaluation import lessons_to_process, team_composition
from audits.selectors.readiness import cycle_readiness, step_back_refusal
from audits.selectors.recorded_work import withdrawal_refusal
from audits.services import cycles as services
from uwvkms.constants import Role
from uwvkms.forms import add_service_errors, posted_data
from uwvkms.permissions import has_any_role, role_required


def cycle_list(request):
    cycles = selectors.cycles_for_user(request.user)
    can_open = has_any_role(request.user, Role.COORDINATIETEAM)
    latest = selectors.latest_cycle() if can_open else None
    return render(
        request,
        "audits/cycle_list.html",
        {
            "cycles": cycles,
            "can_open": can_open,
            # "Nieuwe cyclus op basis van <jaar>", offered only when the next year is free
            "based_on": (
                latest if latest and selectors.year_taken_message(latest.year + 1) is None else None
            ),
            "withdrawn": selectors.withdrawn_cycles() if can_open else [],
        },
    )


@role_required(Role.COORDINATIETEAM)
def cycle_open(request):
    default_year = selectors.next_cycle_year(today_year=timezone.localdate().year)
    form = CycleOpenForm(posted_data(request), initial={"year": default_year})
    if request.method == "POST" and form.is_valid():
        try:
            cycle = services.cycle_open(
                actor=request.user,
                year=form.cleaned_data["year"],
                principles=form.cleaned_data["principles"],
                period_start=form.cleaned_data["period_start"],
                period_end=form.cleaned_data["period_end"],
                include_basic=form.cleaned_data["include_basic"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Toetscyclus %(year)s is geopend.") % {"year": cycle.year})
            window = selectors.coverage_of_cycle(cycle)
            if window.warns:
                messages.warning(request, _coverage_warning(window))
            return redirect(cycle)
    year = _year_in_form(form) or default_year
    latest = selectors.latest_cycle()
    return render(
        request,
        "audits/cycle_form.html",
        {
            "form": form,
            "coverage": selectors.coverage_for_new_cycle(year=year),
            "year": year,
            "based_on": (
                latest if latest and selectors.year_taken_message(latest.year + 1) is None else None
            ),
        },
        status=400 if form.is_bound else 200,
    )


def _year_in_form(form) -> int | None:
    """The year typed into a submitted form, if it is a plausible one."""
    try:
        year = int(form.data.get("year", ""))
    except ValueError:
        return None
    return year if 2000 <= year <= 2100 else None


def _coverage_warning(window) -> str:
    names = ", ".join(p.name for p in window.remaining_principles)
    if window.years_left == 0:
        return _(
            "Let op: in de driejarenperiode %(first)s–%(last)s blijven buiten de "
            "driejarencyclus: %(names)s."
        ) % {"first": window.first_year, "last": window.last_year, "names": names}
    return _(
        "Let op: in de driejarenperiode %(first)s–%(last)s moeten nog %(n)s principes aan bod "
        "komen in %(years)s jaar (%(names)s); dat is meer dan bij een gelijke verdeling past."
    ) % {
        "first": window.first_year,
        "last": window.last_year,
        "n": len(window.remaining_principles),
        "years": window.years_left,
        "names": names,
    }


@role_required(Role.COORDINATIETEAM)
def three_year_plan(request):
    return render(request, "audits/three_year_plan.html", {"windows": selectors.three_year_plan()})


def cycle_period_edit(request, year: int):
    cycle = selectors.cycle_get_for_coordinator(user=request.user, year=year)
    initial = {"period_start": cycle.period_start, "period_end": cycle.period_end}
    form = CyclePeriodForm(posted_data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.cycle_period_change(
                actor=request.user,
                cycle=cycle,
                period_start=form.cleaned_data["period_start"],
                period_end=form.cleaned_data["period_end"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if changed:
                messages.success(request, _("De periode van het veldwerk is gewijzigd."))
            else:
                messages.info(request, _("De periode was al zo; er is niets gewijzigd."))
            return redirect(cycle)
    return render(
        request,
        "audits/cycle_period_form.html",
        {
            "cycle": cycle,
            "form": form,
            "editable": cycle.status in BEFORE_PUBLICATION,
            "history": selectors.period_history(cycle),
        },
        status=400 if form.is_bound else 200,
    )


def scope_edit(request, year: int, unit_id: int):
    cycle = selectors.cycle_get_for_coordinator(user=request.user, year=year)
    unit = selectors.unit_get(unit_id=unit_id)
    initial = {"principles": selectors.assessed_principles_of(cycle=cycle, unit=unit)}
    form = ScopeForm(posted_data(request), cycle=cycle, initial=initial)
    editable = cycle.status in FIELDWORK_OPEN
    if not editable:
        form.fields["principles"].widget.attrs["disabled"] = True
    if request.method == "POST" and form.is_valid():
        try:
            change = services.scope_set(
                actor=request.user,
                cycle=cycle,
                unit=unit,
                principles=form.cleaned_data["principles"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if change:
                messages.success(
                    request, _("De scope van %(unit)s is gewijzigd.") % {"unit": unit.name}
                )
            else:
                messages.info(request, _("De scope was al zo; er is niets gewijzigd."))
            return redirect(cycle)
    return render(
        request,
        "audits/scope_form.html",
        {
            "cycle": cycle,
            "unit": unit,
            "form": form,
            "editable": editable,
            "closed_message": services.fieldwork_closed_message(cycle, _("De scope")),
            "history": selectors.scope_history(cycle=cycle, unit=unit),
        },
        status=400 if form.is_bound else 200,
    )


def cycle_teams(request, year: int):
    cycle = selectors.cycle_get_for_coordinator(user=request.user, year=year)
    return render(
        request,
        "audits/teams.html",
        {
            "cycle": cycle,
            "workload": selectors.auditor_workload(cycle),
            "composition": team_composition(cycle),
            "units": selectors.units_with_scope_and_team(cycle),
            "editable": cycle.status in FIELDWORK_OPEN,
        },
    )


@require_POST
def assignment_remove(request, year: int, pk: int):
    cycle = selectors.cycle_get_for_coordinator(user=request.user, year=year)
    assignment = selectors.assignment_get(cycle=cycle, pk=pk)
    try:
        services.assignment_remove(actor=request.user, assignment=assignment)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("%(auditor)s is niet meer toegewezen aan %(unit)s.")
            % {"auditor": assignment.auditor, "unit": assignment.unit},
        )
    return redirect(reverse("audits:cycle_teams", kwargs={"year": cycle.year}))


def exclusions(request, year: int):
    cycle = selectors.cycle_get_for_coordinator(user=request.user, year=year)
    form = ExclusionForm(posted_data(request), cycle=cycle)
    if request.method == "POST" and form.is_valid():
        try:
            exclusion = services.unit_exclude(
                actor=request.user,
                cycle=cycle,
                unit=form.cleaned_data["unit"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(unit)s telt in %(year)s niet mee in de UWV-brede cijfers.")
                % {"unit": exclusion.unit, "year": cycle.year},
            )
            return redirect(reverse("audits:exclusions", kwargs={"year": cycle.year}))
    return _render_exclusions(request, cycle, form, status=400 if form.is_bound else 200)


@require_POST
def exclusion_undo(request, year: int, pk: int):
    cycle = selectors.cycle_get_for_coordinator(user=request.user, year=year)
    exclusion = selectors.exclusion_get(cycle=cycle, pk=pk)
    undo_form = ExclusionUndoForm(request.POST, auto_id=f"id_undo{exclusion.pk}_%s")
    if undo_form.is_valid():
        try:
            services.exclusion_undo(
                actor=request.user, exclusion=exclusion, reason=undo_form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            add_service_errors(undo_form, exc)
        else:
            messages.success(
                request,
                _("%(unit)s telt in %(year)s weer mee in de UWV-brede cijfers.")
                % {"unit": exclusion.unit, "year": cycle.year},
            )
            return redirect(reverse("audits:exclusions", kwargs={"year": cycle.year}))
    return _render_exclusions(
        request,
        cycle,
        ExclusionForm(cycle=cycle),
        undo_form=undo_form,
        undo_pk=exclusion.pk,
        status=400,
    )


def _render_exclusions(request, cycle, form, *, undo_form=None, undo_pk=None, status=200):
    rows = [
        {
            "exclusion": exclusion,
            "form": (
                undo_form
                if exclusion.pk == undo_pk
                else ExclusionUndoForm(auto_id=f"id_undo{exclusion.pk}_%s")
            ),
        }
        for exclusion in selectors.exclusions_of(cycle)
    ]
    return render(
        request,
        "audits/exclusions.html",
        {
            "cycle": cycle,
            "form": form,
            "rows": rows,
            "editable": cycle.status in BEFORE_PUBLICATION,
            "history": selectors.exclusion_history(cycle),
        },
        status=status,
    )


def cycle_detail(request, year: int):
    cycle = selectors.cycle_get_for_coordinator(user=request.user, year=year)
    return _render_cycle_detail(request, cycle, AssignmentForm())


@require_POST
def assignment_create(request, year: int):
    cycle = selectors.cycle_get_for_coordinator(user=request.user, year=year)
    form = AssignmentForm(request.POST)
    if form.is_valid():
        # A new lead replaces the unit's lead; the message names whom, so it is never silent.
        replaced = (
            selectors.lead_of(cycle=cycle, unit=form.cleaned_data["unit"])
            if form.cleaned_data["is_lead"]
            else None
        )
        try:
            assignment = services.assignment_create(
                actor=request.user,
                cycle=cycle,
                unit=form.cleaned_data["unit"],
                auditor=form.cleaned_data["auditor"],
                is_lead=form.cleaned_data["is_lead"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(auditor)s is toegewezen aan %(unit)s.")
                % {"auditor": assignment.auditor, "unit": assignment.unit},
            )
            if replaced is not None:
                messages.info(
                    request,
                    _(
                        "%(auditor)s is nu lead van %(unit)s in plaats van %(previous)s, die "
                        "toetser in het team blijft."
                    )
                    % {
                        "auditor": assignment.auditor,
                        "unit": assignment.unit,
                        "previous": replaced,
                    },
                )
            return redirect(cycle)
    return _render_cycle_detail(request, cycle, form, status=400)


def cycle_advance(request, year: int):
    """The guarded move to the next phase: GET shows what will happen and the readiness rules
    (the move is offered only when all hold); POST makes it."""
    cycle = selectors.cycle_get_for_coordinator(user=request.user, year=year)
    if request.method == "POST":
        try:
            cycle = services.cycle_advance(
                actor=request.user, cycle=cycle, expected_status=request.POST.get("status", "")
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            cycle.refresh_from_db()
            return _render_cycle_advance(request, cycle, status=400)
        messages.success(
            request,
            _("Toetscyclus %(year)s staat nu op %(status)s.")
            % {"year": cycle.year, "status": cycle.get_status_display()},
        )
        return redirect(cycle)
    return _render_cycle_advance(request, cycle)


def _render_cycle_advance(request, cycle, status: int = 200):
    following = NEXT_STATUS.get(cycle.status)
    rules = cycle_readiness(cycle)
    return render(
        request,
        "audits/cycle_advance.html",
        {
            "cycle": cycle,
            "next_status_label": CycleStatus(following).label if following else None,
            "consequence": PHASE_CONSEQUENCES.get(following, ""),
            "rules": rules,
            "ready": following is not None and all(rule.holds for rule in rules),
        },
        status=status,
    )


def cycle_step_back(request, year: int):
    """One phase back, before publication, with a reason (GET: the form; POST: the move)."""
    cycle = selectors.cycle_get_for_coordinator(user=request.user, year=year)
    form = CycleStepBackForm(posted_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            cycle = services.cycle_step_back(
                actor=request.user,
                cycle=cycle,
                expected_status=request.POST.get("status", ""),
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            cycle.refresh_from_db()
        else:
            messages.success(
                request,
                _("Toetscyclus %(year)s staat weer op %(status)s.")
                % {"year": cycle.year, "status": cycle.get_status_display()},
            )
            return redirect(cycle)
    previous = PREVIOUS_STATUS.get(cycle.status)
    refusal = step_back_refusal(cycle)
    return render(
        request,
        "audits/cycle_step_back.html",
        {
            "cycle": cycle,
            "form": form,
            "previous_status_label": CycleStatus(previous).label if previous else None,
            "refusal": refusal,
        },
        status=400 if form.is_bound else 200,
    )


def _render_cycle_detail(request, cycle, form, status: int = 200):
    principles = list(cycle.principles.all())
    scope = selectors.assessed_principle_ids_by_unit(cycle)
    excluded = {e.unit_id: e for e in selectors.exclusions_of(cycle)}
    units = [
        {
            "unit": unit,
            "assessed": [p.id in scope.get(unit.id, set()) for p in principles],
            "team": unit.team,
            "exclusion": excluded.get(unit.id),
        }
        for unit in selectors.units_with_scope_and_team(cycle)
    ]
    # The lessons the previous cycle left for this one (issue 21 §6), read-only here.
    previous, to_process = lessons_to_process(cycle)
    return render(
        request,
        "audits/cycle_detail.html",
        {
            "cycle": cycle,
            "previous": previous,
            "to_process": [(item, None) for item in to_process],
            "principles": principles,
            "units": units,
            "history": selectors.cycle_history(cycle),
            "can_withdraw": (
                cycle.status == CycleStatus.VOORBEREIDING and withdrawal_refusal(cycle) is None
            ),
            "form": form,
            "next_status_label": (
                CycleStatus(NEXT_STATUS[cycle.status]).label
                if cycle.status in NEXT_STATUS
                else None
            ),
            "previous_status_label": (
                CycleStatus(PREVIOUS_STATUS[cycle.status]).label
                if cycle.status in PREVIOUS_STATUS and step_back_refusal(cycle) is None
                else None
            ),
        },
        status=status,
    )
