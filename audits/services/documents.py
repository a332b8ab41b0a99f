"""Writes of document study (DOMAIN.md §2, "Evidence"): the documentation list, the check of each
item at a unit, and the files delivered. Each is atomic and records its event."""

import hashlib
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from audits.constants import AUDIT_TEAM, COORDINATION, DocumentStatus
from audits.events import (
    DOCUMENT_CHECK_CREATED,
    DOCUMENT_CHECK_UPDATED,
    DOCUMENT_FILE_DELETED,
    DOCUMENT_FILE_RESTORED,
    DOCUMENT_FILE_UPLOADED,
    DOCUMENT_TYPE_ACTIVATED,
    DOCUMENT_TYPE_CREATED,
    DOCUMENT_TYPE_DEACTIVATED,
    DOCUMENT_TYPE_MOVED,
    DOCUMENT_TYPE_UPDATED,
)
from audits.models import (
    AssessedPrinciple,
    AuditCycle,
    DocumentCheck,
    DocumentFile,
    DocumentType,
    ManagementPrinciple,
)
from audits.selectors.capacities import require_audit_capacity
from audits.services.cycles import require_fieldwork_open
from uwvkms.changes import changes_between
from uwvkms.malware import upload_scan
from uwvkms.models import BusinessUnit, User
from uwvkms.review import review_reset_after_change
from uwvkms.services import active_set, audit_event_record
from uwvkms.uploads import UploadRefused, check_upload
from uwvkms.versioning import created_meanwhile, version_check
from uwvkms.withdrawal import withdraw


def require_evidence_open(cycle: AuditCycle) -> None:
    """Evidence changes only while fieldwork is open; after that the scores rest on it."""
    require_fieldwork_open(cycle, what=_("Het bewijs"))


# --- The documentation list (coordination team) -----------------------------------------------


def _require_unique_name(name: str, *, exclude_pk: int | None = None) -> None:
    duplicates = DocumentType.objects.filter(name__iexact=name)
    if exclude_pk is not None:
        duplicates = duplicates.exclude(pk=exclude_pk)
    if duplicates.exists():
        raise ValidationError({"name": _("Er staat al een document met deze naam op de lijst.")})


@transaction.atomic
def document_type_create(*, actor: User, name: str, description: str = "") -> DocumentType:
    """Add an item at the end of the documentation list."""
    require_audit_capacity(actor, allowed=COORDINATION)
    name, description = name.strip(), description.strip()
    _require_unique_name(name)
    last = DocumentType.objects.aggregate(last=Max("order"))["last"] or 0
    document_type = DocumentType(name=name, description=description, order=last + 1)
    document_type.full_clean()
    document_type.save()
    audit_event_record(
        event=DOCUMENT_TYPE_CREATED,
        actor=actor,
        target=document_type,
        changes={"name": [None, name], "description": [None, description]},
    )
    return document_type


@transaction.atomic
def document_type_update(
    *, actor: User, document_type: DocumentType, name: str, description: str
) -> DocumentType:
    """Rename an item or change its description. Existing checks follow the new name."""
    require_audit_capacity(actor, allowed=COORDINATION)
    document_type = DocumentType.objects.select_for_update().get(pk=document_type.pk)
    name, description = name.strip(), description.strip()
    _require_unique_name(name, exclude_pk=document_type.pk)
    changes = changes_between(
        {"name": document_type.name, "description": document_type.description},
        {"name": name, "description": description},
    )
    if not changes:
        return document_type
    document_type.name, document_type.description = name, description
    document_type.full_clean()
    document_type.save(update_fields=["name", "description"])
    audit_event_record(
        event=DOCUMENT_TYPE_UPDATED, actor=actor, target=document_type, changes=changes
    )
    return document_type


@transaction.atomic
def document_type_move(*, actor: User, document_type: DocumentType, direction: str) -> None:
    """Move an item one place up or down the list (`direction` "up" or "down"). The list is
    renumbered 1..n on the way, so equal or sparse order values never block a move."""
    require_audit_capacity(actor, allowed=COORDINATION)
    if direction not in ("up", "down"):
        raise ValidationError(_("Onbekende richting."))
    items = list(DocumentType.objects.select_for_update().order_by("order", "name"))
    index = next(i for i, item in enumerate(items) if item.pk == document_type.pk)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(items):
        return
    old_position = index + 1
    items[index], items[other] = items[other], items[index]
    for position, item in enumerate(items, start=1):
        if item.order != position:
            item.order = position
            item.save(update_fields=["order"])
    audit_event_record(
        event=DOCUMENT_TYPE_MOVED,
        actor=actor,
        target=items[other],
        changes={"order": [old_position, other + 1]},
    )


