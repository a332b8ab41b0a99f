"""Writes of evidence requests to the unit (issue 21 §1): the unit's board designates quality
contacts; the lead auditor sends the unit a request list and adds or withdraws items; the
unit's side (board, quality contacts) delivers files or answers "bestaat niet" / "niet van
toepassing"; the audit team asks for more. Each is atomic, authorises its actor and records its
event (old → new); each change somebody must act on notifies them."""

import datetime
import hashlib
from collections.abc import Iterable, Sequence

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from audits import notifications
from audits.constants import (
    AUDIT_TEAM,
    COORDINATION,
    UNIT_SIDE,
    AuditCapacity,
    RequestItemAction,
    RequestSide,
)
from audits.events import (
    EVIDENCE_REQUEST_SENT,
    EVIDENCE_REQUEST_UPDATED,
    QUALITY_CONTACT_DESIGNATED,
    QUALITY_CONTACT_ENDED,
    REQUEST_FILE_DELETED,
    REQUEST_FILE_RESTORED,
    REQUEST_ITEM_ADDED,
    REQUEST_ITEM_ANSWERED,
    REQUEST_ITEM_DELIVERED,
    REQUEST_ITEM_MESSAGE,
    REQUEST_ITEM_MORE_ASKED,
    REQUEST_ITEM_WITHDRAWN,
)
from audits.models import (
    AuditCycle,
    DocumentType,
    EvidenceRequest,
    EvidenceRequestItem,
    QualityContact,
    RequestItemFile,
    RequestMessage,
)
from audits.request_rules import (
    due_date_refusal,
    request_item_actions,
    request_item_next_status,
)
from audits.selectors.capacities import require_audit_capacity
from audits.services.cycles import require_fieldwork_open
from audits.services.documents import (
    _accepted_upload,
    _document_file_store,
    _file_from_quarantine,
    _file_to_quarantine,
    require_evidence_open,
)
from uwvkms.changes import changes_between
from uwvkms.models import BusinessUnit, User
from uwvkms.services import audit_event_record
from uwvkms.versioning import created_meanwhile, version_check
from uwvkms.withdrawal import withdraw

LEAD = frozenset({AuditCapacity.LEAD_AUDITOR})
BOARD = frozenset({AuditCapacity.BOARD})

# --- Quality contacts (the unit's board) -----------------------------------------------------


@transaction.atomic
def quality_contact_designate(*, actor: User, unit: BusinessUnit, user: User) -> QualityContact:
    """Designate `user` quality contact of `unit` (its board only). The contact must be an
    active user of that unit: they answer its evidence requests, nothing else of the audit."""
    require_audit_capacity(actor, allowed=BOARD, unit=unit)
    if not user.is_active or user.business_unit_id != unit.pk:
        raise ValidationError(
            {"user": _("Kies een actieve medewerker van %(unit)s.") % {"unit": unit}}
        )
    if QualityContact.objects.filter(unit=unit, user=user).exists():
        raise ValidationError(
            {"user": _("%(user)s is al kwaliteitscontactpersoon.") % {"user": user}}
        )
    contact = QualityContact(unit=unit, user=user, designated_by=actor)
    contact.full_clean()
    with created_meanwhile(_("Deze kwaliteitscontactpersoon")):
        contact.save()
    audit_event_record(
        event=QUALITY_CONTACT_DESIGNATED,
        actor=actor,
        target=contact,
        changes={"user": [None, str(user)]},
    )
    notifications.notify_quality_contact_designated(contact)
    return contact


@transaction.atomic
def quality_contact_end(*, actor: User, contact: QualityContact, reason: str) -> QualityContact:
    """End a designation, with a reason (its board only). The row stays, struck through."""
    require_audit_capacity(actor, allowed=BOARD, unit=contact.unit_id)
    locked = QualityContact.with_withdrawn.select_for_update().get(pk=contact.pk)
    changes = withdraw(locked, actor=actor, reason=reason, what=_("Deze aanwijzing"))
    audit_event_record(
        event=QUALITY_CONTACT_ENDED,
        actor=actor,
        target=locked,
        changes={"user": [str(locked.user), None], "ended": changes["withdrawn"]},
        reason=locked.withdrawal_reason,
    )
    return locked


