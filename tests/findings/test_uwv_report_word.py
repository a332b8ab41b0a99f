"""The UWV-wide report as Word (issue 18): the same chapters, sections and texts as the HTML and
the PDF (real Word headings, the team's markup, real footnotes, the chart as a picture with alt
text), downloadable by the coordination team as the live concept, and stored beside the PDF of
a published version with its own SHA-256, immutable and checked when served."""

import hashlib
import io
import re
import zipfile

import pytest
from django.urls import reverse
from django.utils.html import strip_tags
from docx import Document
from pypdf import PdfReader

from findings.models import ReportVersion
from findings.report.uwv import build_uwv_report, render_uwv_report_html, render_uwv_report_pdf
from findings.report.uwv.word import render_uwv_report_docx
from findings.services import publishing as services
from tests.factories import ScoreFactory
from tests.findings.publishing_helpers import ready_for_definitive
from tests.findings.report_writing import write
from tests.findings.unit_reporting import klant, observe, recommend
from uwvkms import markup

INTRO = (
    "Dit jaar toetsten wij voor het eerst zelf.[^Tot 2023 deed een externe auditor dat.]\n\n"
    "### Wat wij anders deden\n\n"
    "- kruislings toetsen\n- waarderend onderzoek\n\n"
    "> Wij leren van elkaar.\n\n"
    "Zie [de hoofdbevindingen](#hoofdbevindingen)."
)


@pytest.fixture
def written(cycle, coordinator, auditor, uitkeren, communicatie):
    ScoreFactory(cycle=cycle, unit=uitkeren, principle=klant(), level=2)
    ScoreFactory(cycle=cycle, unit=communicatie, principle=klant(), level=3)
    observe(auditor, cycle, uitkeren, text="Klantsignalen komen wekelijks op tafel.")
    recommend(auditor, cycle, uitkeren, title="Meet het effect van verbeteracties")
    write(cycle, coordinator, "dankwoord", text=INTRO)
    write(cycle, coordinator, "inleiding", text="### Aanleiding\n\nDe eerste eigen toets.")
    write(
        cycle,
        coordinator,
        "principe-klantgerichtheid-algemeen",
        text="Klantgerichtheid is UWV-breed *in opzet* aanwezig.",
        blocks=["principe_cijfers", "observaties", "aanbevelingen"],
    )
    return cycle


def _word(data: bytes):
    return Document(io.BytesIO(data))


def _word_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return " ".join(parts)


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_html_pdf_and_word_carry_the_same_headings_and_texts(written):
    report = build_uwv_report(written, status="Concept", version="0.3")
    html = render_uwv_report_html(report, for_pdf=False)
    document = _word(render_uwv_report_docx(report))
    pdf = " ".join(
        p.extract_text() for p in PdfReader(io.BytesIO(render_uwv_report_pdf(report))).pages
    )
    headings = [f"{h.number} {h.title}" for h in report.toc]
    word_headings = [
        p.text for p in document.paragraphs if p.style.name in ("Heading 1", "Heading 2")
    ]
    assert word_headings == headings
    html_headings = [
        _squash(strip_tags(h))
        for h in re.findall(r'<h[23] id="[^"]+" class="uwv-h[12]">(.*?)</h[23]>', html)
    ]
    assert html_headings == headings
    assert all(_squash(h) in _squash(pdf) for h in headings[:10])
    # The team's texts and the chosen blocks' texts, in all three.
    texts = [
        "Dit jaar toetsten wij voor het eerst zelf.",
        "1.2.1 Wat wij anders deden",
        "De eerste eigen toets.",
        "kruislings toetsen",
        "Wij leren van elkaar.",
        "Klantgerichtheid is UWV-breed in opzet aanwezig.",
        "Klantsignalen komen wekelijks op tafel.",
        "Meet het effect van verbeteracties",
        "UWV-breed is het gemiddelde niveau 2,50 (afgerond 3)",
    ]
    word_text = _squash(_word_text(document))
    html_text = _squash(strip_tags(html))
    for text in texts:
        assert text in html_text, text
        assert text in word_text, text
        assert text in _squash(pdf), text
    # A heading within a section is numbered under it; within a chapter's own text it is not.
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 3"] == [
        "Aanleiding",
        "1.2.1 Wat wij anders deden",
    ]
    for chapter in report.parts:
        for part in [chapter, *chapter.sections]:
            for line in markup.plain_text(tuple(part.content)).splitlines():
                assert _squash(re.sub(r"\[\d+\]", "", line)) in word_text


