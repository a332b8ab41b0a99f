"""The unit report as PDF (WeasyPrint): A4, a cover, "Pagina X van Y" and the date on every page
after it, the same content as the page from the same view-model and template."""

import io

from django.urls import reverse
from django.utils import formats, timezone
from pypdf import PdfReader

from findings.services import quote_create
from tests.factories import ScoreFactory
from tests.findings.unit_reporting import (
    agree,
    confirmed_interview,
    finalise,
    klant,
    observe,
    recommend,
    respond,
)


def pdf_text(response) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(response.content))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def test_pdf_is_a4_with_page_numbers_and_date(client, auditor, coordinator, cycle, uitkeren):
    ScoreFactory(cycle=cycle, unit=uitkeren, principle=klant(), level=4, justification="Sturen.")
    observe(auditor, cycle, uitkeren, text="Het jaarplan is actueel.")
    recommend(auditor, cycle, uitkeren, title="Meet het effect")
    client.force_login(coordinator)
    response = client.get(reverse("findings:unit_report_pdf", args=[cycle.year, uitkeren.id]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="rapport-uit-2031.pdf"' in response["Content-Disposition"]
    reader, text = pdf_text(response)
    page = reader.pages[0]
    width_mm = float(page.mediabox.width) / 72 * 25.4
    height_mm = float(page.mediabox.height) / 72 * 25.4
    assert (round(width_mm), round(height_mm)) == (210, 297)
    assert f"Pagina 2 van {len(reader.pages)}" in text  # page 1 is the cover
    assert formats.date_format(timezone.localdate(), "j F Y") in text
    assert "Rapport Uitkeren · Interne Toets KMS 2031" in text
    assert "4 Sturen" in text
    assert "Het jaarplan is actueel." in text
    assert "Meet het effect" in text
    assert "nog geen score" in text  # Operationele Kwaliteit


def test_pdf_holds_quotes_and_the_submitted_response(
    client, auditor, coordinator, unit_board, board_member, cycle, uitkeren
):
    interview = confirmed_interview(cycle, uitkeren)
    quote_create(
        actor=auditor,
        cycle=cycle,
        unit=uitkeren,
        principle=klant(),
        interview=interview,
        text="Wij zijn trots op het team.",
    )
    rec = recommend(auditor, cycle, uitkeren, title="Werk samen in de keten")
    agree(coordinator, cycle, uitkeren)
    respond(unit_board, cycle, uitkeren, {rec: "herkend"}, overall="Wij pakken dit op.")
    finalise(coordinator, cycle, uitkeren)
    client.force_login(board_member)
    response = client.get(reverse("findings:unit_report_pdf", args=[cycle.year, uitkeren.id]))
    assert response.status_code == 200
    _reader, text = pdf_text(response)
    assert "Wij zijn trots op het team." in text
    assert "Uit het rapport van Uitkeren" in text
    assert "Petra Geheim" not in text
    assert "Wij pakken dit op." in text
    assert "Herkend" in text
    assert "Status: Definitief" in text