# --- The request list (the lead auditor) -----------------------------------------------------


def _require_due_on(cycle: AuditCycle, due_on: datetime.date | None) -> None:
    refusal = due_date_refusal(
        due_on, today=timezone.localdate(), period_end=getattr(cycle, "period_end", None)
    )
    if refusal:
        raise ValidationError({"due_on": refusal})


def _item_snapshot(item: EvidenceRequestItem) -> dict:
    return {"title": item.title, "explanation": item.explanation, "status": item.status}


def _new_item(
    *,
    actor: User,
    request: EvidenceRequest,
    order: int,
    document_type: DocumentType | None = None,
    title: str = "",
    explanation: str = "",
) -> EvidenceRequestItem:
    if document_type is not None:
        if not document_type.is_active:
            raise ValidationError(
                _("%(name)s staat niet meer op de documentenlijst.") % {"name": document_type}
            )
        title = document_type.name
        explanation = (explanation or "").strip() or document_type.description
    title, explanation = (title or "").strip(), (explanation or "").strip()
    if not title:
        raise ValidationError({"title": _("Geef aan wat er gevraagd wordt.")})
    if document_type is not None and request.items.filter(document_type=document_type).exists():
        raise ValidationError(_("%(name)s staat al op de uitvraag.") % {"name": title})
    item = EvidenceRequestItem(
        request=request,
        document_type=document_type,
        title=title,
        explanation=explanation,
        order=order,
        updated_by=actor,
    )
    item.full_clean()
    item.save()
    audit_event_record(
        event=REQUEST_ITEM_ADDED,
        actor=actor,
        target=item,
        changes=changes_between(dict.fromkeys(_item_snapshot(item)), _item_snapshot(item)),
    )
    return item


@transaction.atomic
def evidence_request_send(
    *,
    actor: User,
    cycle: AuditCycle,
    unit: BusinessUnit,
    due_on: datetime.date | None,
    document_types: Iterable[DocumentType],
    extra_items: Sequence[tuple[str, str]] = (),
    note: str = "",
) -> EvidenceRequest:
    """Send `unit` its request list (the unit's lead auditor, while fieldwork is open): the
    chosen items of the documentation list and any extra item (title, explanation), to deliver
    by `due_on` (a plausible date, `request_rules.due_date_refusal`). One list per unit per
    cycle; later items are added to it (`request_item_add`). Notifies the unit's board and
    quality contacts."""
    require_audit_capacity(actor, allowed=LEAD, cycle=cycle, unit=unit)
    cycle = require_fieldwork_open(cycle, what=_("De uitvraag"))
    _require_due_on(cycle, due_on)
    document_types = sorted(set(document_types), key=lambda d: (d.order, d.name))
    extra_items = [(t.strip(), e.strip()) for t, e in extra_items if t.strip()]
    if not document_types and not extra_items:
        raise ValidationError(_("Kies ten minste één document of voeg een ander stuk toe."))
    if EvidenceRequest.objects.filter(cycle=cycle, unit=unit).exists():
        raise ValidationError(_("%(unit)s heeft in deze cyclus al een uitvraag.") % {"unit": unit})
    request = EvidenceRequest(
        cycle=cycle, unit=unit, due_on=due_on, note=note.strip(), sent_by=actor, updated_by=actor
    )
    request.full_clean()
    with created_meanwhile(_("De uitvraag")):
        request.save()
    audit_event_record(
        event=EVIDENCE_REQUEST_SENT,
        actor=actor,
        target=request,
        changes={
            "due_on": [None, due_on],
            "note": [None, request.note],
            "items": [None, len(document_types) + len(extra_items)],
        },
    )
    order = 0
    for order, document_type in enumerate(document_types, start=1):
        _new_item(actor=actor, request=request, order=order, document_type=document_type)
    for offset, (title, explanation) in enumerate(extra_items, start=order + 1):
        _new_item(actor=actor, request=request, order=offset, title=title, explanation=explanation)
    notifications.notify_request_sent(request)
    return request


