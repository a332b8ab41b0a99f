"""Views of the figures: the management information of one action (with the estimate and the
exports) and the central overview of all actions for FEZ, SBK and the RvB, with its export and
SBK's list of what needs informing SZW or a note to the minister."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from herstel.constants import DossierOutcome, DossierStatus, Mandate, Operation, Step
from herstel.dossier_files import XLSX_CONTENT_TYPE
from herstel.exports import mi_csv, mi_xlsx, overview_csv, overview_xlsx
from herstel.forms.execution import EstimateForm
from herstel.permissions import may_see_overview, may_see_sbk_tasks, sees_every_action
from herstel.selectors import actions as selectors
from herstel.selectors import figures
from herstel.selectors.execution import execution_plan_of
from herstel.services.execution import estimate_set
from herstel.views.actions import require_capacity
from herstel.views.dossiers import CSV_CONTENT_TYPE, attachment
from uwvkms.forms import add_service_errors
from uwvkms.security import record_export
from uwvkms.selectors import business_units

EXPORTS = {
    "csv": (CSV_CONTENT_TYPE, mi_csv, overview_csv),
    "xlsx": (XLSX_CONTENT_TYPE, mi_xlsx, overview_xlsx),
}


def _estimate_form(access, data=None, *, plan) -> EstimateForm:
    """The estimate form, starting from the estimate entered in the plan of approach."""
    return EstimateForm(
        data,
        initial={
            "average": plan.estimated_average if plan else None,
            "basis": plan.estimate_basis if plan else "",
            "version": access.action.version,
        },
    )


def _render_mi(request, access, *, estimate_form=None, status=200):
    mi = figures.management_information(access.action)
    return render(
        request,
        "herstel/management_information.html",
        {
            "access": access,
            "action": access.action,
            "mi": mi,
            "estimate_form": estimate_form
            or (
                _estimate_form(access, plan=mi.plan) if access.may(Operation.SET_ESTIMATE) else None
            ),
            "statuses": DossierStatus,
            "outcomes": DossierOutcome,
        },
        status=status,
    )


def management_information(request, pk: int):
    access = selectors.herstelactie_get_for_figures(user=request.user, pk=pk)
    return _render_mi(request, access)


@require_POST
def estimate(request, pk: int):
    access = selectors.herstelactie_get_for_dossiers(user=request.user, pk=pk)
    require_capacity(access, Operation.SET_ESTIMATE)
    form = _estimate_form(access, request.POST, plan=execution_plan_of(access.action))
    if form.is_valid():
        try:
            estimate_set(
                actor=request.user,
                herstelactie=access.action,
                expected_version=form.cleaned_data["version"],
                average=form.cleaned_data["average"],
                basis=form.cleaned_data["basis"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De schatting is opgeslagen."))
            return redirect("herstel:management_information", pk=access.action.pk)
    return _render_mi(request, access, estimate_form=form, status=400)


def management_information_export(request, pk: int, file_format: str):
    access = selectors.herstelactie_get_for_figures(user=request.user, pk=pk)
    if file_format not in EXPORTS:
        raise Http404
    content_type, render_mi, _overview = EXPORTS[file_format]
    mi = figures.management_information(access.action)
    stamp = timezone.localdate().isoformat()
    response = attachment(
        render_mi(mi),
        content_type,
        f"managementinformatie-herstelactie-{access.action.pk}-{stamp}.{file_format}",
    )
    return record_export(request, response, target=access.action, what="managementinformatie")


# --- The central overview ---------------------------------------------------------------------


def _require_overview(user) -> None:
    if not may_see_overview(user):
        raise PermissionDenied


def overview(request):
    _require_overview(request.user)
    filters = figures.OverviewFilters.from_query(request.GET)
    query = request.GET.copy()
    query.pop("sorteer", None)
    return render(
        request,
        "herstel/overview.html",
        {
            "view": figures.overview(filters),
            "filters": filters,
            "units": business_units().filter(herstelacties__isnull=False).distinct(),
            "steps": Step,
            "mandates": Mandate,
            "query": query.urlencode(),
            "export_query": request.GET.urlencode(),
            "sort_columns": SORT_COLUMNS,
            "sees_sbk": may_see_sbk_tasks(request.user),
            "reads_actions": sees_every_action(request.user),
        },
    )


# (sort key, column heading) in the order of the table
SORT_COLUMNS = [
    ("titel", gettext_lazy("Herstelactie")),
    ("divisie", gettext_lazy("Leidende divisie")),
    ("stap", gettext_lazy("Stap")),
    ("mandaat", gettext_lazy("Mandaat")),
    ("dossiers", gettext_lazy("Dossiers")),
    ("voortgang", gettext_lazy("Voortgang")),
    ("nabetaald", gettext_lazy("Nabetaald")),
    ("nog_te_betalen", gettext_lazy("Nog te betalen")),
    ("teruggevorderd", gettext_lazy("Teruggevorderd")),
    ("afgeboekt", gettext_lazy("Afgeboekt")),
    ("restwaarde", gettext_lazy("Schatting rest")),
]


def overview_export(request, file_format: str):
    _require_overview(request.user)
    if file_format not in EXPORTS:
        raise Http404
    content_type, _mi, render_overview = EXPORTS[file_format]
    view = figures.overview(figures.OverviewFilters.from_query(request.GET))
    stamp = timezone.localdate().isoformat()
    response = attachment(
        render_overview(view), content_type, f"totaaloverzicht-herstelacties-{stamp}.{file_format}"
    )
    return record_export(request, response, what="totaaloverzicht herstelacties")


def sbk_overview(request):
    if not may_see_sbk_tasks(request.user):
        raise PermissionDenied
    return render(request, "herstel/sbk_overview.html", {"rows": figures.sbk_overview()})
