"""Views of the documents in a herstelactie's dossier: the list by kind with every version and
the upload form, the download of a version (logged), and withdrawing a version uploaded in
error (with a reason)."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from herstel.constants import DocumentKind, Operation
from herstel.forms.documents import ActionDocumentForm, DocumentWithdrawForm
from herstel.permissions import may_upload_document, may_upload_kind, uploadable_kinds
from herstel.selectors import actions as selectors
from herstel.selectors import documents as document_selectors
from herstel.services import documents as services
from herstel.views.actions import refusal_on_top, require_capacity
from uwvkms.forms import add_service_errors, posted_data
from uwvkms.security import record_download
from uwvkms.storage import private_file_response


def _kinds(access) -> list[DocumentKind]:
    return uploadable_kinds(capacities=access.capacities, step=access.action.step)


def documents(request, pk: int):
    """GET: the documents and, for whoever may upload, the form. POST: an upload (the form
    accepts every kind; the service refuses one this user may not upload, with its reason)."""
    access = selectors.herstelactie_get_for_user(user=request.user, pk=pk)
    action = access.action
    kinds = _kinds(access)
    if request.method == "POST":
        require_capacity(access, Operation.UPLOAD_DOCUMENT)
    form = ActionDocumentForm(
        posted_data(request),
        request.FILES or None,
        kinds=list(DocumentKind) if request.method == "POST" else kinds,
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            document = services.action_document_upload(
                actor=request.user,
                herstelactie=action,
                kind=form.cleaned_data["kind"],
                title=form.cleaned_data["title"],
                name=upload.name,
                # Never more than one byte over the limit: the size check refuses a larger file
                # without the whole of it in memory.
                data=upload.read(settings.UPLOAD_MAX_BYTES + 1),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("%(document)s is toegevoegd.") % {"document": document})
            return redirect("herstel:documents", pk=action.pk)
    if form.is_bound:
        refusal_on_top(request, form, form_shown=bool(kinds))
        form.fields["kind"].choices = [("", "–"), *((k.value, k.label) for k in kinds)]
    return render(
        request,
        "herstel/documents.html",
        {
            "access": access,
            "action": action,
            "groups": document_selectors.documents_by_kind(action),
            "form": form if kinds else None,
            "withdrawable_kinds": {kind.value for kind in kinds},
            "max_size": settings.UPLOAD_MAX_BYTES,
        },
        status=400 if form.errors else 200,
    )


def document_download(request, pk: int, document_pk: int):
    """A version of a document, for everyone who reads the action; recorded in the event log."""
    access = selectors.herstelactie_get_for_user(user=request.user, pk=pk)
    document = document_selectors.document_get(action=access.action, pk=document_pk)
    response = private_file_response(
        document.file, filename=document.original_name, content_type=document.content_type
    )
    return record_download(request, response, target=document, what="document herstelactie")


def document_withdraw(request, pk: int, document_pk: int):
    """Withdraw a version uploaded in error (GET: the question; POST: the withdrawal)."""
    access = selectors.herstelactie_get_for_user(user=request.user, pk=pk)
    document = document_selectors.document_get(
        action=access.action, pk=document_pk, withdrawn_too=True
    )
    if not may_upload_kind(document.kind, capacities=access.capacities):
        raise PermissionDenied  # never theirs to withdraw; a closed action is the service's
    # A version a standing decision or kennisgeving rests on is not withdrawn (the service).
    in_use = not document.is_withdrawn and document_selectors.document_in_use(document)
    form = DocumentWithdrawForm(posted_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.action_document_withdraw(
                actor=request.user, document=document, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(document)s is ingetrokken; de reden blijft zichtbaar.")
                % {"document": document},
            )
            return redirect("herstel:documents", pk=access.action.pk)
    return render(
        request,
        "herstel/document_withdraw.html",
        {
            "access": access,
            "action": access.action,
            "document": document,
            "form": form,
            "in_use": in_use,
            "may_withdraw_now": may_upload_document(
                document.kind, capacities=access.capacities, step=access.action.step
            )
            and not document.is_withdrawn
            and not in_use,
        },
        status=400 if form.is_bound else 200,
    )