@transaction.atomic
def evidence_request_update(
    *,
    actor: User,
    request: EvidenceRequest,
    due_on: datetime.date | None,
    note: str,
    expected_version: int,
) -> EvidenceRequest:
    """Change a sent list's due date or note (its lead auditor). A second editor on an older
    version gets EditConflict."""
    require_audit_capacity(actor, allowed=LEAD, cycle=request.cycle, unit=request.unit_id)
    cycle = require_fieldwork_open(request.cycle, what=_("De uitvraag"))
    locked = EvidenceRequest.objects.select_for_update().get(pk=request.pk)
    version_check(locked, expected_version=expected_version, what=_("Deze uitvraag"))
    _require_due_on(cycle, due_on)
    note = note.strip()
    changes = changes_between(
        {"due_on": locked.due_on, "note": locked.note}, {"due_on": due_on, "note": note}
    )
    if not changes:
        return locked
    locked.due_on, locked.note = due_on, note
    fields = locked.touch(actor)
    locked.full_clean()
    locked.save(update_fields=["due_on", "note", *fields])
    audit_event_record(event=EVIDENCE_REQUEST_UPDATED, actor=actor, target=locked, changes=changes)
    return locked


@transaction.atomic
def request_item_add(
    *,
    actor: User,
    request: EvidenceRequest,
    document_type: DocumentType | None = None,
    title: str = "",
    explanation: str = "",
) -> EvidenceRequestItem:
    """Add an item to a sent list (its lead auditor, while fieldwork is open): a document of
    the documentation list, or an extra item with a title and explanation. The unit's side is
    notified as when the list was sent."""
    require_audit_capacity(actor, allowed=LEAD, cycle=request.cycle, unit=request.unit_id)
    require_fieldwork_open(request.cycle, what=_("De uitvraag"))
    request = EvidenceRequest.objects.select_for_update().get(pk=request.pk)
    last = request.items.aggregate(last=Max("order"))["last"] or 0
    item = _new_item(
        actor=actor,
        request=request,
        order=last + 1,
        document_type=document_type,
        title=title,
        explanation=explanation,
    )
    notifications.notify_request_sent(request)
    return item


# --- Moves on an item ------------------------------------------------------------------------


def _authorise_move(
    actor: User, item: EvidenceRequestItem, action: str, *, allowed
) -> EvidenceRequestItem:
    """Lock `item`, check `actor` holds a capacity for `action` and that the move exists now;
    PermissionDenied for a stranger, ValidationError (Dutch) for a move the item's status or
    the cycle's phase no longer allows. Returns the locked item."""
    request = item.request
    held = require_audit_capacity(actor, allowed=allowed, cycle=request.cycle, unit=request.unit_id)
    cycle = require_fieldwork_open(request.cycle, what=_("De uitvraag"))
    locked = (
        EvidenceRequestItem.with_withdrawn.select_for_update(of=("self",))
        .select_related("request__unit", "document_type")
        .get(pk=item.pk)
    )
    locked.request.cycle = cycle
    possible = request_item_actions(
        status=locked.status,
        capacities=held,
        fieldwork_open=True,
        withdrawn=locked.is_withdrawn,
    )
    if action not in possible:
        if locked.is_withdrawn:
            raise ValidationError(_("Dit stuk is ingetrokken."))
        raise ValidationError(
            _("Dit kan niet (meer): het stuk staat op %(status)s.")
            % {"status": locked.get_status_display()}
        )
    return locked


def _move(
    *,
    actor: User,
    item: EvidenceRequestItem,
    action: str,
    event,
    answer: str | None = None,
    extra: dict | None = None,
) -> dict:
    old = _item_snapshot(item) | {"answer": item.answer}
    item.status = request_item_next_status(item.status, action)
    fields = ["status"]
    if answer is not None:
        item.answer = answer
        item.answered_by = actor
        item.answered_at = timezone.now()
        fields += ["answer", "answered_by", "answered_at"]
    fields += item.touch(actor)
    item.full_clean()
    item.save(update_fields=fields)
    changes = changes_between(old, _item_snapshot(item) | {"answer": item.answer})
    audit_event_record(event=event, actor=actor, target=item, changes={**changes, **(extra or {})})
    return changes


def _message(*, actor: User, item: EvidenceRequestItem, side: str, text: str) -> RequestMessage:
    message = RequestMessage(item=item, side=side, author=actor, text=text)
    message.full_clean()
    message.save()
    return message


