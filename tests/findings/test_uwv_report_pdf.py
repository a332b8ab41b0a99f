"""The UWV-wide report as PDF: cover, ToC with page numbers, chapters in order, the figures and
"Pagina X van Y" with date and version on every page after the cover (as the 2023 report)."""

import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from findings.report.uwv import build_uwv_report, render_uwv_report_pdf
from tests.factories import ScoreFactory
from tests.findings.report_writing import write
from tests.findings.unit_reporting import klant, recommend


@pytest.fixture
def reported(cycle, auditor, uitkeren, communicatie):
    ScoreFactory(cycle=cycle, unit=uitkeren, principle=klant(), level=2)
    ScoreFactory(cycle=cycle, unit=communicatie, principle=klant(), level=3)
    recommend(auditor, cycle, uitkeren, title="Meet het effect van verbeteracties")
    return cycle


def _first_page_starting_with(pages: list[str], heading: str) -> int | None:
    for index, page in enumerate(pages):
        if re.sub(r"\s+", " ", page).strip().startswith(heading):
            return index
    return None


def _pages(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def test_pdf_has_cover_toc_chapters_in_order_and_page_footer(reported, coordinator):
    write(reported, coordinator, "principe-klantgerichtheid-algemeen", blocks=["aanbevelingen"])
    report = build_uwv_report(reported, status="Concept", version="1.0")
    pages = _pages(render_uwv_report_pdf(report))
    text = "\n".join(pages)
    assert "Interne Toets KMS 2031" in pages[0]
    assert "Coördinatieteam Interne Toets KMS" in pages[0]
    assert "Inhoudsopgave" in pages[1]
    assert "Pagina" not in pages[0]  # the cover has no running header or footer
    for number, page in enumerate(pages[1:], start=2):
        assert f"Pagina {number} van {len(pages)}" in page
        assert "Versie 1.0" in page
        assert f"Datum {report.date}" in page
    order = [
        "1 Inleiding en aanleiding",
        "2 Managementsamenvatting",
        "3 Scope en methodiek",
        "4 Volwassenheid kwaliteitsmanagementsysteem van UWV",
        "5 Hoofdbevindingen UWV",
        "6 Klantgerichtheid",
        "7 Operationele Kwaliteit",
        "8 Managementreacties en beschouwing",
        "Bijlage 1 UWV Volwassenheidsmodel",
        "Bijlage 2 UWV Managementprincipes",
    ]
    # Every chapter starts a page with its numbered heading.
    starts = [_first_page_starting_with(pages, title) for title in order]
    assert None not in starts, dict(zip(order, starts, strict=True))
    assert starts == sorted(starts)
    assert "2,50" in text  # the mean of 2 and 3, in the chart and the table
    assert "Gemiddeld volwassenheidsniveau (1 Ad hoc – 5 Optimaliseren)" in text
    assert "Meet het effect van verbeteracties" in text


def test_toc_has_the_real_page_numbers(reported):
    pages = _pages(render_uwv_report_pdf(build_uwv_report(reported)))
    toc = pages[1]
    match = re.search(r"Scope en methodiek[ .]*(\d+)", toc)
    assert match, toc
    page = int(match.group(1))
    assert _first_page_starting_with(pages, "3 Scope en methodiek") == page - 1


def test_rounding_rule_is_a_footnote(reported):
    text = "\n".join(_pages(render_uwv_report_pdf(build_uwv_report(reported))))
    assert "rekenkundig afgerond (2,5 wordt 3)" in text


def test_pdf_view_serves_the_concept(client, coordinator, reported):
    client.force_login(coordinator)
    response = client.get(reverse("findings:uwv_report_pdf", args=[reported.year]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "interne-toets-kms-2031" in response["Content-Disposition"]
