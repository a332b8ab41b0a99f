"""Views of the assessment framework (toetskader): read by whoever may see the cycle, edited by
the coordination team until the cycle is published. Thin: the rules live in the selectors and
services."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from maturity.forms.framework import FrameworkForm
from maturity.selectors import framework as selectors
from maturity.selectors.levels import level_meanings
from maturity.services import framework as services
from uwvkms.constants import Role
from uwvkms.forms import add_service_errors, posted_data
from uwvkms.permissions import has_any_role


def framework_list(request, year: int):
    cycle = selectors.framework_cycle_get_for_reader(user=request.user, year=year)
    return render(
        request,
        "maturity/framework_list.html",
        {
            "cycle": cycle,
            "entries": selectors.frameworks_of_cycle(cycle),
            "can_edit": _can_edit(request.user, cycle),
        },
    )


def framework_detail(request, year: int, principle_code: str):
    cycle = selectors.framework_cycle_get_for_reader(user=request.user, year=year)
    principle = selectors.cycle_principle_get(cycle=cycle, code=principle_code)
    entry = selectors.framework_entry(cycle=cycle, principle=principle)
    return render(
        request,
        "maturity/framework_detail.html",
        {
            "cycle": cycle,
            "entry": entry,
            "framework": entry.framework,
            "levels": selectors.level_descriptors(entry.framework),
            "history": selectors.framework_history(entry.framework),
            "can_edit": _can_edit(request.user, cycle),
        },
    )


def framework_edit(request, year: int, principle_code: str):
    cycle = selectors.framework_cycle_get_for_editing(user=request.user, year=year)
    principle = selectors.cycle_principle_get(cycle=cycle, code=principle_code)
    entry = selectors.framework_entry(cycle=cycle, principle=principle)
    framework = entry.framework
    editable = selectors.framework_editable(cycle)
    initial = {field: getattr(framework, field) for field in selectors.TEXT_FIELDS}
    form = FrameworkForm(
        posted_data(request),
        initial=initial | {"version": framework.version},
        meanings=level_meanings(),
    )
    if not editable:
        for field in form.fields.values():
            field.disabled = True
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = services.framework_update(
                actor=request.user,
                cycle=cycle,
                principle=principle,
                expected_version=data["version"],
                **{field: data[field] for field in selectors.TEXT_FIELDS},
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            names = {"principle": principle, "year": cycle.year}
            if saved.changed:
                messages.success(
                    request, _("Het toetskader %(principle)s %(year)s is gewijzigd.") % names
                )
            elif saved.created:
                messages.success(
                    request,
                    _("Het toetskader %(principle)s is voor %(year)s vastgelegd.") % names,
                )
            else:
                messages.info(request, _("Het toetskader was al zo; er is niets gewijzigd."))
            return redirect(
                reverse(
                    "maturity:framework_detail",
                    kwargs={"year": cycle.year, "principle_code": principle.code},
                )
            )
    return render(
        request,
        "maturity/framework_form.html",
        {
            "cycle": cycle,
            "entry": entry,
            "framework": framework,
            "form": form,
            "editable": editable,
            "history": selectors.framework_history(framework),
        },
        status=400 if form.is_bound else 200,
    )


def _can_edit(user, cycle) -> bool:
    return has_any_role(user, Role.COORDINATIETEAM) and selectors.framework_editable(cycle)