def request_item_deliver(
    *, actor: User, item: EvidenceRequestItem, name: str, data: bytes, message: str = ""
) -> EvidenceRequestItem:
    """Deliver a file for an open item (the unit's board or a quality contact). The file is
    checked and scanned as every evidence upload (`documents._accepted_upload`); refused, it
    raises ValidationError on "file" and nothing changes. A documentation-list item's file
    lands as a `DocumentFile` on the unit's check of that document (the auditors judge it as
    before); an extra item's as a `RequestItemFile`. The item becomes "geleverd"; an optional
    `message` goes on its thread; the audit team is notified."""
    request = item.request
    with transaction.atomic():  # refused before the scan: no scan for whoever may not deliver
        _authorise_move(actor, item, RequestItemAction.DELIVER, allowed=UNIT_SIDE)
    accepted, verdict = _accepted_upload(
        actor=actor,
        target=request.unit,
        name=name,
        data=data,
        about={"cycle": request.cycle.year, "request_item": item.title},
    )
    return _deliver_store(
        actor=actor, item=item, accepted=accepted, data=data, verdict=verdict, message=message
    )


@transaction.atomic
def _deliver_store(*, actor, item, accepted, data, verdict, message) -> EvidenceRequestItem:
    locked = _authorise_move(actor, item, RequestItemAction.DELIVER, allowed=UNIT_SIDE)
    request = locked.request
    if locked.document_type_id is not None:
        stored = _document_file_store(
            actor=actor,
            cycle=request.cycle,
            unit=request.unit,
            document_type=locked.document_type,
            accepted=accepted,
            data=data,
            verdict=verdict,
            allowed=UNIT_SIDE,
            request_item=locked,
        )
    else:
        stored = RequestItemFile(
            item=locked,
            original_name=accepted.name,
            content_type=accepted.kind.content_type,
            size=accepted.size,
            sha256=hashlib.sha256(data).hexdigest(),
            uploaded_by=actor,
        )
        stored.file.save(accepted.name, ContentFile(data), save=False)
        try:
            stored.full_clean()
            stored.save()
        except BaseException:
            stored.file.storage.delete(stored.file.name)
            raise
    try:
        _move(
            actor=actor,
            item=locked,
            action=RequestItemAction.DELIVER,
            event=REQUEST_ITEM_DELIVERED,
            extra={"files": [None, stored.original_name], "malware_scan": [None, verdict]},
        )
        message = (message or "").strip()
        if message:
            _message(actor=actor, item=locked, side=RequestSide.UNIT, text=message)
    except BaseException:
        if isinstance(stored, RequestItemFile):
            stored.file.storage.delete(stored.file.name)
        raise
    notifications.notify_item_answered(locked)
    return locked


@transaction.atomic
def request_item_answer(
    *, actor: User, item: EvidenceRequestItem, action: str, answer: str, expected_version: int
) -> EvidenceRequestItem:
    """Mark an open item "bestaat niet" (`action` NOT_EXISTING) or "niet van toepassing"
    (NOT_APPLICABLE), with the required explanation (the unit's board or a quality contact).
    The audit team is notified. EditConflict when the item moved on since it was opened."""
    if action not in (RequestItemAction.NOT_EXISTING, RequestItemAction.NOT_APPLICABLE):
        require_audit_capacity(
            actor, allowed=UNIT_SIDE, cycle=item.request.cycle, unit=item.request.unit_id
        )
        raise ValidationError({"action": _("Kies bestaat niet of niet van toepassing.")})
    locked = _authorise_move(actor, item, action, allowed=UNIT_SIDE)
    version_check(locked, expected_version=expected_version, what=_("Dit gevraagde stuk"))
    answer = (answer or "").strip()
    if not answer:
        raise ValidationError({"answer": _("Licht toe waarom; de toetsers beoordelen dat.")})
    _move(actor=actor, item=locked, action=action, event=REQUEST_ITEM_ANSWERED, answer=answer)
    notifications.notify_item_answered(locked)
    return locked


