"""Views of the places to visit at a unit and their draw: for the coordination team and the
auditors on the unit's audit team. Thin: the checks live in selectors, the writes in services."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audits.constants import FIELDWORK_OPEN, MIN_DRAW, LocationKind
from audits.forms.districts import DistrictForm, DrawForm
from audits.selectors import cycles as cycle_selectors
from audits.selectors import districts as selectors
from audits.services import districts as services
from audits.services.cycles import fieldwork_closed_message
from uwvkms.constants import Role
from uwvkms.forms import add_service_errors
from uwvkms.permissions import has_any_role


def _get(request, year: int, unit_id: int):
    cycle = cycle_selectors.cycle_get(year=year)
    unit = cycle_selectors.unit_get(unit_id=unit_id)
    selectors.require_district_access(user=request.user, cycle=cycle, unit=unit)
    return cycle, unit


def _page_url(cycle, unit) -> str:
    return reverse("audits:districts", kwargs={"year": cycle.year, "unit_id": unit.pk})


def districts(request, year: int, unit_id: int):
    cycle, unit = _get(request, year, unit_id)
    return _render(request, cycle, unit)


@require_POST
def district_add(request, year: int, unit_id: int):
    cycle, unit = _get(request, year, unit_id)
    form = DistrictForm(request.POST)
    if form.is_valid():
        try:
            district = services.district_add(
                actor=request.user, cycle=cycle, unit=unit, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("%(name)s staat op de kandidatenlijst.") % {"name": district.name}
            )
            return redirect(_page_url(cycle, unit))
    return _render(request, cycle, unit, district_form=form, status=400)


@require_POST
def district_remove(request, year: int, unit_id: int, pk: int):
    cycle, unit = _get(request, year, unit_id)
    district = selectors.district_get(cycle=cycle, unit=unit, pk=pk)
    try:
        services.district_remove(actor=request.user, district=district)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("%(name)s is van de kandidatenlijst gehaald.") % {"name": district.name}
        )
    return redirect(_page_url(cycle, unit))


@require_POST
def districts_draw(request, year: int, unit_id: int):
    cycle, unit = _get(request, year, unit_id)
    form = DrawForm(request.POST)
    if form.is_valid():
        try:
            draw = services.districts_draw(
                actor=request.user,
                cycle=cycle,
                unit=unit,
                count=form.cleaned_data["count"],
                reason=form.cleaned_data["reason"],
                expected_current_id=form.cleaned_data["current"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Geloot: %(names)s.") % {"names": ", ".join(name for name, _k in draw.drawn)},
            )
            return redirect(_page_url(cycle, unit))
    return _render(request, cycle, unit, draw_form=form, status=400)


def _render(request, cycle, unit, *, district_form=None, draw_form=None, status=200):
    candidates = list(selectors.districts_of(cycle=cycle, unit=unit))
    draws = list(selectors.draws_of(cycle=cycle, unit=unit))
    current = draws[0] if draws and draws[0].is_current else None
    drawn_names = {name.casefold() for name, _k in current.drawn} if current else set()
    for candidate in candidates:
        candidate.is_drawn = candidate.name.casefold() in drawn_names
        candidate.removable = not candidate.is_drawn and not candidate.interview_count
    kinds = {c.kind for c in candidates}
    if draw_form is None:
        draw_form = DrawForm(
            initial={"count": MIN_DRAW, "current": current.pk if current else None}
        )
    return render(
        request,
        "audits/districts.html",
        {
            "cycle": cycle,
            "unit": unit,
            "candidates": candidates,
            "current": current,
            "earlier": [d for d in draws if not d.is_current],
            "list_changed": current is not None
            and {tuple(c) for c in current.candidates} != {(c.name, c.kind) for c in candidates},
            "one_kind_only": len(kinds) == 1,
            "only_kind": LocationKind(next(iter(kinds))).label if len(kinds) == 1 else None,
            "district_form": district_form or DistrictForm(),
            "draw_form": draw_form,
            "min_draw": MIN_DRAW,
            "editable": cycle.status in FIELDWORK_OPEN,
            "closed_message": fieldwork_closed_message(cycle, _("De kandidatenlijst en de loting")),
            "back_url": (
                cycle.get_absolute_url()
                if has_any_role(request.user, Role.COORDINATIETEAM)
                else reverse("maturity:auditor_work", kwargs={"year": cycle.year})
            ),
        },
        status=status,
    )
