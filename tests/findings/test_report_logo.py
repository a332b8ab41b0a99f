"""The organisation's logo on the cover of every report (issue 18): with REPORT_LOGO set to a
readable image, the PDFs of the UWV-wide, unit and maturity reports show it on the cover, tagged
as a figure with the alt text "Logo <organisation>", and both Word files have it as a picture with
that alt text; without a logo there is none; a missing or unusable file is left out with one
warning, never an error."""

import io
import logging

import pytest
from django.urls import reverse
from pypdf import PdfReader

from findings.report.uwv import build_uwv_report, render_uwv_report_pdf
from findings.report.uwv.word import render_uwv_report_docx
from tests.factories import ScoreFactory
from tests.findings.report_pdf_helpers import (
    pdf_figure_alts,
    pdf_images_per_page,
    tiny_png,
    word_cover_picture_alts,
    word_document,
)
from tests.findings.unit_reporting import klant, recommend


@pytest.fixture
def scored(cycle, auditor, uitkeren, communicatie):
    ScoreFactory(cycle=cycle, unit=uitkeren, principle=klant(), level=2)
    ScoreFactory(cycle=cycle, unit=communicatie, principle=klant(), level=3)
    recommend(auditor, cycle, uitkeren, title="Meet het effect van verbeteracties")
    return cycle


@pytest.fixture
def logo(settings, tmp_path):
    settings.REPORT_LOGO = str(tiny_png(tmp_path / "logo.png"))
    return settings.REPORT_LOGO


def test_the_uwv_report_pdf_and_word_show_the_logo_on_the_cover(scored, logo):
    report = build_uwv_report(scored, version="1.0")
    pdf = render_uwv_report_pdf(report)
    images = pdf_images_per_page(pdf)
    assert images[0] == 1  # the logo, on the cover
    assert sum(images[1:]) == 0  # and nowhere else
    assert pdf_figure_alts(pdf)[0] == "Logo UWV"
    root = PdfReader(io.BytesIO(pdf)).trailer["/Root"]
    assert root["/Lang"] == "nl" and root["/MarkInfo"]["/Marked"].value is True  # still PDF/UA
    document = word_document(render_uwv_report_docx(report))
    assert word_cover_picture_alts(document) == ["Logo UWV"]


def test_the_unit_and_maturity_pdfs_and_the_unit_word_file_show_it_too(
    client, coordinator, scored, uitkeren, logo
):
    client.force_login(coordinator)
    for name, args in (
        ("findings:unit_report_pdf", [scored.year, uitkeren.id]),
        ("findings:maturity_report_pdf", [scored.year]),
    ):
        response = client.get(reverse(name, args=args))
        assert response.status_code == 200, name
        assert pdf_images_per_page(response.content)[0] == 1, name
        assert "Logo UWV" in pdf_figure_alts(response.content), name
    response = client.get(reverse("findings:unit_report_docx", args=[scored.year, uitkeren.id]))
    assert response.status_code == 200
    assert word_cover_picture_alts(word_document(response.content)) == ["Logo UWV"]


def test_the_alt_text_names_the_configured_organisation(settings, scored, logo):
    settings.REPORT_ORGANISATION = "Gemeente Voorbeeld"
    report = build_uwv_report(scored)
    assert "Logo Gemeente Voorbeeld" in pdf_figure_alts(render_uwv_report_pdf(report))
    document = word_document(render_uwv_report_docx(report))
    assert word_cover_picture_alts(document) == ["Logo Gemeente Voorbeeld"]


def test_without_a_logo_there_is_none(settings, scored):
    settings.REPORT_LOGO = ""
    report = build_uwv_report(scored)
    pdf = render_uwv_report_pdf(report)
    assert sum(pdf_images_per_page(pdf)) == 0
    assert not [alt for alt in pdf_figure_alts(pdf) if str(alt).startswith("Logo")]
    assert word_cover_picture_alts(word_document(render_uwv_report_docx(report))) == []


@pytest.mark.parametrize("kind", ["missing", "folder", "not-an-image", "svg"])
def test_an_unusable_logo_is_left_out_with_one_warning(
    client, coordinator, settings, tmp_path, caplog, scored, uitkeren, kind
):
    path = tmp_path / "logo.png"
    if kind == "folder":
        path.mkdir()
    elif kind == "not-an-image":
        path.write_text("geen plaatje")
    elif kind == "svg":
        path = tmp_path / "logo.svg"
        path.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>')
    settings.REPORT_LOGO = str(path)
    client.force_login(coordinator)
    with caplog.at_level(logging.WARNING, logger="uwvkms.branding"):
        response = client.get(reverse("findings:unit_report_pdf", args=[scored.year, uitkeren.id]))
    assert response.status_code == 200
    assert sum(pdf_images_per_page(response.content)) == 0
    warnings = [r for r in caplog.records if r.name == "uwvkms.branding"]
    assert len(warnings) == 1
    assert str(path) in warnings[0].getMessage()
    with caplog.at_level(logging.WARNING, logger="uwvkms.branding"):
        response = client.get(reverse("findings:unit_report_docx", args=[scored.year, uitkeren.id]))
    assert response.status_code == 200
    assert word_cover_picture_alts(word_document(response.content)) == []