@transaction.atomic
def request_item_ask_more(
    *, actor: User, item: EvidenceRequestItem, text: str, expected_version: int
) -> EvidenceRequestItem:
    """Ask the unit for more on an answered item (an auditor of the unit's team): the question
    goes on the item's thread and the item is open again ("aanvullend gevraagd"). The unit's
    side is notified."""
    locked = _authorise_move(actor, item, RequestItemAction.ASK_MORE, allowed=AUDIT_TEAM)
    version_check(locked, expected_version=expected_version, what=_("Dit gevraagde stuk"))
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Schrijf wat u aanvullend vraagt.")})
    _message(actor=actor, item=locked, side=RequestSide.TEAM, text=text)
    _move(
        actor=actor, item=locked, action=RequestItemAction.ASK_MORE, event=REQUEST_ITEM_MORE_ASKED
    )
    notifications.notify_more_asked(locked)
    return locked


@transaction.atomic
def request_message_post(*, actor: User, item: EvidenceRequestItem, text: str) -> RequestMessage:
    """Place a message on an item's thread (the unit's team or the unit's side); the other
    side is notified. The item's status stays."""
    held = require_audit_capacity(
        actor, allowed=AUDIT_TEAM | UNIT_SIDE, cycle=item.request.cycle, unit=item.request.unit_id
    )
    locked = _authorise_move(actor, item, RequestItemAction.MESSAGE, allowed=AUDIT_TEAM | UNIT_SIDE)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Een bericht heeft tekst.")})
    from_unit = not (held & AUDIT_TEAM)
    message = _message(
        actor=actor,
        item=locked,
        side=RequestSide.UNIT if from_unit else RequestSide.TEAM,
        text=text,
    )
    audit_event_record(
        event=REQUEST_ITEM_MESSAGE, actor=actor, target=locked, changes={"message": [None, text]}
    )
    notifications.notify_request_message(locked, from_unit=from_unit)
    return message


@transaction.atomic
def request_item_withdraw(
    *, actor: User, item: EvidenceRequestItem, reason: str
) -> EvidenceRequestItem:
    """Withdraw an item from a sent list with a reason (its lead auditor). It stays, struck
    through; what was delivered for it stays too."""
    locked = _authorise_move(actor, item, RequestItemAction.WITHDRAW, allowed=LEAD)
    changes = withdraw(locked, actor=actor, reason=reason, what=_("Dit gevraagde stuk"))
    audit_event_record(
        event=REQUEST_ITEM_WITHDRAWN,
        actor=actor,
        target=locked,
        changes=changes,
        reason=locked.withdrawal_reason,
    )
    return locked


# --- Delivered files of extra items: deleted into quarantine, restored from it ---------------


@transaction.atomic
def request_file_delete(*, actor: User, delivered: RequestItemFile, reason: str = "") -> None:
    """Delete a file the unit delivered for an extra item (an auditor of the unit's team, while
    the evidence is open). As a document file (`documents.document_file_delete`) it is
    *withdrawn* into the cycle's quarantine: it leaves the request pages, search and downloads;
    its row and bytes stay until the retention term ends, and the coordination team can restore
    it (`request_file_restore`)."""
    request = delivered.item.request
    require_audit_capacity(actor, allowed=AUDIT_TEAM, cycle=request.cycle, unit=request.unit_id)
    require_evidence_open(request.cycle)
    locked = RequestItemFile.with_withdrawn.select_for_update().get(pk=delivered.pk)
    audit_event_record(
        event=REQUEST_FILE_DELETED,
        actor=actor,
        target=locked.item,
        changes=_file_to_quarantine(locked, actor=actor, reason=reason),
        reason=locked.withdrawal_reason,
    )


@transaction.atomic
def request_file_restore(
    *, actor: User, delivered: RequestItemFile, reason: str
) -> RequestItemFile:
    """Bring a deleted delivered file back from quarantine onto its item (the coordination team,
    while the evidence is open), with a reason; recorded in the item's history."""
    request = delivered.item.request
    require_audit_capacity(actor, allowed=COORDINATION, cycle=request.cycle, unit=request.unit_id)
    require_evidence_open(request.cycle)
    locked, changes, reason = _file_from_quarantine(RequestItemFile, delivered.pk, reason=reason)
    audit_event_record(
        event=REQUEST_FILE_RESTORED, actor=actor, target=locked.item, changes=changes, reason=reason
    )
    return locked
