"""Views of the follow-up: a unit's board plans and tracks improvement actions on the
recommendations it recognised and records their effect; the coordination team reads every unit,
the unit's auditors read theirs. Thin: access in the selectors, every write a service."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from findings.forms.follow_up import (
    EffectMeasurementForm,
    FollowUpActionForm,
    TertaalForm,
    WithdrawForm,
)
from findings.rules import tertaal_of
from findings.selectors import follow_up as selectors
from findings.selectors.ratings import cycles_rateable_by
from findings.services import follow_up as services
from findings.services.follow_up import ACTION_FIELDS
from uwvkms.constants import Role
from uwvkms.forms import add_service_errors, posted_data
from uwvkms.permissions import has_any_role


def _unit_url(cycle, unit) -> str:
    return reverse("findings:follow_up_unit", kwargs={"year": cycle.year, "unit_id": unit.pk})


def _action_url(action) -> str:
    return reverse(
        "findings:action_detail",
        kwargs={"year": action.cycle.year, "unit_id": action.unit_id, "pk": action.pk},
    )


def my_follow_up(request):
    """Where a unit's board (and an auditor) finds the follow-up pages open to them."""
    user = request.user
    if not has_any_role(user, Role.DIRECTIE, Role.TOETSER, Role.COORDINATIETEAM):
        raise PermissionDenied
    entries = selectors.follow_up_entries(user)
    rateable = cycles_rateable_by(user)
    return render(
        request,
        "findings/follow_up/mine.html",
        {
            "entries": [(entry, entry.cycle.pk in rateable) for entry in entries],
            "can_see_tertaal": has_any_role(user, Role.COORDINATIETEAM)
            or (has_any_role(user, Role.DIRECTIE) and user.business_unit_id is not None),
        },
    )


def follow_up_cycle(request, year: int):
    """Every unit of a cycle: its response, recognised recommendations and actions by state."""
    cycle = selectors.follow_up_cycle_get_for_coordinator(user=request.user, year=year)
    today = timezone.localdate()
    return render(
        request,
        "findings/follow_up/cycle.html",
        {"cycle": cycle, "rows": selectors.cycle_follow_up(cycle, today=today), "today": today},
    )


def follow_up_unit(request, year: int, unit_id: int):
    cycle, unit = selectors.follow_up_unit_get_for_reader(
        user=request.user, year=year, unit_id=unit_id
    )
    return render(
        request,
        "findings/follow_up/unit.html",
        {
            "cycle": cycle,
            "unit": unit,
            "follow_up": selectors.unit_follow_up(cycle, unit, today=timezone.localdate()),
            "can_edit": selectors.is_unit_board(request.user, unit),
        },
    )