def test_footnotes_are_real_word_footnotes_and_the_chart_a_picture(written):
    report = build_uwv_report(written)
    data = render_uwv_report_docx(report)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        footnotes = package.read("word/footnotes.xml").decode()
        body = package.read("word/document.xml").decode()
    for note in report.footnotes:
        assert note.text[:40] in footnotes
    assert body.count("<w:footnoteReference") == len(report.footnotes)
    assert 'descr="Gemiddeld volwassenheidsniveau (1 Ad hoc – 5 Optimaliseren): ' in body
    assert 'w:anchor="hoofdbevindingen"' in body  # the team's link reaches the chapter
    assert "TOC \\o" in body  # Word's own table of contents


def test_the_coordination_team_downloads_the_concept_as_word(client, coordinator, written):
    client.force_login(coordinator)
    page = client.get(reverse("findings:uwv_report", args=[written.year])).content.decode()
    url = reverse("findings:uwv_report_docx", args=[written.year])
    assert f'href="{url}"' in page
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].endswith("wordprocessingml.document")
    assert "interne-toets-kms-2031-concept.docx" in response["Content-Disposition"]
    assert _word(response.content).paragraphs


@pytest.mark.parametrize("persona", ["board_member", "auditor", "unit_board", "outsider"])
def test_only_the_coordination_team_downloads_the_live_concept(client, request, written, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("findings:uwv_report_docx", args=[written.year])).status_code == 403


def _publish(coordinator, cycle, label, status="Concept") -> ReportVersion:
    version = services.report_version_publish(
        actor=coordinator, cycle=cycle, label=label, report_status=status
    )
    services.report_version_render(version_id=version.pk)
    version.refresh_from_db()
    return version


def test_a_published_version_keeps_its_word_file_beside_the_pdf(
    client, coordinator, board_member, outsider, written
):
    ready_for_definitive(cycle=written, coordinator=coordinator)
    version = _publish(coordinator, written, "1.0", "Definitief")
    with version.docx.storage.open(version.docx.name, "rb") as handle:
        stored = handle.read()
    assert hashlib.sha256(stored).hexdigest() == version.docx_sha256 != version.pdf_sha256
    assert version.docx_size == len(stored)
    # The RvB downloads it as it was published, even after the team edits the text.
    write(written, coordinator, "dankwoord", text="Een later dankwoord.")
    client.force_login(board_member)
    url = reverse("findings:report_version_docx", args=[written.year, "1.0"])
    response = client.get(url)
    assert response.status_code == 200
    assert response.content == stored
    assert response["X-Content-SHA256"] == version.docx_sha256
    assert "Een later dankwoord." not in _word_text(_word(response.content))
    detail = client.get(reverse("findings:report_version", args=[written.year, "1.0"]))
    assert f'href="{url}"' in detail.content.decode()
    client.force_login(outsider)
    assert client.get(url).status_code in (403, 404)


def test_an_altered_word_file_is_never_served(client, coordinator, written):
    version = _publish(coordinator, written, "0.1")
    with version.docx.storage.open(version.docx.name, "wb") as handle:
        handle.write(b"PK altered")
    client.force_login(coordinator)
    response = client.get(reverse("findings:report_version_docx", args=[written.year, "0.1"]))
    assert response.status_code == 500
    assert b"PK altered" not in response.content
