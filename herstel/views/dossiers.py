"""Views of the dossiers of step 3: the list, the import (with the template to download and
every refused line listed), what an import changed, one dossier with its history and edit form,
and the export in the template's format."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from herstel.constants import Operation
from herstel.dossier_files import XLSX_CONTENT_TYPE, column_help, template_csv, template_xlsx
from herstel.exports import dossiers_csv
from herstel.forms.execution import DossierFilterForm, DossierForm, DossierImportForm
from herstel.models.dossiers import AMOUNT_FIELDS
from herstel.selectors import actions as selectors
from herstel.selectors import dossiers as dossier_selectors
from herstel.selectors.execution import has_go
from herstel.services import dossiers as services
from herstel.views.actions import require_capacity
from uwvkms.forms import add_service_errors, posted_data
from uwvkms.security import record_export

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"


def attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def dossier_list(request, pk: int):
    access = selectors.herstelactie_get_for_dossiers(user=request.user, pk=pk)
    action = access.action
    filters = DossierFilterForm(request.GET or None)
    cleaned = filters.cleaned_data if filters.is_valid() else {}
    dossiers = dossier_selectors.dossiers_of(
        action,
        status=cleaned.get("status", ""),
        outcome=cleaned.get("uitkomst", ""),
        reference=cleaned.get("referentie", ""),
    )
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "herstel/dossier_list.html",
        {
            "access": access,
            "action": action,
            "filters": filters,
            "page": dossier_selectors.dossier_page(dossiers, request.GET.get("pagina")),
            "query": query.urlencode(),
            "imports": dossier_selectors.imports_of(action)[:10],
            "has_go": has_go(action),
        },
    )


def dossier_import(request, pk: int):
    access = selectors.herstelactie_get_for_dossiers(user=request.user, pk=pk)
    require_capacity(access, Operation.IMPORT_DOSSIERS)
    action = access.action
    form = DossierImportForm(posted_data(request), request.FILES or None)
    row_errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            record = services.dossiers_import(
                actor=request.user,
                herstelactie=action,
                file_name=upload.name,
                data=upload.read(),
            )
        except services.DossierImportRefused as exc:
            row_errors = exc.row_errors
            form.add_error(None, exc.messages)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _(
                    "%(file)s is ingelezen: %(created)s nieuw, %(updated)s gewijzigd, "
                    "%(unchanged)s ongewijzigd."
                )
                % {
                    "file": record.file_name,
                    "created": record.created,
                    "updated": record.updated,
                    "unchanged": record.unchanged,
                },
            )
            return redirect(record)
    return render(
        request,
        "herstel/dossier_import.html",
        {
            "access": access,
            "action": action,
            "form": form,
            "row_errors": row_errors,
            "column_help": column_help(),
            "has_go": has_go(action),
            "may_import_now": access.may(Operation.IMPORT_DOSSIERS),
        },
        status=400 if form.errors else 200,
    )


def dossier_import_result(request, pk: int, import_pk: int):
    access = selectors.herstelactie_get_for_dossiers(user=request.user, pk=pk)
    record = dossier_selectors.import_get(action=access.action, pk=import_pk)
    changes = dossier_selectors.import_changes(record)
    return render(
        request,
        "herstel/dossier_import_result.html",
        {
            "access": access,
            "action": access.action,
            "record": record,
            "page": dossier_selectors.dossier_page(changes, request.GET.get("pagina")),
        },
    )


def dossier_template(request, file_format: str):
    selectors.require_herstel_user(request.user)
    if file_format not in ("csv", "xlsx"):
        raise Http404
    if file_format == "xlsx":
        return attachment(template_xlsx(), XLSX_CONTENT_TYPE, "sjabloon-dossiers.xlsx")
    return attachment(template_csv(), CSV_CONTENT_TYPE, "sjabloon-dossiers.csv")


def dossier_export(request, pk: int):
    access = selectors.herstelactie_get_for_dossiers(user=request.user, pk=pk)
    rows = (
        dossier_selectors.dossiers_of(access.action)
        .values_list("reference", "status", "outcome", *AMOUNT_FIELDS)
        .iterator(chunk_size=5000)
    )
    response = attachment(
        dossiers_csv(rows), CSV_CONTENT_TYPE, f"dossiers-herstelactie-{access.action.pk}.csv"
    )
    return record_export(request, response, target=access.action, what="dossiers")


def _dossier_initial(dossier) -> dict:
    return {
        "status": dossier.status,
        "outcome": dossier.outcome,
        "paid": dossier.paid,
        "to_pay": dossier.to_pay,
        "recovered": dossier.recovered,
        "written_off": dossier.written_off,
        "version": dossier.version,
    }


def dossier_detail(request, pk: int, dossier_pk: int):
    access = selectors.herstelactie_get_for_dossiers(user=request.user, pk=pk)
    if request.method == "POST":
        require_capacity(access, Operation.EDIT_DOSSIER)
    action = access.action
    dossier = dossier_selectors.dossier_get(action=action, pk=dossier_pk)
    form = DossierForm(posted_data(request), initial=_dossier_initial(dossier))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.dossier_update(
                actor=request.user,
                dossier=dossier,
                expected_version=data.pop("version"),
                **data,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("Dossier %(ref)s is opgeslagen.") % {"ref": dossier.reference}
            )
            return redirect(dossier)
    return render(
        request,
        "herstel/dossier_detail.html",
        {
            "access": access,
            "action": action,
            "dossier": dossier,
            "history": dossier_selectors.dossier_history(dossier),
            "form": form,
            "may_edit": access.may(Operation.EDIT_DOSSIER) and has_go(action),
        },
        status=400 if form.errors else 200,
    )
