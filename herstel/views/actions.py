"""Views of the action itself: the overview, starting an action, its page with the step moves,
its facts and its lead division."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from herstel.constants import MOVE_CONSEQUENCES, Operation, StepMove
from herstel.forms.actions import (
    HerstelactieDetailsForm,
    HerstelactieStartForm,
    LeadChangeForm,
    StepMoveForm,
)
from herstel.permissions import (
    may_by_capacity,
    may_manage_contact_points,
    may_see_overview,
    may_start,
)
from herstel.selectors import actions as selectors
from herstel.selectors.informing import obligation_rows
from herstel.services import actions as services
from herstel.services.steps import herstelactie_move
from uwvkms.confirmation import confirmation_page, is_confirmed, went_back
from uwvkms.forms import add_service_errors, posted_data
from uwvkms.selectors import business_units


def require_right(access, operation: Operation) -> None:
    """403 unless the user may do `operation` on this action now (capacity and step)."""
    if not access.may(operation):
        raise PermissionDenied


def require_capacity(access, operation: Operation) -> None:
    """403 unless the user's capacity could ever do `operation`; the step is the service's to
    refuse, with its reason."""
    if not may_by_capacity(operation, capacities=access.capacities):
        raise PermissionDenied


def refusal_on_top(request, form, *, form_shown: bool) -> None:
    """A page leaves a form out once the user may no longer use it (the action moved on or was
    closed since they opened the page). The service's refusal of such a stale post then goes to
    the top of the page, or the user would not read why nothing changed."""
    if not form_shown:
        for error in form.non_field_errors():
            messages.error(request, error)


def herstelactie_list(request):
    selectors.require_herstel_user(request.user)
    return render(
        request,
        "herstel/herstelactie_list.html",
        {
            "actions": selectors.overview_for_user(request.user),
            "can_start": may_start(request.user),
            "manages_contact_points": may_manage_contact_points(request.user),
            "sees_overview": may_see_overview(request.user),
        },
    )


def herstelactie_start(request):
    if not may_start(request.user):
        raise PermissionDenied
    form = HerstelactieStartForm(
        posted_data(request),
        initial={"lead_unit": request.user.business_unit_id},
        units=business_units(),
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            action = services.herstelactie_start(actor=request.user, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Herstelactie “%(title)s” is gestart; de vaste contactpersonen zijn ingelicht.")
                % {"title": action.title},
            )
            return redirect(action)
    return render(
        request,
        "herstel/herstelactie_form.html",
        {"form": form, "access": None},
        status=400 if form.errors else 200,
    )


def _move_forms(access, bound: StepMoveForm | None = None) -> list[tuple[object, StepMoveForm]]:
    forms = []
    for option in selectors.move_options(access):
        if bound is not None and bound.prefix == option.move:
            forms.append((option, bound))
        else:
            forms.append(
                (
                    option,
                    StepMoveForm(
                        initial={"move": option.move, "version": access.action.version},
                        prefix=option.move,
                    ),
                )
            )
    return forms


def render_detail(request, access, *, bound_move=None, move_errors=(), status=200):
    action = access.action
    return render(
        request,
        "herstel/herstelactie_detail.html",
        {
            "access": access,
            "action": action,
            "move_forms": _move_forms(access, bound_move),
            "move_errors": list(move_errors),
            "obligations": obligation_rows(
                action, facts=access.decision_facts, capacities=access.capacities
            ),
            "advice_state": access.advice_state if not action.mandate else None,
        },
        status=status,
    )


def herstelactie_detail(request, pk: int):
    access = selectors.herstelactie_get_for_user(user=request.user, pk=pk)
    return render_detail(request, access)


@require_POST
def herstelactie_move_view(request, pk: int):
    access = selectors.herstelactie_get_for_user(user=request.user, pk=pk)
    prefix = next(
        (key.removesuffix("-move") for key in request.POST if key.endswith("-move")), None
    )
    form = StepMoveForm(request.POST, prefix=prefix)
    if went_back(request):  # from the confirmation page: the action again, the reason as typed
        return render_detail(request, access, bound_move=form)
    if not form.is_valid():
        return render_detail(request, access, bound_move=form, status=400)
    if not is_confirmed(request) and (confirmation := _move_confirmation(request, access, form)):
        return confirmation
    try:
        action = herstelactie_move(
            actor=request.user,
            herstelactie=access.action,
            move=form.cleaned_data["move"],
            expected_version=form.cleaned_data["version"],
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            add_service_errors(form, exc)
            return render_detail(request, access, bound_move=form, status=400)
        return render_detail(request, access, move_errors=exc.messages, status=400)
    messages.success(
        request, _("De herstelactie staat nu in %(step)s.") % {"step": action.get_step_display()}
    )
    return redirect(action)


def _move_confirmation(request, access, form: StepMoveForm):
    """The confirmation page of a move this user can make now. A move that is not offered, or
    still blocked, or lacks its reason, goes straight to the service, which refuses it with
    its own message: the user is never asked to confirm what will be refused."""
    move = form.cleaned_data["move"]
    option = next((o for o in selectors.move_options(access) if o.move == move), None)
    if option is None or option.blockers:
        return None
    reason = form.cleaned_data["reason"].strip()
    if option.needs_reason and not reason:
        return None
    action = access.action
    consequences = [MOVE_CONSEQUENCES[StepMove(move)]]
    routing = access.advice_state.routing if move == StepMove.SUBMIT_ADVICE else None
    if routing is not None:
        consequences.append(
            _("Mandaat volgens de criteria: %(mandate)s.") % {"mandate": routing.mandate.label}
        )
    return confirmation_page(
        request,
        title=_("%(move)s: ‘%(title)s’?") % {"move": option.label, "title": action.title},
        consequences=consequences,
        summary=[(_("Reden"), reason)],
        confirm_label=_("Ja: %(move)s") % {"move": option.label},
        back_label=_("Terug naar de herstelactie"),
    )


def herstelactie_edit(request, pk: int):
    access = selectors.herstelactie_get_for_user(user=request.user, pk=pk)
    require_right(access, Operation.EDIT_DETAILS)
    action = access.action
    form = HerstelactieDetailsForm(
        posted_data(request),
        initial={
            "title": action.title,
            "what_went_wrong": action.what_went_wrong,
            "wrong_since": action.wrong_since,
            "estimated_clients": action.estimated_clients,
            "estimated_dossiers": action.estimated_dossiers,
            "estimated_amount": action.estimated_amount,
            "version": action.version,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.herstelactie_update(
                actor=request.user,
                herstelactie=action,
                expected_version=data.pop("version") or 0,
                **data,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De gegevens van de herstelactie zijn opgeslagen."))
            return redirect(action)
    return render(
        request,
        "herstel/herstelactie_form.html",
        {"form": form, "access": access, "action": action},
        status=400 if form.errors else 200,
    )


def herstelactie_lead(request, pk: int):
    access = selectors.herstelactie_get_for_user(user=request.user, pk=pk)
    require_right(access, Operation.CHANGE_LEAD)
    action = access.action
    form = LeadChangeForm(
        posted_data(request),
        initial={"version": action.version},
        units=business_units().exclude(pk=action.lead_unit_id),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.herstelactie_lead_change(
                actor=request.user,
                herstelactie=action,
                expected_version=form.cleaned_data["version"],
                lead_unit=form.cleaned_data["lead_unit"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(unit)s heeft nu de lead.") % {"unit": form.cleaned_data["lead_unit"]},
            )
            return redirect(action)
    return render(
        request,
        "herstel/herstelactie_lead_form.html",
        {"form": form, "access": access, "action": action},
        status=400 if form.errors else 200,
    )
