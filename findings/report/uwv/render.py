"""The UWV-wide report as HTML and PDF: one template, one view-model (STYLE.md practice 10)."""

from django.template.loader import render_to_string

from findings.constants import UnitReportStatus
from findings.report.pdf import html_to_pdf
from findings.report.uwv.model import UwvReport


def render_uwv_report_html(report: UwvReport, *, for_pdf: bool, request=None) -> str:
    """The report as HTML: the stand-alone print document (for_pdf) or the page body for the
    browser. Same template, same view-model."""
    template = "findings/report/uwv_report.html" if for_pdf else "findings/report/uwv_page.html"
    return render_to_string(
        template,
        {"report": report, "for_pdf": for_pdf, "UnitReportStatus": UnitReportStatus},
        request=request,
    )


def render_uwv_report_pdf(report: UwvReport) -> bytes:
    return html_to_pdf(render_uwv_report_html(report, for_pdf=True))
