"""The three printed reports share the 2023 report's cover and running header and footer
(issue 18): the cover (page 1) names the organisation and carries Status, Versie, Datum and
Auteur but no header or footer; every page after it has the organisation and title above and
"Datum … · Versie …" and "Pagina X van Y" below."""

import re

import pytest
from django.urls import reverse
from django.utils import formats, timezone

from findings.report.uwv import build_uwv_report, render_uwv_report_pdf
from tests.factories import ScoreFactory
from tests.findings.report_pdf_helpers import pdf_pages, tiny_png
from tests.findings.unit_reporting import klant, recommend


@pytest.fixture
def scored(cycle, auditor, uitkeren, communicatie):
    ScoreFactory(cycle=cycle, unit=uitkeren, principle=klant(), level=2)
    ScoreFactory(cycle=cycle, unit=communicatie, principle=klant(), level=3)
    recommend(auditor, cycle, uitkeren, title="Meet het effect van verbeteracties")
    return cycle


def assert_house_style(pages: list[str], *, title: str, version: str, organisation: str) -> None:
    today = formats.date_format(timezone.localdate(), "j F Y")
    pages = [re.sub(r"\s+", " ", page) for page in pages]
    cover = pages[0]
    assert len(pages) >= 3  # the cover and at least two pages after it
    assert organisation.upper() in cover  # its kicker is in capitals
    assert title in cover
    for label in ("Status", "Versie", "Datum", "Auteur"):
        assert label in cover, label
    assert "Pagina" not in cover  # the cover has no running footer
    for number, page in enumerate(pages[1:], start=2):
        assert f"Pagina {number} van {len(pages)}" in page, number
        assert f"Datum {today} · Versie {version}" in page, number
        assert f"{organisation} · {title}" in page, number  # the running header


def test_the_uwv_report(settings, scored):
    settings.REPORT_ORGANISATION = "Gemeente Voorbeeld"
    pdf = render_uwv_report_pdf(build_uwv_report(scored, status="Concept", version="1.0"))
    assert_house_style(
        pdf_pages(pdf),
        title="Interne Toets KMS 2031",
        version="1.0",
        organisation="Gemeente Voorbeeld",
    )


def test_the_unit_report(client, coordinator, settings, scored, uitkeren):
    settings.REPORT_ORGANISATION = "Gemeente Voorbeeld"
    client.force_login(coordinator)
    response = client.get(reverse("findings:unit_report_pdf", args=[scored.year, uitkeren.id]))
    assert_house_style(
        pdf_pages(response.content),
        title="Rapport Uitkeren · Interne Toets KMS 2031",
        version="Concept",  # a unit report has no version number: the footer names its status
        organisation="Gemeente Voorbeeld",
    )


def test_the_maturity_report(client, coordinator, scored):
    client.force_login(coordinator)
    response = client.get(reverse("findings:maturity_report_pdf", args=[scored.year]))
    assert_house_style(
        pdf_pages(response.content),
        title="Volwassenheid KMS 2031",
        version=str(scored.get_status_display()),
        organisation="UWV",  # the default
    )


def test_the_uwv_report_page_has_the_same_cover_without_the_logo(
    client, coordinator, settings, tmp_path, scored
):
    settings.REPORT_ORGANISATION = "Gemeente Voorbeeld"
    settings.REPORT_LOGO = str(tiny_png(tmp_path / "logo.png"))
    client.force_login(coordinator)
    html = client.get(reverse("findings:uwv_report", args=[scored.year])).content.decode()
    assert "Gemeente Voorbeeld · Interne Toets Kwaliteitsmanagementsysteem" in html
    assert '<dt class="col-sm-3">Datum</dt>' in html
    assert "data:image/png" not in html  # the page's CSP allows no data images: PDF and Word only