@transaction.atomic
def document_type_set_active(
    *, actor: User, document_type: DocumentType, is_active: bool
) -> DocumentType:
    """Take an item out of use (new checklists leave it out; existing checks stay) or back in."""
    require_audit_capacity(actor, allowed=COORDINATION)
    return active_set(
        actor=actor,
        instance=document_type,
        is_active=is_active,
        on=DOCUMENT_TYPE_ACTIVATED,
        off=DOCUMENT_TYPE_DEACTIVATED,
    )


# --- Document study at a unit (the unit's auditors) --------------------------------------------


def _check_snapshot(check: DocumentCheck, principle_names: list[str]) -> dict:
    return {
        "status": check.status,
        "principles": principle_names,
        "design_note": check.design_note,
        "existence_note": check.existence_note,
        "operation_note": check.operation_note,
    }


def _require_assessed(
    *, cycle: AuditCycle, unit: BusinessUnit, principles: list[ManagementPrinciple]
) -> None:
    assessed = set(
        AssessedPrinciple.objects.filter(cycle=cycle, unit=unit).values_list(
            "principle_id", flat=True
        )
    )
    outside = [p.name for p in principles if p.id not in assessed]
    if outside:
        raise ValidationError(
            {
                "principles": _("%(names)s wordt bij %(unit)s niet getoetst.")
                % {"names": ", ".join(outside), "unit": unit}
            }
        )


@transaction.atomic
def document_check_save(
    *,
    actor: User,
    cycle: AuditCycle,
    unit: BusinessUnit,
    document_type: DocumentType,
    status: str,
    principles: Iterable[ManagementPrinciple],
    design_note: str,
    existence_note: str,
    operation_note: str,
    expected_version: int,
) -> DocumentCheck:
    """Record what the auditor found for one item of the documentation list at `unit`: delivered
    or not, which assessed principles it evidences, and notes on design, existence and operation.

    `expected_version` is the version the user saw (0 when there was no check yet). When the check
    moved on since, the save is refused with EditConflict naming who changed it, and
    nothing changes. Every change records its fields old → new."""
    require_audit_capacity(actor, allowed=AUDIT_TEAM, cycle=cycle, unit=unit)
    require_evidence_open(cycle)
    principles = sorted(set(principles), key=lambda p: (p.order, p.name))
    _require_assessed(cycle=cycle, unit=unit, principles=principles)
    if status not in DocumentStatus.values:
        raise ValidationError({"status": _("Kies een geldige status.")})

    check = (
        DocumentCheck.objects.select_for_update()
        .filter(cycle=cycle, unit=unit, document_type=document_type)
        .first()
    )
    what = _("Deze documentbeoordeling")
    version_check(check, expected_version=expected_version, what=what)
    if check is None and not document_type.is_active:
        raise ValidationError(_("Dit document staat niet meer op de documentenlijst."))

    new_names = [p.name for p in principles]
    new = {
        "status": status,
        "principles": new_names,
        "design_note": design_note.strip(),
        "existence_note": existence_note.strip(),
        "operation_note": operation_note.strip(),
    }
    if check is None:
        check = DocumentCheck(cycle=cycle, unit=unit, document_type=document_type)
        old = {field: None for field in new}
        event = DOCUMENT_CHECK_CREATED
    else:
        old = _check_snapshot(check, [p.name for p in check.principles.all()])
        event = DOCUMENT_CHECK_UPDATED
    changes = changes_between(old, new)
    if check.pk and not changes:
        return check

    check.status = new["status"]
    check.design_note = new["design_note"]
    check.existence_note = new["existence_note"]
    check.operation_note = new["operation_note"]
    if check.pk:
        check.touch(actor)
    else:
        check.updated_by = actor
    check.full_clean()
    if check.pk:
        check.save()
    else:
        with created_meanwhile(what):  # two first saves at once
            check.save()
    check.principles.set(principles)
    audit_event_record(event=event, actor=actor, target=check, changes=changes)
    review_reset_after_change(check, actor=actor)  # a judgement changed after review
    return check


