"""The maturity report as PDF (WeasyPrint): A4, "Pagina X van Y", the same figures."""

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
    assert f"Pagina 1 van {len(reader.pages)}" in text
