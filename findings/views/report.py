"""Report views: the same view-model and template give the HTML page and the PDF."""

from django.http import HttpResponse
from django.shortcuts import render

from audits.selectors import cycle_get
from findings.report.maturity import build_maturity_report, render_maturity_report_html
from findings.report.pdf import html_to_pdf
from uwvkms.constants import Role
from uwvkms.permissions import role_required

REPORT_READERS = (Role.COORDINATIETEAM, Role.RVB)


@role_required(*REPORT_READERS)
def maturity_report(request, year: int):
    report = build_maturity_report(cycle_get(year=year))
    return render(
        request, "findings/report/maturity_page.html", {"report": report, "for_pdf": False}
    )


@role_required(*REPORT_READERS)
def maturity_report_pdf(request, year: int):
    report = build_maturity_report(cycle_get(year=year))
    pdf = html_to_pdf(render_maturity_report_html(report, for_pdf=True))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="volwassenheid-kms-{year}.pdf"'
    return response