def _check_get_or_create(
    *, actor: User, cycle: AuditCycle, unit: BusinessUnit, document_type: DocumentType
) -> DocumentCheck:
    check = (
        DocumentCheck.objects.select_for_update()
        .filter(cycle=cycle, unit=unit, document_type=document_type)
        .first()
    )
    if check is not None:
        return check
    if not document_type.is_active:
        raise ValidationError(_("Dit document staat niet meer op de documentenlijst."))
    check = DocumentCheck(cycle=cycle, unit=unit, document_type=document_type, updated_by=actor)
    check.full_clean()
    try:
        with transaction.atomic():
            check.save()
    except IntegrityError:  # created concurrently: use that one
        return DocumentCheck.objects.select_for_update().get(
            cycle=cycle, unit=unit, document_type=document_type
        )
    audit_event_record(
        event=DOCUMENT_CHECK_CREATED,
        actor=actor,
        target=check,
        changes={"status": [None, check.status]},
    )
    return check


def document_file_add(
    *,
    actor: User,
    cycle: AuditCycle,
    unit: BusinessUnit,
    document_type: DocumentType,
    name: str,
    data: bytes,
) -> DocumentFile:
    """Store an uploaded file with the check of `document_type` at `unit` (creating the check
    when there is none yet).

    The file is checked first (see `uwvkms.uploads.check_upload`: size, type by content, matching
    extension), then scanned for malware (`uwvkms.malware.upload_scan`: an infected file, or no
    verdict from the scanner, is refused and the refusal logged); a refused file raises
    ValidationError with the reason and stores nothing. The scan runs before the transaction, so
    its refusal stays in the event log. An accepted file lands in private storage under a
    random name; its sanitised original name, size, SHA-256 and scan verdict are recorded."""
    with transaction.atomic():  # refused before the scan too: no scan for whoever may not add
        require_audit_capacity(actor, allowed=AUDIT_TEAM, cycle=cycle, unit=unit)
        require_evidence_open(cycle)
    accepted, verdict = _accepted_upload(
        actor=actor,
        target=unit,
        name=name,
        data=data,
        about={"cycle": cycle.year, "document": str(document_type)},
    )
    return _document_file_store(
        actor=actor,
        cycle=cycle,
        unit=unit,
        document_type=document_type,
        accepted=accepted,
        data=data,
        verdict=verdict,
    )


def _accepted_upload(*, actor: User, target, name: str, data: bytes, about: dict):
    """Check an uploaded file (`check_upload`) and scan it (`upload_scan`): (accepted, verdict),
    or ValidationError on the field "file" with the reason. Outside any transaction, so a
    scanner's refusal stays in the event log. The one way in for every evidence upload (the
    audit team's and the unit's answers to a request list)."""
    try:
        accepted = check_upload(name=name, data=data, max_bytes=settings.UPLOAD_MAX_BYTES)
    except UploadRefused as exc:
        raise ValidationError({"file": str(exc)}) from exc
    try:
        verdict = upload_scan(
            actor=actor, target=target, name=accepted.name, data=data, about=about
        )
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from exc
    return accepted, verdict


@transaction.atomic
def _document_file_store(
    *,
    actor,
    cycle,
    unit,
    document_type,
    accepted,
    data: bytes,
    verdict: str,
    allowed=AUDIT_TEAM,
    request_item=None,
) -> DocumentFile:
    """Store an accepted file on the check of `document_type` at `unit`: by the audit team, or
    (`allowed`, `request_item`) by the unit's side answering a request item."""
    require_audit_capacity(actor, allowed=allowed, cycle=cycle, unit=unit)
    require_evidence_open(cycle)
    check = _check_get_or_create(actor=actor, cycle=cycle, unit=unit, document_type=document_type)
    document_file = DocumentFile(
        document_check=check,
        request_item=request_item,
        original_name=accepted.name,
        content_type=accepted.kind.content_type,
        size=accepted.size,
        sha256=hashlib.sha256(data).hexdigest(),
        uploaded_by=actor,
    )
    document_file.file.save(accepted.name, ContentFile(data), save=False)
    try:
        document_file.full_clean()
        document_file.save()
        audit_event_record(
            event=DOCUMENT_FILE_UPLOADED,
            actor=actor,
            target=check,
            changes={
                "files": [None, file_summary(document_file)],
                "malware_scan": [None, verdict],
            },
        )
        _files_changed(check, actor=actor)
    except BaseException:
        # Nothing is recorded, so nothing may stay on disk either.
        document_file.file.storage.delete(document_file.file.name)
        raise
    return document_file


