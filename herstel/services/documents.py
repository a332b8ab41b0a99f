"""Writes of the documents in a herstelactie's dossier (the advice, the note to the minister, the
plan of approach, decision documents, evaluation reports, the kapstokverhaal): uploading a new
document or a new version of one, and withdrawing a version uploaded in error.

An upload goes through the same checks as audit evidence: `uwvkms.uploads.check_upload` (size,
type by content, a matching extension, a safe name), then `uwvkms.malware.upload_scan`
(infected or no verdict: refused and logged), then the private storage under a random name
with its size and SHA-256. Who uploads which kind: `permissions.may_upload_document`."""

import hashlib

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from herstel.constants import DocumentKind, Operation
from herstel.events import DOCUMENT_UPLOADED, DOCUMENT_WITHDRAWN
from herstel.models import ActionDocument, Decision, GoDecision, Herstelactie, Notification
from herstel.permissions import may_upload_document
from herstel.services.guards import capacities_of, locked, require_operation
from uwvkms.malware import upload_scan
from uwvkms.models import User
from uwvkms.services import audit_event_record
from uwvkms.uploads import AcceptedUpload, UploadRefused, check_upload
from uwvkms.withdrawal import withdraw

TITLE_MAX = ActionDocument._meta.get_field("title").max_length


def _require_kind(actor: User, herstelactie: Herstelactie, kind: DocumentKind) -> None:
    """PermissionDenied when the actor may never upload documents of `kind` to this action; a
    ValidationError when the action's step allows no uploads (a closed action)."""
    require_operation(actor, herstelactie, Operation.UPLOAD_DOCUMENT)
    capacities = capacities_of(actor, herstelactie)
    if not may_upload_document(kind, capacities=capacities, step=herstelactie.step):
        raise PermissionDenied


def _clean_kind_and_title(kind: str, title: str) -> tuple[DocumentKind, str]:
    errors = {}
    if kind not in DocumentKind.values:
        errors["kind"] = _("Kies de soort document.")
    title = " ".join((title or "").split())
    if not title:
        errors["title"] = _("Geef het document een titel.")
    elif len(title) > TITLE_MAX:
        errors["title"] = _("Een titel is hoogstens %(max)s tekens.") % {"max": TITLE_MAX}
    if errors:
        raise ValidationError(errors)
    return DocumentKind(kind), title


def action_document_upload(
    *,
    actor: User,
    herstelactie: Herstelactie,
    kind: str,
    title: str,
    name: str,
    data: bytes,
) -> ActionDocument:
    """Add a document to the action's dossier: a new document, or the next version of the one
    with the same kind and title (compared without regard to case; the first version's spelling
    stays). Older versions stay as they are.

    Refused before anything is read when the actor may not upload this kind now; then the file
    is checked (ValidationError on "file" with the reason: too big, empty, a type not allowed, an
    extension that does not fit the content) and scanned (infected or no verdict: refused, and
    the refusal stays in the event log because the scan runs before the transaction). Nothing is
    stored for a refused file."""
    kind, title = _clean_kind_and_title(kind, title)
    with transaction.atomic():  # refused before the scan too: no scan for whoever may not add
        _require_kind(actor, herstelactie, kind)
    try:
        accepted = check_upload(name=name, data=data, max_bytes=settings.UPLOAD_MAX_BYTES)
    except UploadRefused as exc:
        raise ValidationError({"file": str(exc)}) from exc
    try:
        verdict = upload_scan(
            actor=actor,
            target=herstelactie,
            name=accepted.name,
            data=data,
            about={"document_kind": kind.value, "title": title},
        )
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from exc
    return _store(
        actor=actor,
        herstelactie=herstelactie,
        kind=kind,
        title=title,
        accepted=accepted,
        data=data,
        verdict=verdict,
    )


@transaction.atomic
def _store(
    *,
    actor: User,
    herstelactie: Herstelactie,
    kind: DocumentKind,
    title: str,
    accepted: AcceptedUpload,
    data: bytes,
    verdict: str,
) -> ActionDocument:
    herstelactie = locked(herstelactie)  # one version number at a time per action
    _require_kind(actor, herstelactie, kind)
    earlier = ActionDocument.with_withdrawn.filter(
        herstelactie=herstelactie, kind=kind, title__iexact=title
    )
    first = earlier.order_by("version").values_list("title", flat=True).first()
    document = ActionDocument(
        herstelactie=herstelactie,
        kind=kind,
        title=first or title,
        version=(earlier.aggregate(last=Max("version"))["last"] or 0) + 1,
        original_name=accepted.name,
        content_type=accepted.kind.content_type,
        size=accepted.size,
        sha256=hashlib.sha256(data).hexdigest(),
        uploaded_by=actor,
    )
    document.file.save(accepted.name, ContentFile(data), save=False)
    try:
        document.full_clean()
        document.save()
        audit_event_record(
            event=DOCUMENT_UPLOADED,
            actor=actor,
            target=herstelactie,
            changes={
                "action_document": [None, document.pk],
                "document_name": [None, str(document)],
                "file": [None, document.original_name],
                "size": [None, document.size],
                "sha256": [None, document.sha256],
                "malware_scan": [None, verdict],
            },
        )
    except BaseException:
        # Nothing is recorded, so nothing may stay in the storage either.
        document.file.storage.delete(document.file.name)
        raise
    return document


def _referenced_by(document: ActionDocument) -> bool:
    """Whether a standing decision, a notification or a go/no-go rests on `document`."""
    standing = Decision.objects.filter(document_file=document, correction__isnull=True)
    return (
        standing.exists()
        or Notification.objects.filter(document_file=document).exists()
        or GoDecision.objects.filter(document_file=document).exists()
    )


@transaction.atomic
def action_document_withdraw(*, actor: User, document: ActionDocument, reason: str) -> None:
    """Withdraw a version uploaded in error (the wrong file, the wrong action), with a reason:
    whoever may upload its kind, while the action is open. It leaves the list of documents and
    the choices of a decision; its row and bytes stay. A version a standing decision or a
    notification rests on is not withdrawn: correct that record first."""
    herstelactie = locked(document.herstelactie)
    document = ActionDocument.with_withdrawn.select_for_update().get(pk=document.pk)
    _require_kind(actor, herstelactie, DocumentKind(document.kind))
    if not document.is_withdrawn and _referenced_by(document):
        raise ValidationError(
            _(
                "Een besluit of kennisgeving verwijst naar dit document; het wordt niet "
                "ingetrokken. Corrigeer eerst het besluit."
            ),
            code="referenced",
        )
    changes = withdraw(document, actor=actor, reason=reason, what=_("Dit document"))
    audit_event_record(
        event=DOCUMENT_WITHDRAWN,
        actor=actor,
        target=herstelactie,
        changes={
            "action_document": [document.pk, document.pk],
            "document_name": [str(document), str(document)],
            **changes,
        },
        reason=document.withdrawal_reason,
    )


def document_for_reference(
    herstelactie: Herstelactie, document: ActionDocument | None
) -> ActionDocument | None:
    """The document a decision or notification of `herstelactie` refers to, checked: a version
    in the action's own dossier that is not withdrawn (ValidationError on "document_file"
    otherwise). None stays None. For the services of step 2, which authorise their actor."""
    if document is None:
        return None
    found = ActionDocument.objects.filter(pk=document.pk, herstelactie=herstelactie).first()
    if found is None:
        raise ValidationError(
            {
                "document_file": _(
                    "Kies een document uit het dossier van deze herstelactie dat niet is "
                    "ingetrokken."
                )
            }
        )
    return found
