"""The UWV-wide report as HTML and PDF: one template, one view-model (STYLE.md practice 10)."""

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from findings.constants import UnitReportStatus
from findings.report.cover import Cover
from findings.report.pdf import html_to_pdf
from findings.report.uwv.model import UwvReport
from uwvkms.branding import report_branding


def uwv_cover(report: UwvReport) -> Cover:
    """The cover of the page, the PDF and the Word file."""
    return Cover(
        title=report.title,
        subtitle=_("UWV-brede rapportage aan %(addressees)s") % {"addressees": report.addressees},
        status=report.status,
        version=report.version,
        date=report.date,
        author=report.author,
    )


def render_uwv_report_html(report: UwvReport, *, for_pdf: bool, request=None) -> str:
    """The report as HTML: the stand-alone print document (for_pdf) or the page body for the
    browser. Same template, same view-model."""
    template = "findings/report/uwv_report.html" if for_pdf else "findings/report/uwv_page.html"
    return render_to_string(
        template,
        {
            "report": report,
            "for_pdf": for_pdf,
            "UnitReportStatus": UnitReportStatus,
            "cover": uwv_cover(report),
            "branding": report_branding(),
        },
        request=request,
    )


def render_uwv_report_pdf(report: UwvReport) -> bytes:
    return html_to_pdf(render_uwv_report_html(report, for_pdf=True))
