"""Writes of step 2 beside the decisions (the process guide, steps 2A and 2B): the views of the
DTs of the divisions involved, the DT's enrichment of the advice to the RvB, the RvB raising the
mandate when its choice of scenario needs the minister, and the RvB's contacts with the minister.
The rules are pure functions in herstel/rules.py; every write is recorded in the event log."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from herstel.constants import (
    DT_CAPACITIES,
    MINISTER_CONTACT_RIGHT,
    OBLIGATIONS,
    Capacity,
    ContactForm,
    Forum,
    Mandate,
    Outcome,
    Step,
    ViewPosition,
)
from herstel.events import (
    ADVICE_ENRICHED,
    DECISION_RECORDED,
    DT_VIEW_CORRECTED,
    DT_VIEW_RECORDED,
    DT_VIEW_WITHDRAWN,
    MANDATE_RAISED,
    MINISTER_CONTACT_RECORDED,
    MINISTER_CONTACT_WITHDRAWN,
)
from herstel.models import (
    ActionDocument,
    AdviceEnrichment,
    Decision,
    DtView,
    Herstelactie,
    MandateRaise,
    MinisterContact,
)
from herstel.notifications import notify_sbk_tasks, sbk_ready
from herstel.rules import (
    decision_date_problem,
    enrichment_refusal,
    mandate_raise_refusal,
    minister_contact_refusal,
    view_refusal,
)
from herstel.services.decisions import _decision_changes, _require_plausible
from herstel.services.documents import document_for_reference
from herstel.services.guards import capacities_of, locked, require_version
from uwvkms.models import User
from uwvkms.services import audit_event_record
from uwvkms.versioning import EditConflict
from uwvkms.withdrawal import withdraw

# --- The views of the involved divisions' DTs (2A) ---------------------------------------------


def _require_view_right(actor: User, herstelactie: Herstelactie) -> None:
    """PermissionDenied for someone who is not the DT of a division involved; the step's
    refusal as a ValidationError."""
    capacities = capacities_of(actor, herstelactie)
    if Capacity.INVOLVED_DT not in capacities:
        raise PermissionDenied
    refusal = view_refusal(step=herstelactie.step, capacities=capacities)
    if refusal:
        raise ValidationError(refusal)


def current_view(herstelactie: Herstelactie, unit_id: int) -> DtView | None:
    """The standing view of a division (not withdrawn, not replaced by a correction). The
    caller holds the action's lock, which every write of its views takes first."""
    return DtView.objects.filter(
        herstelactie=herstelactie, business_unit_id=unit_id, correction__isnull=True
    ).first()


def _clean_position(position: str) -> ViewPosition:
    if position not in ViewPosition.values:
        raise ValidationError({"position": _("Kies een standpunt.")})
    return ViewPosition(position)


def _view_changes(view: DtView) -> dict:
    return {
        "dt_view": [None, view.pk],
        "unit": [None, str(view.business_unit)],
        "position": [None, view.position],
        "view_body": [None, view.body],
    }


@transaction.atomic
def dt_view_record(*, actor: User, herstelactie: Herstelactie, position: str, body: str) -> DtView:
    """Record the view of the actor's division (a DT member of a division involved through the
    working group) on the advice, in step 2A. One standing view per division: a changed view
    is a correction (`dt_view_correct`)."""
    herstelactie = locked(herstelactie)
    _require_view_right(actor, herstelactie)
    if current_view(herstelactie, actor.business_unit_id) is not None:
        raise ValidationError(
            _(
                "Uw divisie heeft al een zienswijze vastgelegd. Corrigeer die als uw standpunt "
                "is veranderd, of trek hem in als hij bij vergissing is vastgelegd."
            )
        )
    view = DtView(
        herstelactie=herstelactie,
        business_unit_id=actor.business_unit_id,
        position=_clean_position(position),
        body=(body or "").strip(),
        recorded_by=actor,
    )
    view.full_clean()
    view.save()
    audit_event_record(
        event=DT_VIEW_RECORDED, actor=actor, target=herstelactie, changes=_view_changes(view)
    )
    return view


