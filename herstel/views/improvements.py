"""Views of a business unit's improvement actions from both halves (DOMAIN.md §7): the index of
units for those who read every unit, one unit's list with its filters, and its export."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify

from herstel.constants import ImprovementSource
from herstel.dossier_files import XLSX_CONTENT_TYPE
from herstel.exports import improvements_csv, improvements_xlsx
from herstel.selectors import improvements as selectors
from herstel.views.dossiers import CSV_CONTENT_TYPE, attachment
from uwvkms.security import record_export

EXPORTS = {
    "csv": (CSV_CONTENT_TYPE, improvements_csv),
    "xlsx": (XLSX_CONTENT_TYPE, improvements_xlsx),
}


def improvements_index(request):
    """Every unit with its counts for those who read every unit; a unit's board goes straight
    to its own unit."""
    own = selectors.own_improvement_unit(request.user)
    if own is not None:
        return redirect("herstel:improvements_unit", unit_id=own.pk)
    return render(
        request,
        "herstel/improvements_index.html",
        {"units": selectors.improvement_counts(today=timezone.localdate())},
    )


def _unit_view(request, unit_id: int) -> selectors.UnitImprovements:
    unit = selectors.improvement_unit_get_for_reader(user=request.user, unit_id=unit_id)
    return selectors.unit_improvements(
        unit,
        user=request.user,
        filters=selectors.ImprovementFilters.from_query(request.GET),
        today=timezone.localdate(),
    )


def improvements_unit(request, unit_id: int):
    view = _unit_view(request, unit_id)
    return render(
        request,
        "herstel/improvements_unit.html",
        {
            "view": view,
            "sources": ImprovementSource,
            "export_query": request.GET.urlencode(),
            "reads_every_unit": selectors.own_improvement_unit(request.user) is None,
        },
    )


def improvements_export(request, unit_id: int, file_format: str):
    view = _unit_view(request, unit_id)
    if file_format not in EXPORTS:
        raise Http404
    content_type, render_file = EXPORTS[file_format]
    stamp = timezone.localdate().isoformat()
    response = attachment(
        render_file(view),
        content_type,
        f"verbeteracties-{slugify(view.unit.abbreviation or view.unit.name)}-{stamp}.{file_format}",
    )
    return record_export(request, response, target=view.unit, what="verbeteracties")
