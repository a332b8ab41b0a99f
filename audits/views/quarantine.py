"""The evidence quarantine (coordination team): files the audit team deleted, kept until the
retention period ends, to inspect (download) and restore with a reason (issue 19 §4). The files
of document checks and the files delivered for extra request items (issue 21 §1) share the page;
each kind has its own download and restore address."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from audits.selectors import quarantine as selectors
from audits.services import documents as document_services
from audits.services import requests as request_services
from audits.views.evidence import file_response
from uwvkms.forms import add_service_errors
from uwvkms.security import record_download

# Form prefixes per kind: a document file and a delivered file may share an id.
DOCUMENT_PREFIX, REQUEST_PREFIX = "f", "r"


class RestoreForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reden van terugzetten"),
        max_length=500,
        error_messages={"required": gettext_lazy("Geef de reden waarom u dit bestand terugzet.")},
    )


def _restore_form(stored, prefix: str, data=None) -> RestoreForm:
    form = RestoreForm(data, prefix=f"{prefix}{stored.pk}")
    form.fields["reason"].label = _("Reden om %(name)s terug te zetten") % {
        "name": stored.original_name
    }
    return form


def quarantine_list(request, year: int, refused=None):
    """`refused`: (prefix, file id, its form with errors) after a refused restore."""
    cycle = selectors.quarantine_cycle_get(user=request.user, year=year)
    refused_prefix, refused_id, refused_form = refused or (None, None, None)

    def rows(files, prefix):
        return [
            (
                f,
                refused_form
                if (prefix, f.pk) == (refused_prefix, refused_id)
                else _restore_form(f, prefix),
            )
            for f in files
        ]

    return render(
        request,
        "audits/evidence/quarantine.html",
        {
            "cycle": cycle,
            "rows": rows(selectors.quarantined_files(cycle), DOCUMENT_PREFIX),
            "request_rows": rows(selectors.quarantined_request_files(cycle), REQUEST_PREFIX),
        },
        status=400 if refused_form is not None else 200,
    )


def quarantine_download(request, year: int, file_id: int):
    document_file = selectors.quarantined_file_get(user=request.user, year=year, file_id=file_id)
    return record_download(
        request,
        file_response(document_file),
        target=document_file,
        what="bewijsstuk in quarantaine",
    )


def quarantine_request_file_download(request, year: int, file_id: int):
    delivered = selectors.quarantined_request_file_get(
        user=request.user, year=year, file_id=file_id
    )
    return record_download(
        request,
        file_response(delivered),
        target=delivered,
        what="aangeleverd bestand in quarantaine",
    )


def _restore(request, year, stored, prefix, call, where):
    form = _restore_form(stored, prefix, request.POST)
    if form.is_valid():
        try:
            call(form.cleaned_data["reason"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(name)s is teruggezet bij %(where)s.")
                % {"name": stored.original_name, "where": where},
            )
            return redirect("audits:quarantine_list", year=year)
    return quarantine_list(request, year, refused=(prefix, stored.pk, form))


@require_POST
def quarantine_restore(request, year: int, file_id: int):
    document_file = selectors.quarantined_file_get(user=request.user, year=year, file_id=file_id)
    check = document_file.document_check
    return _restore(
        request,
        year,
        document_file,
        DOCUMENT_PREFIX,
        lambda reason: document_services.document_file_restore(
            actor=request.user, document_file=document_file, reason=reason
        ),
        _("%(document)s van %(unit)s") % {"document": check.document_type, "unit": check.unit},
    )


@require_POST
def quarantine_request_file_restore(request, year: int, file_id: int):
    delivered = selectors.quarantined_request_file_get(
        user=request.user, year=year, file_id=file_id
    )
    item = delivered.item
    return _restore(
        request,
        year,
        delivered,
        REQUEST_PREFIX,
        lambda reason: request_services.request_file_restore(
            actor=request.user, delivered=delivered, reason=reason
        ),
        _("%(item)s op de uitvraag van %(unit)s") % {"item": item, "unit": item.request.unit},
    )
