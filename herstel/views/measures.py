"""Views of the control measures (beheersmaatregelen): a page of their own, reachable in every
step, as learning and prevention run "naast of na de herstelactie" (the process guide). The
advisers of the lead division add, change and withdraw measures there, also after closing."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from herstel.constants import Operation
from herstel.forms.actions import ControlMeasureForm, ControlMeasureUpdateForm, MeasureWithdrawForm
from herstel.selectors import actions as selectors
from herstel.selectors import records
from herstel.services import actions as services
from herstel.views.actions import refusal_on_top, require_capacity
from uwvkms.forms import add_service_errors, posted_data


def _render(request, access, form=None, status=200):
    return render(
        request,
        "herstel/measures.html",
        {
            "access": access,
            "action": access.action,
            "measures": records.measures_with_withdrawn(access.action),
            "measure_form": form or ControlMeasureForm(),
        },
        status=status,
    )


def measure_list(request, pk: int):
    """The action's control measures with owner, due date and status; withdrawn ones struck
    through with their reason. Every reader of the action reads it."""
    access = selectors.herstelactie_get_for_user(user=request.user, pk=pk)
    return _render(request, access)


@require_POST
def measure_add(request, pk: int):
    access = selectors.herstelactie_get_for_user(user=request.user, pk=pk)
    require_capacity(access, Operation.EDIT_MEASURES)
    form = ControlMeasureForm(request.POST)
    if form.is_valid():
        try:
            services.control_measure_add(
                actor=request.user, herstelactie=access.action, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De beheersmaatregel is toegevoegd."))
            return redirect("herstel:measures", pk=access.action.pk)
    refusal_on_top(request, form, form_shown=access.may(Operation.EDIT_MEASURES))
    return _render(request, access, form, status=400)


def measure_edit(request, pk: int, measure_pk: int):
    """Change a measure: description, owner, due date, status (GET: the form)."""
    access = selectors.herstelactie_get_for_user(user=request.user, pk=pk)
    require_capacity(access, Operation.EDIT_MEASURES)
    measure = records.measure_get(action=access.action, pk=measure_pk)
    initial = {
        "description": measure.description,
        "owner": measure.owner,
        "due_on": measure.due_on,
        "progress": measure.progress,
        "version": measure.version,
    }
    form = ControlMeasureUpdateForm(posted_data(request), initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                services.control_measure_update(
                    actor=request.user,
                    measure=measure,
                    expected_version=data.pop("version"),
                    **data,
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("De beheersmaatregel is gewijzigd."))
                return redirect("herstel:measures", pk=access.action.pk)
        refusal_on_top(request, form, form_shown=access.may(Operation.EDIT_MEASURES))
        status = 400
    return render(
        request,
        "herstel/measure_form.html",
        {"access": access, "action": access.action, "measure": measure, "form": form},
        status=status,
    )


def measure_withdraw(request, pk: int, measure_pk: int):
    """Withdraw a measure entered in error, with a reason (GET: the question)."""
    access = selectors.herstelactie_get_for_user(user=request.user, pk=pk)
    require_capacity(access, Operation.EDIT_MEASURES)
    measure = records.measure_get(action=access.action, pk=measure_pk)
    form = MeasureWithdrawForm(posted_data(request))
    status = 200
    if request.method == "POST":
        version = request.POST.get("version", "")
        if form.is_valid():
            try:
                services.control_measure_withdraw(
                    actor=request.user,
                    measure=measure,
                    expected_version=int(version) if version.isdigit() else 0,
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("De beheersmaatregel is ingetrokken; hij blijft doorgestreept zichtbaar."),
                )
                return redirect("herstel:measures", pk=access.action.pk)
        refusal_on_top(request, form, form_shown=access.may(Operation.EDIT_MEASURES))
        status = 400
    return render(
        request,
        "herstel/measure_withdraw.html",
        {"access": access, "action": access.action, "measure": measure, "form": form},
        status=status,
    )
