"""Bijlage 1 and 2 of the UWV-wide report read the reference data the coordination team keeps:
the levels' meanings, each principle's definition and "UWV specifiek", and Bijlage 2's
introduction — the same in the HTML and the Word document."""

import io
import re

from django.utils.html import strip_tags
from docx import Document

from audits.constants import ReferenceTextKey
from audits.services.reference import principle_texts_update, reference_text_update
from findings.report.uwv import build_uwv_report, render_uwv_report_html
from findings.report.uwv.word import render_uwv_report_docx
from maturity.models import LevelMeaning
from maturity.services.levels import level_meaning_update
from tests.factories import principle


def _texts(report) -> tuple[str, str]:
    """The report's text as HTML (tags stripped) and as Word, whitespace squashed."""
    html = strip_tags(render_uwv_report_html(report, for_pdf=False))
    document = Document(io.BytesIO(render_uwv_report_docx(report)))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return tuple(re.sub(r"\s+", " ", text) for text in (html, " ".join(parts)))


def test_bijlage_2_shows_the_edited_texts(cycle, coordinator):
    principle_texts_update(
        actor=coordinator,
        principle=principle("vakmanschap"),
        definition="Vakmensen maken het verschil.",
        uwv_specific="Bij UWV leert iedereen bij.\n\nOok leidinggevenden.",
        expected_version=1,
    )
    reference_text_update(
        actor=coordinator,
        key=ReferenceTextKey.PRINCIPLES_INTRODUCTION,
        text="Onze eigen inleiding.\n\nEén ISO-principe valt buiten de toets.",
        expected_version=1,
    )
    report = build_uwv_report(cycle)
    vakmanschap = next(p for p in report.all_principles if p.name == "Vakmanschap")
    assert vakmanschap.definition == ["Vakmensen maken het verschil."]
    assert vakmanschap.uwv_specific == ["Bij UWV leert iedereen bij.", "Ook leidinggevenden."]
    for text in _texts(report):
        assert "Vakmensen maken het verschil." in text
        assert "UWV specifiek: Bij UWV leert iedereen bij." in text
        assert "Ook leidinggevenden." in text
        assert "Onze eigen inleiding." in text
        assert "Eén ISO-principe valt buiten de toets." in text


def test_bijlage_2_shows_the_seeded_texts_of_every_principle(cycle):
    report = build_uwv_report(cycle)
    assert len(report.all_principles) == 8
    assert all(p.definition for p in report.all_principles)
    html, word = _texts(report)
    seeded = principle("procesbenadering").definition
    assert seeded in html
    assert seeded in word
    assert "buiten beschouwing" in html
    assert "buiten beschouwing" in word


def test_bijlage_1_shows_the_edited_meaning(cycle, coordinator):
    level_meaning_update(
        actor=coordinator,
        level_meaning=LevelMeaning.objects.get(level=5),
        name="Excelleren",
        meaning="Verbeteren gaat vanzelf.",
        expected_version=1,
    )
    report = build_uwv_report(cycle)
    assert report.generic_levels[4].label == "5 Excelleren"
    assert report.generic_levels[4].text == "Verbeteren gaat vanzelf."
    for text in _texts(report):
        assert "5 Excelleren" in text
        assert "Verbeteren gaat vanzelf." in text
