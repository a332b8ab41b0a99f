"""Views of step 2 beside the decisions, all on the decisions page: the views of the involved
divisions' DTs (with their correction and withdrawal pages), the DT's enrichment of the advice,
the RvB raising the mandate (with a confirmation: it cannot be undone) and the RvB's contacts
with the minister."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from herstel.constants import DT_CAPACITIES, MINISTER_CONTACT_RIGHT, Capacity, Mandate
from herstel.forms.step2 import (
    DtViewCorrectionForm,
    DtViewForm,
    DtViewWithdrawForm,
    EnrichmentForm,
    MandateRaiseForm,
    MinisterContactForm,
    MinisterContactWithdrawForm,
)
from herstel.selectors import actions as selectors
from herstel.selectors import records
from herstel.selectors.documents import documents_to_refer
from herstel.services import step2 as services
from herstel.views.actions import refusal_on_top
from herstel.views.decisions import _render
from uwvkms.confirmation import confirmation_page, is_confirmed, went_back
from uwvkms.forms import add_service_errors, posted_data


def _require(access, capacities) -> None:
    """403 unless the user holds one of `capacities` for the action; the step is the service's
    to refuse, with its reason."""
    if not set(capacities) & access.capacities:
        raise PermissionDenied


def _back(access):
    return redirect("herstel:decisions", pk=access.action.pk)


# --- The views of the involved divisions' DTs -------------------------------------------------


@require_POST
def dt_view_add(request, pk: int):
    access = selectors.herstelactie_get_for_decision_making(user=request.user, pk=pk)
    _require(access, {Capacity.INVOLVED_DT})
    form = DtViewForm(request.POST)
    if form.is_valid():
        try:
            services.dt_view_record(
                actor=request.user, herstelactie=access.action, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De zienswijze van uw divisie is vastgelegd."))
            return _back(access)
    refusal_on_top(request, form, form_shown=access.may_record_view)
    return _render(request, access, view_form=form, status=400)


def _own_view(request, pk: int, view_pk: int):
    access = selectors.herstelactie_get_for_decision_making(user=request.user, pk=pk)
    _require(access, {Capacity.INVOLVED_DT})
    view = records.dt_view_get(action=access.action, pk=view_pk)
    if view.business_unit_id != access.unit_id:
        raise PermissionDenied
    return access, view


def dt_view_correct(request, pk: int, view_pk: int):
    """Correct the standing view of one's own division: a new record with the reason."""
    access, view = _own_view(request, pk, view_pk)
    form = DtViewCorrectionForm(
        posted_data(request), initial={"position": view.position, "body": view.body}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.dt_view_correct(actor=request.user, view=view, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("De correctie is vastgelegd; de eerdere zienswijze blijft zichtbaar.")
            )
            return _back(access)
    return render(
        request,
        "herstel/dt_view_change.html",
        {"access": access, "action": access.action, "view": view, "form": form, "correct": True},
        status=400 if form.errors else 200,
    )


def dt_view_withdraw(request, pk: int, view_pk: int):
    """Withdraw the view of one's own division recorded in error, with a reason."""
    access, view = _own_view(request, pk, view_pk)
    form = DtViewWithdrawForm(posted_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.dt_view_withdraw(
                actor=request.user, view=view, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("De zienswijze is ingetrokken; ze blijft doorgestreept zichtbaar.")
            )
            return _back(access)
    return render(
        request,
        "herstel/dt_view_change.html",
        {"access": access, "action": access.action, "view": view, "form": form, "correct": False},
        status=400 if form.errors else 200,
    )


# --- The DT's enrichment of the advice --------------------------------------------------------


@require_POST
def enrichment_save(request, pk: int):
    access = selectors.herstelactie_get_for_decision_making(user=request.user, pk=pk)
    _require(access, DT_CAPACITIES)
    form = EnrichmentForm(request.POST)
    if form.is_valid():
        try:
            enrichment = services.advice_enrichment_save(
                actor=request.user,
                herstelactie=access.action,
                body=form.cleaned_data["body"],
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("De aanvulling op het advies is opgeslagen als versie %(v)s.")
                % {"v": enrichment.version},
            )
            return _back(access)
    refusal_on_top(request, form, form_shown=access.may_enrich)
    return _render(request, access, enrichment_form=form, status=400)


# --- The RvB raises the mandate ---------------------------------------------------------------


@require_POST
def mandate_raise(request, pk: int):
    """Raise the mandate (the RvB, in 2B): the form, then a confirmation page (it cannot be
    undone), then the service."""
    access = selectors.herstelactie_get_for_decision_making(user=request.user, pk=pk)
    _require(access, {Capacity.RVB})
    # Accept any mandate on POST: the service refuses one that is not higher, with its reason.
    form = MandateRaiseForm(
        request.POST, mandates=list(Mandate), documents=documents_to_refer(access.action)
    )
    offered = access.raisable_mandates

    def again(status=400):
        form.fields["new_mandate"].choices = [(m.value, m.label) for m in offered]
        refusal_on_top(request, form, form_shown=bool(offered))
        return _render(request, access, raise_form=form, status=status)

    if went_back(request):  # from the confirmation page: the form again, as typed
        return again(status=200)
    if not form.is_valid():
        return again()
    data = form.cleaned_data
    if not is_confirmed(request) and (confirmation := _confirmation(request, access, data)):
        return confirmation
    try:
        services.mandate_raise(
            actor=request.user,
            herstelactie=access.action,
            new_mandate=data["new_mandate"],
            reason=data["reason"],
            expected_version=data["version"],
            intended_body=data["intended_body"],
            decided_on=data["decided_on"],
            document=data["document"],
            document_file=data["document_file"],
        )
    except ValidationError as exc:
        add_service_errors(form, exc)
        return again()
    messages.success(
        request,
        _("Het besluitvormingsmandaat is verhoogd naar %(m)s.")
        % {"m": Mandate(data["new_mandate"]).label},
    )
    return _back(access)


def _confirmation(request, access, data):
    """The confirmation page of a raise that the service would accept as typed; anything else
    goes straight to the service, which refuses it with its reason."""
    new = data["new_mandate"]
    if new not in access.raisable_mandates or not data["reason"].strip():
        return None
    to_minister = new == Mandate.RVB_MINISTER
    if to_minister and not (data["intended_body"].strip() and data["decided_on"]):
        return None
    consequences = [
        _(
            "Het mandaat gaat van %(old)s naar %(new)s. Dat kan niet worden teruggedraaid; de "
            "verplichtingen volgen het nieuwe mandaat."
        )
        % {"old": access.action.get_mandate_display(), "new": Mandate(new).label},
        _(
            "Het voorgenomen besluit wordt vastgelegd en de actie gaat naar de minister; SBK "
            "schrijft met SZW de nota aan de minister."
        )
        if to_minister
        else _("De RvB besluit daarna zelf over de actie (stap 2B)."),
    ]
    return confirmation_page(
        request,
        title=_("Mandaat verhogen voor ‘%(title)s’?") % {"title": access.action.title},
        consequences=consequences,
        summary=[
            (_("Nieuw mandaat"), str(Mandate(new).label)),
            (_("Reden"), data["reason"]),
            (_("Voorgenomen besluit"), data["intended_body"] if to_minister else ""),
            (
                _("Bestand uit het dossier"),
                str(data["document_file"]) if to_minister and data["document_file"] else "",
            ),
        ],
        confirm_label=_("Ja, mandaat verhogen"),
        back_label=_("Terug naar de besluitvorming"),
    )


# --- The RvB's contacts with the minister -----------------------------------------------------


@require_POST
def minister_contact_add(request, pk: int):
    access = selectors.herstelactie_get_for_decision_making(user=request.user, pk=pk)
    _require(access, MINISTER_CONTACT_RIGHT.by)
    form = MinisterContactForm(request.POST)
    if form.is_valid():
        try:
            services.minister_contact_record(
                actor=request.user, herstelactie=access.action, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Het contact met de minister is vastgelegd."))
            return _back(access)
    refusal_on_top(request, form, form_shown=access.may_record_minister_contact)
    return _render(request, access, contact_form=form, status=400)


def minister_contact_withdraw(request, pk: int, contact_pk: int):
    """Withdraw a contact with the minister recorded in error, with a reason (GET: the
    question; POST: the withdrawal). The RvB and SBK; the page says why when it cannot."""
    access = selectors.herstelactie_get_for_user(user=request.user, pk=pk)
    _require(access, MINISTER_CONTACT_RIGHT.by)
    contact = records.minister_contact_get(action=access.action, pk=contact_pk)
    form = MinisterContactWithdrawForm(posted_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.minister_contact_withdraw(
                actor=request.user, contact=contact, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _(
                    "Het contact met de minister is ingetrokken; het blijft doorgestreept zichtbaar."
                ),
            )
            return _back(access)
    if contact.is_withdrawn:
        refusal = _("Dit contact met de minister is al ingetrokken (%(summary)s).") % {
            "summary": contact.withdrawal_summary()
        }
    elif not access.may_record_minister_contact:
        refusal = _(
            "Een contact met de minister wordt nu niet ingetrokken: de herstelactie staat in %(step)s."
        ) % {"step": access.action.get_step_display()}
    else:
        refusal = ""
    return render(
        request,
        "herstel/minister_contact_withdraw.html",
        {
            "access": access,
            "action": access.action,
            "contact": contact,
            "form": form,
            "refusal": refusal,
        },
        status=400 if form.errors else 200,
    )