def action_create(request, year: int, unit_id: int, recommendation_id: int):
    cycle, unit = selectors.follow_up_unit_get_for_board(
        user=request.user, year=year, unit_id=unit_id
    )
    recommendation = selectors.recognised_recommendation_get(
        cycle=cycle, unit=unit, pk=recommendation_id
    )
    form = FollowUpActionForm(posted_data(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            action = services.follow_up_action_create(
                actor=request.user,
                recommendation=recommendation,
                **{f: data[f] for f in ACTION_FIELDS},
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("De vervolgactie ‘%(title)s’ is vastgelegd.") % {"title": action}
            )
            return redirect(_unit_url(cycle, unit))
    return render(
        request,
        "findings/follow_up/action_form.html",
        {"cycle": cycle, "unit": unit, "recommendation": recommendation, "form": form},
        status=400 if form.is_bound else 200,
    )


def action_detail(request, year: int, unit_id: int, pk: int):
    cycle, unit = selectors.follow_up_unit_get_for_reader(
        user=request.user, year=year, unit_id=unit_id
    )
    action = selectors.action_get(cycle=cycle, unit=unit, pk=pk, withdrawn_too=True)
    return _render_action(request, cycle, unit, action)


def _render_action(request, cycle, unit, action, *, measurement_form=None, status=200):
    is_board = selectors.is_unit_board(request.user, unit)
    can_edit = is_board and not action.is_withdrawn
    if measurement_form is None and can_edit:
        measurement_form = EffectMeasurementForm(
            initial={"version": action.version, "measured_on": timezone.localdate()}
        )
    return render(
        request,
        "findings/follow_up/action_detail.html",
        {
            "cycle": cycle,
            "unit": unit,
            "action": action,
            "row": selectors.action_row(action, today=timezone.localdate()),
            "can_edit": can_edit,
            "can_measure": can_edit and action.status != "vervallen",
            "can_withdraw": is_board and selectors.action_withdrawal_refusal_of(action) is None,
            "measurement_form": measurement_form,
            "history": selectors.action_history(action),
        },
        status=status,
    )


def action_edit(request, year: int, unit_id: int, pk: int):
    cycle, unit = selectors.follow_up_unit_get_for_board(
        user=request.user, year=year, unit_id=unit_id
    )
    action = selectors.action_get(cycle=cycle, unit=unit, pk=pk)
    initial = {f: getattr(action, f) for f in ACTION_FIELDS} | {"version": action.version}
    form = FollowUpActionForm(posted_data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.follow_up_action_update(
                actor=request.user,
                action=action,
                expected_version=data["version"] or 0,
                **{f: data[f] for f in ACTION_FIELDS},
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De vervolgactie is opgeslagen."))
            return redirect(_action_url(action))
    return render(
        request,
        "findings/follow_up/action_form.html",
        {
            "cycle": cycle,
            "unit": unit,
            "recommendation": action.recommendation,
            "action": action,
            "form": form,
        },
        status=400 if form.is_bound else 200,
    )


@require_POST
def measurement_create(request, year: int, unit_id: int, pk: int):
    cycle, unit = selectors.follow_up_unit_get_for_board(
        user=request.user, year=year, unit_id=unit_id
    )
    action = selectors.action_get(cycle=cycle, unit=unit, pk=pk)
    form = EffectMeasurementForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.effect_measurement_record(
                actor=request.user,
                action=action,
                expected_version=data["version"],
                measured_value=data["measured_value"],
                measured_on=data["measured_on"],
                conclusion=data["conclusion"],
                next_steps=data["next_steps"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De effectmeting is vastgelegd."))
            return redirect(_action_url(action))
    return _render_action(request, cycle, unit, action, measurement_form=form, status=400)


def action_withdraw(request, year: int, unit_id: int, pk: int):
    """Withdraw an action recorded in error, with a reason (GET: the question; POST: the
    withdrawal). The unit's own board only; the page says why when it cannot be withdrawn."""
    cycle, unit = selectors.follow_up_unit_get_for_board(
        user=request.user, year=year, unit_id=unit_id
    )
    action = selectors.action_get(cycle=cycle, unit=unit, pk=pk, withdrawn_too=True)
    form = WithdrawForm(posted_data(request), initial={"version": action.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.follow_up_action_withdraw(
                actor=request.user,
                action=action,
                expected_version=form.cleaned_data["version"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("De vervolgactie ‘%(title)s’ is ingetrokken; ze telt nergens meer mee.")
                % {"title": action},
            )
            return redirect(_unit_url(cycle, unit))
    return render(
        request,
        "findings/withdraw.html",
        {
            "cycle": cycle,
            "record": action,
            "title": _("Vervolgactie ‘%(title)s’ intrekken?") % {"title": action},
            "consequence": _(
                "De actie blijft doorgestreept zichtbaar met de reden, maar telt niet meer mee "
                "in de voortgang, de overzichten, de werkvoorraad, de herinneringen en de "
                "exports. De reden komt in de historie van de actie."
            ),
            "refusal": selectors.action_withdrawal_refusal_of(action),
            "form": form,
            "back_url": _action_url(action),
            "back_label": _("Terug naar de vervolgactie"),
            "button": _("Vervolgactie intrekken"),
            "crumbs": [
                (_unit_url(cycle, unit), _("Vervolgacties %(unit)s") % {"unit": unit.name}),
                (_action_url(action), action.title),
            ],
        },
        status=400 if form.is_bound else 200,
    )


def tertaal_overview(request):
    """Per unit, the actions due in a tertaal by state; the coordination team sees every unit,
    a unit's board its own."""
    unit = selectors.tertaal_unit_scope(request.user)
    today = timezone.localdate()
    choices = selectors.tertaal_choices(today=today, unit=unit)
    requested = selectors.parse_tertaal(request.GET.get("tertaal", ""))
    if requested is not None and requested not in choices:
        choices = sorted([*choices, requested])
    form = TertaalForm(
        request.GET or None,
        choices=[(selectors.tertaal_value(t), str(t)) for t in choices],
        initial={"tertaal": selectors.tertaal_value(tertaal_of(today))},
    )
    tertaal = tertaal_of(today)
    status = 200
    if form.is_bound:
        if form.is_valid():
            tertaal = selectors.parse_tertaal(form.cleaned_data["tertaal"])
        else:
            status = 400
    return render(
        request,
        "findings/follow_up/tertaal.html",
        {
            "form": form,
            "overview": selectors.tertaal_overview(tertaal=tertaal, today=today, unit=unit),
            "unit": unit,
        },
        status=status,
    )
