"""Views of setting a cycle up (issue 17): a new cycle based on the previous one, the principles
in scope in Voorbereiding, withdrawing a cycle opened in error and reinstating it, and the team
matrix. Thin: the services decide, the selectors read."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from audits.constants import FIELDWORK_OPEN, CycleStatus
from audits.forms.cycles import CyclePrinciplesForm, CycleReinstateForm, CycleWithdrawForm
from audits.forms.teams import TeamMatrixForm, cell_name
from audits.selectors import cycles as selectors
from audits.selectors.recorded_work import withdrawal_refusal
from audits.selectors.teams import matrix_problems, roles_from_text, team_matrix
from audits.services import cycle_setup as services
from audits.services.teams import TeamRulesBroken, team_matrix_save
from uwvkms.constants import Role
from uwvkms.forms import add_service_errors, posted_data
from uwvkms.permissions import role_required


@role_required(Role.COORDINATIETEAM)
def cycle_open_based_on(request, year: int):
    """ "Nieuwe cyclus op basis van <jaar>": GET shows what will be opened and copied; POST opens
    it and leads to the team matrix to review the proposed teams."""
    previous = selectors.cycle_get(year=year)
    preview = selectors.based_on_preview(previous)
    if request.method == "POST":
        try:
            cycle = services.cycle_open_based_on(actor=request.user, previous=previous)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return render(
                request,
                "audits/cycle_based_on.html",
                {"preview": selectors.based_on_preview(previous)},
                status=400,
            )
        messages.success(
            request,
            _(
                "Toetscyclus %(year)s is geopend op basis van %(previous)s. Bekijk de "
                "voorgestelde toetsteams en pas ze aan waar nodig."
            )
            % {"year": cycle.year, "previous": previous.year},
        )
        return redirect(reverse("audits:team_matrix", kwargs={"year": cycle.year}))
    return render(request, "audits/cycle_based_on.html", {"preview": preview})


def cycle_principles_edit(request, year: int):
    """The principles a cycle covers: changeable while it is in Voorbereiding."""
    cycle = selectors.cycle_get_for_coordinator(user=request.user, year=year)
    current = list(cycle.principles.all())
    initial = {
        "principles": [p for p in current if not p.is_basic],
        "include_basic": any(p.is_basic for p in current),
    }
    form = CyclePrinciplesForm(posted_data(request), initial=initial)
    editable = cycle.status == CycleStatus.VOORBEREIDING
    if not editable:
        for field in form.fields.values():
            field.disabled = True
    if request.method == "POST" and form.is_valid():
        try:
            change = services.cycle_principles_set(
                actor=request.user,
                cycle=cycle,
                principles=form.cleaned_data["principles"],
                include_basic=form.cleaned_data["include_basic"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if change:
                messages.success(request, _("De principes in scope zijn gewijzigd."))
            else:
                messages.info(request, _("De principes waren al zo; er is niets gewijzigd."))
            return redirect(cycle)
    return render(
        request,
        "audits/cycle_principles_form.html",
        {
            "cycle": cycle,
            "form": form,
            "editable": editable,
            "history": selectors.cycle_history(cycle),
        },
        status=400 if form.is_bound else 200,
    )


def cycle_withdraw(request, year: int):
    """Withdraw a cycle opened in error (Voorbereiding only), with a reason: GET asks first,
    POST withdraws."""
    cycle = selectors.cycle_get_for_coordinator(user=request.user, year=year)
    form = CycleWithdrawForm(posted_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.cycle_withdraw(
                actor=request.user, cycle=cycle, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            cycle.refresh_from_db()
        else:
            messages.success(
                request,
                _(
                    "Toetscyclus %(year)s is ingetrokken. Hij staat doorgestreept in de lijst; "
                    "daar kunt u hem terugzetten."
                )
                % {"year": cycle.year},
            )
            return redirect("audits:cycle_list")
    return render(
        request,
        "audits/cycle_withdraw.html",
        {"cycle": cycle, "form": form, "refusal": withdrawal_refusal(cycle)},
        status=400 if form.is_bound else 200,
    )


def cycle_reinstate(request, year: int):
    """Count a withdrawn cycle again, with a reason: GET asks first, POST reinstates."""
    cycle = selectors.withdrawn_cycle_get_for_coordinator(user=request.user, year=year)
    form = CycleReinstateForm(posted_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            cycle = services.cycle_reinstate(
                actor=request.user, cycle=cycle, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("Toetscyclus %(year)s telt weer mee.") % {"year": cycle.year}
            )
            return redirect(cycle)
    return render(
        request,
        "audits/cycle_reinstate.html",
        {"cycle": cycle, "form": form},
        status=400 if form.is_bound else 200,
    )


def _matrix_given_back(form: TeamMatrixForm, *, matrix, changes) -> TeamMatrixForm:
    """The refused matrix form again: each cell as the teams are now, the user's changes over
    them, `seen` the teams as they are now, the refusal's errors kept."""
    data = form.data.copy()
    for name, cell in form.cells.items():
        data[name] = changes.get(cell, matrix.roles.get(cell, ""))
    data["seen"] = matrix.seen
    again = TeamMatrixForm(data, units=matrix.units, auditors=matrix.auditors)
    again.is_valid()
    for error in form.non_field_errors():
        again.add_error(None, error)
    return again


