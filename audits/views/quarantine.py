"""The evidence quarantine (coordination team): files the audit team deleted, kept until the
retention period ends, to inspect (download) and restore with a reason (issue 19 §4)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from audits.selectors import quarantine as selectors
from audits.services import documents as document_services
from audits.views.evidence import file_response
from uwvkms.forms import add_service_errors
from uwvkms.security import record_download


class RestoreForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reden van terugzetten"),
        max_length=500,
        error_messages={"required": gettext_lazy("Geef de reden waarom u dit bestand terugzet.")},
    )


def _restore_form(document_file, data=None) -> RestoreForm:
    form = RestoreForm(data, prefix=f"f{document_file.pk}")
    form.fields["reason"].label = _("Reden om %(name)s terug te zetten") % {
        "name": document_file.original_name
    }
    return form


def quarantine_list(request, year: int, refused=None):
    """`refused`: (file id, its form with errors) after a refused restore."""
    cycle = selectors.quarantine_cycle_get(user=request.user, year=year)
    files = list(selectors.quarantined_files(cycle))
    refused_id, refused_form = refused or (None, None)
    rows = [(f, refused_form if f.pk == refused_id else _restore_form(f)) for f in files]
    return render(
        request,
        "audits/evidence/quarantine.html",
        {"cycle": cycle, "rows": rows},
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


@require_POST
def quarantine_restore(request, year: int, file_id: int):
    document_file = selectors.quarantined_file_get(user=request.user, year=year, file_id=file_id)
    form = _restore_form(document_file, request.POST)
    if form.is_valid():
        try:
            document_services.document_file_restore(
                actor=request.user, document_file=document_file, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(name)s is teruggezet bij %(document)s van %(unit)s.")
                % {
                    "name": document_file.original_name,
                    "document": document_file.document_check.document_type,
                    "unit": document_file.document_check.unit,
                },
            )
            return redirect("audits:quarantine_list", year=year)
    return quarantine_list(request, year, refused=(document_file.pk, form))
