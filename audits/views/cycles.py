"""Views of the audit fieldwork: thin, every object fetched through an access-checked selector."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audits.constants import NEXT_STATUS, CycleStatus
from audits.forms.cycles import AssignmentForm, CycleOpenForm
from audits.selectors import cycles as selectors
from audits.services import cycles as services
from uwvkms.constants import Role
from uwvkms.permissions import has_any_role, role_required


def cycle_list(request):
    cycles = selectors.cycles_for_user(request.user)
    return render(
        request,
        "audits/cycle_list.html",
        {"cycles": cycles, "can_open": has_any_role(request.user, Role.COORDINATIETEAM)},
    )


@role_required(Role.COORDINATIETEAM)
def cycle_open(request):
    form = CycleOpenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            cycle = services.cycle_open(
                actor=request.user,
                year=form.cleaned_data["year"],
                principles=form.cleaned_data["principles"],
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Toetscyclus %(year)s is geopend.") % {"year": cycle.year})
            return redirect(cycle)
    status = 400 if form.is_bound else 200
    return render(request, "audits/cycle_form.html", {"form": form}, status=status)


def cycle_detail(request, year: int):
    cycle = selectors.cycle_get_for_coordinator(user=request.user, year=year)
    return _render_cycle_detail(request, cycle, AssignmentForm())


@require_POST
def assignment_create(request, year: int):
    cycle = selectors.cycle_get_for_coordinator(user=request.user, year=year)
    form = AssignmentForm(request.POST)
    if form.is_valid():
        try:
            assignment = services.assignment_create(
                actor=request.user,
                cycle=cycle,
                unit=form.cleaned_data["unit"],
                auditor=form.cleaned_data["auditor"],
                is_lead=form.cleaned_data["is_lead"],
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(auditor)s is toegewezen aan %(unit)s.")
                % {"auditor": assignment.auditor, "unit": assignment.unit},
            )
            return redirect(cycle)
    return _render_cycle_detail(request, cycle, form, status=400)


@require_POST
def cycle_advance(request, year: int):
    cycle = selectors.cycle_get_for_coordinator(user=request.user, year=year)
    try:
        cycle = services.cycle_advance(
            actor=request.user, cycle=cycle, expected_status=request.POST.get("status", "")
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Toetscyclus %(year)s staat nu op %(status)s.")
            % {"year": cycle.year, "status": cycle.get_status_display()},
        )
    return redirect(cycle)


def _render_cycle_detail(request, cycle, form, status: int = 200):
    principles = list(cycle.principles.all())
    scope = selectors.assessed_principle_ids_by_unit(cycle)
    units = [
        {
            "unit": unit,
            "assessed": [p.id in scope.get(unit.id, set()) for p in principles],
            "team": unit.team,
        }
        for unit in selectors.units_with_scope_and_team(cycle)
    ]
    return render(
        request,
        "audits/cycle_detail.html",
        {
            "cycle": cycle,
            "principles": principles,
            "units": units,
            "form": form,
            "next_status_label": (
                CycleStatus(NEXT_STATUS[cycle.status]).label
                if cycle.status in NEXT_STATUS
                else None
            ),
        },
        status=status,
    )


def _add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)
