"""The maturity report as PDF (WeasyPrint): A4, "Pagina X van Y", the same figures and chart."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from tests.factories import ScoreFactory, principle


@pytest.fixture
def scored(cycle, uitkeren, communicatie):
    klant = principle("klantgerichtheid")
    ScoreFactory(cycle=cycle, unit=uitkeren, principle=klant, level=2)
    ScoreFactory(cycle=cycle, unit=communicatie, principle=klant, level=3)
    ScoreFactory(cycle=cycle, unit=uitkeren, principle=principle("operationele-kwaliteit"), level=4)
    return cycle


def test_pdf_holds_the_figures_on_a4_pages(client, coordinator, scored):
    client.force_login(coordinator)
    response = client.get(reverse("findings:maturity_report_pdf", args=[scored.year]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="volwassenheid-kms-2031.pdf"' in response["Content-Disposition"]
    reader = PdfReader(io.BytesIO(response.content))
    page = reader.pages[0]
    width_mm = float(page.mediabox.width) / 72 * 25.4
    height_mm = float(page.mediabox.height) / 72 * 25.4
    assert (round(width_mm), round(height_mm)) == (210, 297)
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "Volwassenheid KMS 2031" in text
    assert "Klantgerichtheid" in text
    assert "2,50" in text  # unrounded mean of 2 and 3
    assert "4,00" in text  # Operationele Kwaliteit, Uitkeren only
    assert f"Pagina 2 van {len(reader.pages)}" in text  # page 1 is the cover


def test_pdf_holds_the_chart_with_its_values_and_axis(client, coordinator, scored):
    client.force_login(coordinator)
    response = client.get(reverse("findings:maturity_report_pdf", args=[scored.year]))
    reader = PdfReader(io.BytesIO(response.content))
    text = "\n".join(p.extract_text() for p in reader.pages)
    # The SVG is drawn as vector graphics with real text: axis title, names and values.
    assert "Gemiddeld volwassenheidsniveau (1 Ad hoc – 5 Optimaliseren)" in text
    assert "Gemiddelde volwassenheid per principe (onafgerond)" in text  # the figure caption
    assert text.count("2,50") >= 2  # at the bar and in the table
    assert "Verloop door de kalibratie" in text
    assert "Vergelijking met eerdere cycli" in text


def test_pdf_shows_only_submitted_scores(client, coordinator, cycle, uitkeren, communicatie):
    klant = principle("klantgerichtheid")
    ScoreFactory(cycle=cycle, unit=uitkeren, principle=klant, level=2)
    ScoreFactory(cycle=cycle, unit=communicatie, principle=klant, level=5, concept=True)
    client.force_login(coordinator)
    response = client.get(reverse("findings:maturity_report_pdf", args=[cycle.year]))
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "2,00" in text
    assert "3,50" not in text  # (2 + 5) / 2 would count the concept