def team_matrix_edit(request, year: int):
    """The team matrix: units × auditors, a role per cell, one save for the whole page. A
    refusal names every breach, marks its cells and gives back everything chosen."""
    cycle = selectors.cycle_get_for_coordinator(user=request.user, year=year)
    matrix = team_matrix(cycle)
    editable = cycle.status in FIELDWORK_OPEN
    initial = {cell_name(u, a): role for (u, a), role in matrix.roles.items()}
    form = TeamMatrixForm(
        posted_data(request), units=matrix.units, auditors=matrix.auditors, initial=initial
    )
    if not editable:
        for field in form.fields.values():
            field.disabled = True
    marked: set[str] = set()
    refused = False
    if request.method == "POST" and form.is_valid():
        seen = roles_from_text(request.POST["seen"]) if "seen" in request.POST else None
        if seen is None:  # not sent as the page sends it: compare with the teams as they are
            seen = matrix.roles
        # Only the cells the user changed: a change someone made meanwhile to another cell
        # stays (the service refuses a cell both changed).
        changes = {cell: role for cell, role in form.roles().items() if role != seen.get(cell, "")}
        try:
            saved = team_matrix_save(actor=request.user, cycle=cycle, roles=changes, seen=seen)
        except TeamRulesBroken as exc:
            refused = True
            form.add_error(None, exc)
            chosen = form.roles()
            marked = {cell_name(v.unit_id, a) for v in exc.violations for a in v.auditor_ids} | {
                cell_name(v.unit_id, a.pk)
                for v in exc.violations
                if not v.auditor_ids
                for a in matrix.auditors
                if chosen.get((v.unit_id, a.pk))
            }
        except ValidationError as exc:
            refused = True
            add_service_errors(form, exc)
        else:
            if saved:
                messages.success(
                    request,
                    _(
                        "De toetsteams zijn opgeslagen: %(added)s toegewezen, %(removed)s "
                        "weggehaald, %(changed)s lead gewijzigd."
                    )
                    % {
                        "added": saved.added,
                        "removed": saved.removed,
                        "changed": saved.lead_changed,
                    },
                )
            else:
                messages.info(request, _("De toetsteams waren al zo; er is niets gewijzigd."))
            return redirect(reverse("audits:team_matrix", kwargs={"year": cycle.year}))
    if refused:
        # Refused: the teams as they are now, with the user's changes over them, and what is
        # now seen (a second save then applies the changes the user still wants).
        form = _matrix_given_back(form, matrix=matrix, changes=changes)
    shown = form.roles() if form.is_bound and hasattr(form, "cleaned_data") else matrix.roles
    rows = [
        {
            "unit": unit,
            "cells": [
                {
                    "field": form[cell_name(unit.pk, auditor.pk)],
                    "own": auditor.business_unit_id == unit.pk,
                    "previous": (unit.pk, auditor.pk) in matrix.previous,
                    "marked": cell_name(unit.pk, auditor.pk) in marked,
                }
                for auditor in matrix.auditors
            ],
        }
        for unit in matrix.units
    ]
    return render(
        request,
        "audits/team_matrix.html",
        {
            "cycle": cycle,
            "matrix": matrix,
            "rows": rows,
            "loads": matrix.loads(shown),
            "form": form,
            "editable": editable,
            "problems": [] if form.is_bound else matrix_problems(matrix),
        },
        status=400 if form.is_bound else 200,
    )
