"""Report views: the same view-model and template give the HTML page and the PDF."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from audits.selectors import cycle_get
from findings.constants import DEFAULT_ADDRESSEES, DOCX_CONTENT_TYPE
from findings.forms.front_matter import FrontMatterForm
from findings.report.maturity import build_maturity_report, render_maturity_report_html
from findings.report.pdf import html_to_pdf
from findings.report.uwv import build_uwv_report, render_uwv_report_html, render_uwv_report_pdf
from findings.selectors.narratives import front_matter_history, front_matter_of
from findings.services.narratives import report_front_matter_save
from maturity.selectors import FIGURES_READERS, maturity_figures_cycle_get
from uwvkms.constants import Role
from uwvkms.forms import add_service_errors, posted_data
from uwvkms.permissions import role_required
from uwvkms.security import record_download

REPORT_READERS = FIGURES_READERS


def _maturity_report_cycle(user, year: int):
    """See `maturity.selectors.maturity_figures_cycle_get` (shared with the API)."""
    return maturity_figures_cycle_get(user=user, year=year)


@role_required(*REPORT_READERS)
def maturity_report(request, year: int):
    report = build_maturity_report(_maturity_report_cycle(request.user, year))
    return render(
        request, "findings/report/maturity_page.html", {"report": report, "for_pdf": False}
    )


@role_required(*REPORT_READERS)
def maturity_report_pdf(request, year: int):
    cycle = _maturity_report_cycle(request.user, year)
    pdf = html_to_pdf(render_maturity_report_html(build_maturity_report(cycle), for_pdf=True))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="volwassenheid-kms-{year}.pdf"'
    return record_download(request, response, target=cycle, what="volwassenheidsrapport")


# --- the UWV-wide report (DOMAIN.md §5): the live concept, for the coordination team ---------


@role_required(Role.COORDINATIETEAM)
def uwv_report(request, year: int):
    report = build_uwv_report(cycle_get(year=year))
    return HttpResponse(render_uwv_report_html(report, for_pdf=False, request=request))


@role_required(Role.COORDINATIETEAM)
def uwv_report_docx(request, year: int):
    from findings.report.uwv.word import render_uwv_report_docx  # noqa: PLC0415 (python-docx)

    cycle = cycle_get(year=year)
    report = build_uwv_report(cycle)
    response = HttpResponse(render_uwv_report_docx(report), content_type=DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = (
        f'attachment; filename="interne-toets-kms-{year}-concept.docx"'
    )
    return record_download(request, response, target=cycle, what="UWV-rapport (concept)")


@role_required(Role.COORDINATIETEAM)
def uwv_report_pdf(request, year: int):
    cycle = cycle_get(year=year)
    response = HttpResponse(
        render_uwv_report_pdf(build_uwv_report(cycle)), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="interne-toets-kms-{year}-concept.pdf"'
    return record_download(request, response, target=cycle, what="UWV-rapport (concept)")


def _front_initial(front) -> dict:
    """What the front matter form shows: the stored values, or the defaults to edit."""
    if front is None:
        return {"report_date": None, "addressees": str(DEFAULT_ADDRESSEES), "version": 0}
    return {
        "report_date": front.report_date,
        "addressees": front.addressees or str(DEFAULT_ADDRESSEES),
        "version": front.version,
    }


@role_required(Role.COORDINATIETEAM)
def uwv_report_front_matter(request, year: int):
    """The report's front matter: its date and to whom it goes, with its history."""
    cycle = cycle_get(year=year)
    front = front_matter_of(cycle)
    form = FrontMatterForm(posted_data(request), initial=_front_initial(front))
    if request.method == "POST" and form.is_valid():
        try:
            report_front_matter_save(
                actor=request.user,
                cycle=cycle,
                report_date=form.cleaned_data["report_date"],
                addressees=form.cleaned_data["addressees"],
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:  # EditConflict too
            add_service_errors(form, error)
        else:
            messages.success(request, _("Het voorwerk van het rapport is opgeslagen."))
            return redirect("findings:uwv_report_front_matter", year=year)
    return render(
        request,
        "findings/report/front_matter.html",
        {
            "cycle": cycle,
            "form": form,
            "front": front,
            "history": front_matter_history(front),
        },
        status=400 if form.is_bound else 200,
    )