def _locked_view(view: DtView) -> tuple[Herstelactie, DtView]:
    herstelactie = locked(view.herstelactie)
    return herstelactie, DtView.with_withdrawn.select_for_update().get(pk=view.pk)


def _require_own_division(actor: User, herstelactie: Herstelactie, view: DtView) -> None:
    """Only the DT of the view's own division corrects or withdraws it, in 2A."""
    _require_view_right(actor, herstelactie)
    if actor.business_unit_id != view.business_unit_id:
        raise PermissionDenied


@transaction.atomic
def dt_view_correct(*, actor: User, view: DtView, position: str, body: str, reason: str) -> DtView:
    """Correct a standing view: a new record that replaces it, with the reason; the old one
    stays as it was."""
    herstelactie, view = _locked_view(view)
    _require_own_division(actor, herstelactie, view)
    if view.is_withdrawn:
        raise ValidationError(_("Deze zienswijze is ingetrokken; er valt niets te corrigeren."))
    if DtView.objects.filter(corrects=view).exists():
        raise ValidationError(_("Deze zienswijze is al gecorrigeerd; corrigeer de correctie."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Geef de reden van de correctie.")})
    correction = DtView(
        herstelactie=herstelactie,
        business_unit_id=view.business_unit_id,
        position=_clean_position(position),
        body=(body or "").strip(),
        corrects=view,
        correction_reason=reason,
        recorded_by=actor,
    )
    correction.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            correction.save()
    except IntegrityError as exc:
        raise ValidationError(_("Deze zienswijze is intussen al gecorrigeerd.")) from exc
    audit_event_record(
        event=DT_VIEW_CORRECTED,
        actor=actor,
        target=herstelactie,
        changes={
            "dt_view": [view.pk, correction.pk],
            "unit": [str(view.business_unit), str(view.business_unit)],
            "position": [view.position, correction.position],
            "view_body": [view.body, correction.body],
        },
        reason=reason,
    )
    return correction


@transaction.atomic
def dt_view_withdraw(*, actor: User, view: DtView, reason: str) -> DtView:
    """Withdraw a view recorded in error, with a reason, in 2A; the views it corrected go with
    it (as with decisions). It stays, struck through, with who, when and why."""
    herstelactie, view = _locked_view(view)
    _require_own_division(actor, herstelactie, view)
    if DtView.objects.filter(corrects=view).exists():
        raise ValidationError(
            _("Deze zienswijze is vervangen door een correctie; trek zo nodig de correctie in.")
        )
    changes = withdraw(view, actor=actor, reason=reason, what=_("Deze zienswijze"))
    corrected = view.corrects_id
    while corrected is not None:
        earlier = DtView.with_withdrawn.select_for_update().get(pk=corrected)
        if not earlier.is_withdrawn:
            withdraw(earlier, actor=actor, reason=view.withdrawal_reason, what="")
        corrected = earlier.corrects_id
    audit_event_record(
        event=DT_VIEW_WITHDRAWN,
        actor=actor,
        target=herstelactie,
        changes={"dt_view": [view.pk, view.pk], **changes},
        reason=view.withdrawal_reason,
    )
    return view


# --- The DT's enrichment of the advice (2A) -----------------------------------------------------


@transaction.atomic
def advice_enrichment_save(
    *, actor: User, herstelactie: Herstelactie, body: str, expected_version: int
) -> AdviceEnrichment:
    """Save the DT's addition to the advice to the RvB as a new version (the process guide,
    step 2A: the DT "verrijkt het advies waar nodig"): by the DT of the lead or an involved
    division, in 2A, under an RvB or minister mandate (`rules.enrichment_refusal`).
    `expected_version`: the version the DT saw (0: none yet); a newer one saved meanwhile by
    someone else refuses the save (EditConflict), so nobody overwrites an addition unread."""
    herstelactie = locked(herstelactie)
    capacities = capacities_of(actor, herstelactie)
    if not DT_CAPACITIES & capacities:
        raise PermissionDenied
    refusal = enrichment_refusal(
        mandate=herstelactie.mandate, step=herstelactie.step, capacities=capacities
    )
    if refusal:
        raise ValidationError(refusal)
    latest = AdviceEnrichment.objects.filter(herstelactie=herstelactie).first()
    current = latest.version if latest else 0
    if current != expected_version:
        raise EditConflict(
            _("De aanvulling op het advies"), by=latest.recorded_by, at=latest.recorded_at
        )
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Schrijf de aanvulling op het advies.")})
    if latest is not None and latest.body == body:
        raise ValidationError({"body": _("De aanvulling is niet gewijzigd.")})
    enrichment = AdviceEnrichment(
        herstelactie=herstelactie, version=current + 1, body=body, recorded_by=actor
    )
    enrichment.full_clean()
    enrichment.save()
    audit_event_record(
        event=ADVICE_ENRICHED,
        actor=actor,
        target=herstelactie,
        changes={
            "version": [current or None, enrichment.version],
            "enrichment": [latest.body if latest else None, body],
        },
    )
    return enrichment


# --- The RvB raises the mandate (2B) ----------------------------------------------------------


@transaction.atomic
def mandate_raise(
    *,
    actor: User,
    herstelactie: Herstelactie,
    new_mandate: str,
    reason: str,
    expected_version: int,
    intended_body: str = "",
    decided_on: date | None = None,
    document: str = "",
    document_file: ActionDocument | None = None,
) -> MandateRaise:
    """The RvB raises the decision mandate in step 2B because the scenario it chose needs a
    heavier decision (`rules.mandate_raise_refusal`: only upwards, only by the RvB, only in 2B;
    never by the DT). A recorded decision with old and new mandate, the reason, who and when;
    the action's mandate changes (its rule text keeps the computed rule and notes the raise)
    and the obligations follow the new mandate's path (OBLIGATIONS), without going back to
    step 1. Raised to RvB and minister, the RvB's intended decision (`intended_body`,
    `decided_on`, optionally `document_file`: a document of the dossier) is recorded with it and the action goes to the minister's part of step 2,
    where SBK writes the note to the minister with SZW (SBK is told)."""
    herstelactie = locked(herstelactie)
    capacities = capacities_of(actor, herstelactie)
    if Capacity.RVB not in capacities:
        raise PermissionDenied
    require_version(herstelactie, expected_version)
    refusal = mandate_raise_refusal(
        current=herstelactie.mandate or None,
        new=new_mandate,
        step=herstelactie.step,
        capacities=capacities,
    )
    if refusal:
        raise ValidationError({"new_mandate": refusal})
    new_mandate = Mandate(new_mandate)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Geef aan waarom het scenario van de RvB een zwaarder mandaat vraagt.")}
        )
    to_minister = new_mandate == Mandate.RVB_MINISTER
    intended_body = (intended_body or "").strip()
    if to_minister:
        errors = {}
        if not intended_body:
            errors["intended_body"] = _(
                "Leg het voorgenomen besluit van de RvB vast: het scenario dat de minister "
                "moet goedkeuren."
            )
        if decided_on is None:
            errors["decided_on"] = _("Geef de datum van het voorgenomen besluit.")
        if errors:
            raise ValidationError(errors)
        _require_plausible(decided_on, herstelactie)
        document_file = document_for_reference(herstelactie, document_file)
    sbk_before = sbk_ready(herstelactie)
    old_mandate = Mandate(herstelactie.mandate)
    raised = MandateRaise(
        herstelactie=herstelactie,
        old_mandate=old_mandate,
        new_mandate=new_mandate,
        reason=reason,
        raised_by=actor,
    )
    raised.full_clean()
    raised.save()
    note = _("Verhoogd door de RvB van %(old)s naar %(new)s: %(reason)s") % {
        "old": old_mandate.label,
        "new": new_mandate.label,
        "reason": reason,
    }
    herstelactie.mandate = new_mandate
    herstelactie.mandate_rule = f"{herstelactie.mandate_rule}\n{note}".strip()
    update_fields = ["mandate", "mandate_rule", *herstelactie.touch(actor)]
    changes: dict[str, list] = {
        "mandate": [old_mandate.value, new_mandate.value],
        "obligations": [
            "; ".join(str(o.label) for o in OBLIGATIONS[old_mandate]),
            "; ".join(str(o.label) for o in OBLIGATIONS[new_mandate]),
        ],
    }
    decision = None
    if to_minister:
        decision = Decision(
            herstelactie=herstelactie,
            forum=Forum.RVB,
            outcome=Outcome.VOORGENOMEN_BESLUIT,
            mandate=new_mandate,
            body=intended_body,
            decided_on=decided_on,
            document=(document or "").strip(),
            document_file=document_file,
            recorded_by=actor,
        )
        decision.full_clean()
        decision.save()
        changes["step"] = [herstelactie.step, Step.MINISTER.value]
        herstelactie.step = Step.MINISTER
        update_fields.append("step")
    herstelactie.full_clean()
    herstelactie.save(update_fields=update_fields)
    audit_event_record(
        event=MANDATE_RAISED, actor=actor, target=herstelactie, changes=changes, reason=reason
    )
    if decision is not None:
        audit_event_record(
            event=DECISION_RECORDED,
            actor=actor,
            target=herstelactie,
            changes=_decision_changes(decision),
        )
    notify_sbk_tasks(herstelactie, before=sbk_before)
    return raised


# --- The RvB's contacts with the minister -------------------------------------------------------


def _require_contact_right(actor: User, herstelactie: Herstelactie) -> None:
    """PermissionDenied for anyone but the RvB and SBK; the reason when the action's mandate or
    step does not allow it now."""
    if not MINISTER_CONTACT_RIGHT.by & capacities_of(actor, herstelactie):
        raise PermissionDenied
    refusal = minister_contact_refusal(mandate=herstelactie.mandate or None, step=herstelactie.step)
    if refusal:
        raise ValidationError(refusal)


@transaction.atomic
def minister_contact_record(
    *, actor: User, herstelactie: Herstelactie, contact_on: date, form: str, summary: str
) -> MinisterContact:
    """Record a contact of the RvB with the minister of SZW about the action (the process
    guide, step 2B: "RvB onderhoudt, indien van toepassing, contact minister"): by the RvB or
    SBK, under the RvB's or the RvB and minister's mandate, from step 2B on while the action is
    open (`rules.minister_contact_refusal`)."""
    herstelactie = locked(herstelactie)
    _require_contact_right(actor, herstelactie)
    if form not in ContactForm.values:
        raise ValidationError({"form": _("Kies de vorm van het contact.")})
    problem = decision_date_problem(
        contact_on, wrong_since=herstelactie.wrong_since, today=timezone.localdate()
    )
    if problem:
        raise ValidationError({"contact_on": problem})
    contact = MinisterContact(
        herstelactie=herstelactie,
        contact_on=contact_on,
        form=ContactForm(form),
        summary=(summary or "").strip(),
        recorded_by=actor,
    )
    contact.full_clean()
    contact.save()
    audit_event_record(
        event=MINISTER_CONTACT_RECORDED,
        actor=actor,
        target=herstelactie,
        changes={
            "minister_contact": [None, contact.pk],
            "contact_on": [None, contact_on.isoformat()],
            "contact_form": [None, contact.form],
            "summary": [None, contact.summary],
        },
    )
    return contact


@transaction.atomic
def minister_contact_withdraw(*, actor: User, contact: MinisterContact, reason: str) -> None:
    """Withdraw a contact with the minister recorded in error (the wrong action, never held),
    with a reason: by the RvB or SBK, while it could be recorded. It stays, struck through, with
    who, when and why, on the decisions page and the timeline."""
    herstelactie = locked(contact.herstelactie)
    contact = MinisterContact.with_withdrawn.select_for_update().get(pk=contact.pk)
    _require_contact_right(actor, herstelactie)
    changes = withdraw(contact, actor=actor, reason=reason, what=_("Dit contact met de minister"))
    audit_event_record(
        event=MINISTER_CONTACT_WITHDRAWN,
        actor=actor,
        target=herstelactie,
        changes={"minister_contact": [contact.pk, contact.pk], **changes},
        reason=contact.withdrawal_reason,
    )
