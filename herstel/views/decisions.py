"""Views of step 2: the obligations of the mandate path, the decisions of the DT, the RvB and
the minister (never edited; corrected by a new record), informal rounds and notifications."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from herstel.constants import FORUM_OUTCOMES, Forum, Mandate, NotificationKind, Operation
from herstel.forms.records import (
    CorrectionForm,
    DecisionForm,
    DecisionWithdrawForm,
    InformalRoundForm,
    NotificationForm,
)
from herstel.forms.step2 import DtViewForm, EnrichmentForm, MandateRaiseForm, MinisterContactForm
from herstel.permissions import may_record_decision, may_record_notification
from herstel.rules import decision_withdrawal_refusal, outcomes_for
from herstel.selectors import actions as selectors
from herstel.selectors import records
from herstel.selectors.documents import documents_to_refer
from herstel.selectors.informing import obligation_rows
from herstel.services import decisions as services
from herstel.views.actions import _move_forms, refusal_on_top, require_capacity
from uwvkms.forms import add_service_errors, posted_data


def _outcomes(forum: Forum, mandate: str):
    return outcomes_for(forum, Mandate(mandate)) if mandate else ()


def _offer_only(form, outcomes) -> None:
    """A refused form is shown again offering only the outcomes of the path."""
    form.fields["outcome"].choices = [(o.value, o.label) for o in outcomes]


def _decision_form(access, forum: Forum, data=None) -> DecisionForm:
    # Offered: the outcomes of the action's path. Accepted on POST: any outcome of the forum, so
    # the service refuses one off the path with its reason.
    outcomes = (
        sorted(FORUM_OUTCOMES[forum])
        if data is not None
        else _outcomes(forum, access.action.mandate)
    )
    return DecisionForm(
        data,
        outcomes=outcomes,
        prefix=f"besluit-{forum.value}",
        documents=documents_to_refer(access.action),
    )


def _render(
    request,
    access,
    *,
    decision_form=None,
    informal_form=None,
    notification_form=None,
    status=200,
    **step2_forms,
):
    action = access.action
    decision_forms = [
        (
            forum,
            decision_form
            if decision_form is not None and decision_form.prefix == f"besluit-{forum.value}"
            else _decision_form(access, forum),
        )
        for forum in access.decision_forums
    ]
    return render(
        request,
        "herstel/decisions.html",
        {
            **step2_context(access, **step2_forms),
            "access": access,
            "action": action,
            "obligations": obligation_rows(
                action, facts=access.decision_facts, capacities=access.capacities
            ),
            "decisions": records.decisions_of(action),
            "informal_rounds": records.informal_rounds_of(action),
            "notifications": records.notifications_of(action),
            "decision_forms": decision_forms,
            "decided_forums": [
                forum for forum in access.recording_forums if forum not in access.decision_forums
            ],
            "informal_form": informal_form or InformalRoundForm(),
            "notification_form": notification_form
            or NotificationForm(
                kinds=access.notification_kinds, documents=documents_to_refer(action)
            ),
            "move_forms": _move_forms(access),
        },
        status=status,
    )


def step2_context(
    access, *, view_form=None, enrichment_form=None, raise_form=None, contact_form=None
) -> dict:
    """What the decisions page shows of step 2 beside the decisions: the involved divisions'
    views, the DT's enrichment of the advice with its versions, the raises of the mandate and
    the contacts with the minister, each with its form for whoever may use it now."""
    action = access.action
    views = records.dt_views_of(action)
    standing = records.current_views(views)
    enrichments = records.enrichments_of(action)
    latest = enrichments[0] if enrichments else None
    raisable = access.raisable_mandates
    return {
        "dt_views": views,
        "own_view": next((v for v in standing if v.business_unit_id == access.unit_id), None),
        "enrichments": enrichments,
        "enrichment_form": enrichment_form
        or EnrichmentForm(
            initial={
                "body": latest.body if latest else "",
                "version": latest.version if latest else 0,
            }
        ),
        "mandate_raises": records.mandate_raises_of(action),
        "raise_form": raise_form
        or (
            MandateRaiseForm(
                mandates=raisable,
                documents=documents_to_refer(action),
                initial={"version": action.version},
            )
            if raisable
            else None
        ),
        "minister_contacts": records.minister_contacts_of(action),
        "contact_form": contact_form or MinisterContactForm(),
        "view_form": view_form or DtViewForm(),
    }


def decisions(request, pk: int):
    access = selectors.herstelactie_get_for_decision_making(user=request.user, pk=pk)
    return _render(request, access)


@require_POST
def decision_record(request, pk: int, forum: str):
    access = selectors.herstelactie_get_for_decision_making(user=request.user, pk=pk)
    if forum not in Forum.values:
        raise Http404
    forum = Forum(forum)
    if not may_record_decision(forum, capacities=access.capacities):
        raise PermissionDenied
    form = _decision_form(access, forum, request.POST)
    if form.is_valid():
        try:
            services.decision_record(
                actor=request.user, herstelactie=access.action, forum=forum, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("Het besluit van %(forum)s is vastgelegd.") % {"forum": forum.label}
            )
            return redirect("herstel:decisions", pk=access.action.pk)
    if forum not in access.decision_forums:
        # The form is not on the page in this step: say why at the top.
        for error in form.non_field_errors():
            messages.error(request, error)
    _offer_only(form, _outcomes(forum, access.action.mandate))
    return _render(request, access, decision_form=form, status=400)


def decision_correct(request, pk: int, decision_pk: int):
    access = selectors.herstelactie_get_for_decision_making(user=request.user, pk=pk)
    decision = records.decision_get(action=access.action, pk=decision_pk)
    forum = Forum(decision.forum)
    if not may_record_decision(forum, capacities=access.capacities):
        raise PermissionDenied
    outcomes = _outcomes(forum, decision.mandate)
    data = request.POST if request.method == "POST" else None
    form = CorrectionForm(
        data,
        outcomes=sorted(FORUM_OUTCOMES[forum]) if data is not None else outcomes,
        prefix="correctie",
        documents=documents_to_refer(access.action),
        initial={
            "outcome": decision.outcome,
            "decided_on": decision.decided_on,
            "body": decision.body,
            "document": decision.document,
            "document_file": decision.document_file_id,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.decision_correct(actor=request.user, decision=decision, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("De correctie is vastgelegd; het oude besluit blijft zichtbaar.")
            )
            return redirect("herstel:decisions", pk=access.action.pk)
    _offer_only(form, outcomes)
    return render(
        request,
        "herstel/decision_correct.html",
        {"access": access, "action": access.action, "decision": decision, "form": form},
        status=400 if form.errors else 200,
    )


def decision_withdraw(request, pk: int, decision_pk: int):
    """Withdraw a decision recorded in error, with a reason (GET: the question; POST: the
    withdrawal). Whoever records the forum's decisions; the page says why when it cannot."""
    access = selectors.herstelactie_get_for_decision_making(user=request.user, pk=pk)
    decision = records.decision_get(action=access.action, pk=decision_pk, withdrawn_too=True)
    if not may_record_decision(Forum(decision.forum), capacities=access.capacities):
        raise PermissionDenied
    form = DecisionWithdrawForm(posted_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.decision_withdraw(
                actor=request.user, decision=decision, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _(
                    "Het besluit is ingetrokken. Het blijft doorgestreept zichtbaar; wat de "
                    "besluitvorming nog vraagt, is opnieuw bepaald."
                ),
            )
            return redirect("herstel:decisions", pk=access.action.pk)
    refusal = decision_withdrawal_refusal(
        step=access.action.step,
        forum=decision.forum,
        is_withdrawn=decision.is_withdrawn,
        is_corrected=records.is_corrected(decision),
    )
    return render(
        request,
        "herstel/decision_withdraw.html",
        {
            "access": access,
            "action": access.action,
            "decision": decision,
            "form": form,
            "refusal": refusal,
        },
        status=400 if form.is_bound else 200,
    )


@require_POST
def informal_round_add(request, pk: int):
    access = selectors.herstelactie_get_for_decision_making(user=request.user, pk=pk)
    require_capacity(access, Operation.RECORD_INFORMAL_ROUND)
    form = InformalRoundForm(request.POST)
    if form.is_valid():
        try:
            services.informal_round_record(
                actor=request.user, herstelactie=access.action, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De informele ronde is vastgelegd."))
            return redirect("herstel:decisions", pk=access.action.pk)
    refusal_on_top(request, form, form_shown=access.may(Operation.RECORD_INFORMAL_ROUND))
    return _render(request, access, informal_form=form, status=400)


@require_POST
def notification_add(request, pk: int):
    access = selectors.herstelactie_get_for_decision_making(user=request.user, pk=pk)
    kinds = [
        k for k in NotificationKind if may_record_notification(k, capacities=access.capacities)
    ]
    if not kinds:
        raise PermissionDenied
    # Accept every kind: the service refuses one this user may not record (403) or not now.
    form = NotificationForm(
        request.POST, kinds=list(NotificationKind), documents=documents_to_refer(access.action)
    )
    if form.is_valid():
        try:
            services.notification_record(
                actor=request.user, herstelactie=access.action, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De kennisgeving is vastgelegd."))
            return redirect("herstel:decisions", pk=access.action.pk)
    refusal_on_top(request, form, form_shown=bool(access.notification_kinds))
    form.fields["kind"].choices = [(k.value, k.label) for k in access.notification_kinds]
    return _render(request, access, notification_form=form, status=400)