@transaction.atomic
def document_file_delete(*, actor: User, document_file: DocumentFile, reason: str = "") -> None:
    """Delete a file from a check: it is *withdrawn* into quarantine, never destroyed at once
    (issue 19 §4). It leaves the check, its pages and downloads; its row and bytes stay until
    the retention period ends, and the coordination team can restore it
    (`document_file_restore`). `reason` is optional for the audit team (the button asks none)."""
    check = document_file.document_check
    require_audit_capacity(actor, allowed=AUDIT_TEAM, cycle=check.cycle, unit=check.unit_id)
    require_evidence_open(check.cycle)
    locked = DocumentFile.with_withdrawn.select_for_update().get(pk=document_file.pk)
    audit_event_record(
        event=DOCUMENT_FILE_DELETED,
        actor=actor,
        target=check,
        changes=_file_to_quarantine(locked, actor=actor, reason=reason),
        reason=locked.withdrawal_reason,
    )
    _files_changed(check, actor=actor)


@transaction.atomic
def document_file_restore(*, actor: User, document_file: DocumentFile, reason: str) -> DocumentFile:
    """Bring a deleted file back from quarantine onto its check (the coordination team, while
    the evidence is open), with a reason; recorded in the check's history."""
    check = document_file.document_check
    require_audit_capacity(actor, allowed=COORDINATION, cycle=check.cycle, unit=check.unit_id)
    require_evidence_open(check.cycle)
    locked, changes, reason = _file_from_quarantine(DocumentFile, document_file.pk, reason=reason)
    audit_event_record(
        event=DOCUMENT_FILE_RESTORED, actor=actor, target=check, changes=changes, reason=reason
    )
    _files_changed(check, actor=actor)
    return locked


# --- Quarantine: one way for every evidence file (document files, files delivered for a request)


def _file_to_quarantine(locked, *, actor: User, reason: str) -> dict:
    """Withdraw an evidence file (locked by the caller) into the cycle's quarantine, with the
    audit team's reason or the default one; the changes its history records."""
    changes = withdraw(
        locked,
        actor=actor,
        reason=(reason or "").strip() or _("Verwijderd door het toetsteam."),
        what=_("Dit bestand"),
    )
    return {"files": [file_summary(locked), None], "quarantine": changes["withdrawn"]}


def _file_from_quarantine(model, pk: int, *, reason: str) -> tuple:
    """Bring an evidence file of `model` back from quarantine (the reason is required):
    `(file, changes for its history, reason)`."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Geef de reden waarom u dit bestand terugzet.")})
    locked = model.with_withdrawn.select_for_update().get(pk=pk)
    if not locked.is_withdrawn:
        raise ValidationError(_("Dit bestand staat niet (meer) in quarantaine."))
    locked.withdrawn_at = None
    locked.withdrawn_by = None
    locked.withdrawal_reason = ""
    locked.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_reason"])
    changes = {"files": [None, file_summary(locked)], "quarantine": [True, False]}
    return locked, changes, reason


def _files_changed(check: DocumentCheck, *, actor) -> None:
    """A file came onto `check` or left it: its evidence changed. The check moves to its next
    version (a reviewer or editor with an older page gets EditConflict) and a review asked or
    given no longer holds (`review_reset_after_change`)."""
    check = DocumentCheck.objects.select_for_update().get(pk=check.pk)
    check.save(update_fields=check.touch(actor))
    review_reset_after_change(check, actor=actor)


def file_summary(stored) -> dict:
    """An evidence file as its history records it (`file_value` shows it)."""
    return {
        "id": stored.pk,
        "name": stored.original_name,
        "size": stored.size,
        "sha256": stored.sha256,
    }
