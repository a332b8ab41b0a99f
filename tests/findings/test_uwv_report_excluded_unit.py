"""An excluded unit appears nowhere in the UWV-wide report (DOMAIN.md §2 and §5, issue 18): with
material everywhere (scores, findings, good practices, a recommendation in a rode draad, a quote,
a district draw, evidence, an agreed report and a submitted management response), the unit is
named only in the exclusion facts and their footnote, in the page, the print HTML, the PDF and
the data stored with a published version, with every generated block placed in the report; its
answers are not counted, and no unit's full management response is printed."""

import io
import json
import re

import pytest
from django.utils.html import escape
from pypdf import PdfReader

from audits.models import AssessedPrinciple
from audits.services.cycles import unit_exclude
from findings.constants import UnitReportStatus
from findings.report.uwv import build_uwv_report, render_uwv_report_html, render_uwv_report_pdf
from findings.services import quote_create
from findings.services.rollup import rollup_threshold_set, theme_create, theme_recommendations_add
from tests.factories import (
    AssignmentFactory,
    AuditRatingFactory,
    BusinessUnitFactory,
    DistrictFactory,
    DocumentCheckFactory,
    ScoreFactory,
    UserFactory,
    draw_places,
)
from tests.findings.unit_reporting import (
    agree,
    confirmed_interview,
    klant,
    move,
    observe,
    ok,
    recommend,
    respond,
)
from uwvkms.constants import Role

REASON = "Reorganisatie van de keten liep tijdens het veldwerk."
# Every text of the excluded unit carries this marker; none may reach the report.
MARKER = "CICT"
UNIT_TEXTS = [
    "CICT-observatie: wijzigingen lopen via het CAB.",
    "CICT-praktijk: een wekelijkse storingsreview.",
    "CICT-aanbeveling over de ketenafspraken",
    "CICT-toelichting: leg de ketenafspraken vast.",
    "CICT-citaat: we leren van elke storing.",
    "CICT-reactie: de directie herkent zich niet in het beeld.",
    "Directie CICT-overleg",
    "Rekencentrum Noord",
]


@pytest.fixture
def cict(db):
    return BusinessUnitFactory(name="C-ICT", abbreviation="CI", execution=True)


@pytest.fixture
def excluded(cycle, coordinator, auditor, unit_board, uitkeren, communicatie, cict):
    """A cycle in which C-ICT has material in every chapter, then is excluded; Uitkeren and
    Communicatie count."""
    for p in (klant(), ok()):
        AssessedPrinciple.objects.create(cycle=cycle, unit=cict, principle=p)
    AssignmentFactory(cycle=cycle, unit=cict, auditor=auditor)
    # C-ICT would be the best example (level 5) and an area of attention (level 1).
    ScoreFactory(cycle=cycle, unit=cict, principle=klant(), level=5)
    ScoreFactory(cycle=cycle, unit=cict, principle=ok(), level=1)
    ScoreFactory(cycle=cycle, unit=uitkeren, principle=klant(), level=3)
    ScoreFactory(cycle=cycle, unit=communicatie, principle=klant(), level=2)
    observe(auditor, cycle, cict, text=UNIT_TEXTS[0])
    observe(auditor, cycle, cict, text=UNIT_TEXTS[1], kind="goede_praktijk")
    cict_recommendation = recommend(auditor, cycle, cict, title=UNIT_TEXTS[2], text=UNIT_TEXTS[3])
    uitkeren_recommendation = recommend(auditor, cycle, uitkeren, title="Meet het effect")
    communicatie_recommendation = recommend(auditor, cycle, communicatie, title="Meet vaker")
    # Evidence: a drawn place, a confirmed interview held there, a quote from it, a document.
    place = DistrictFactory(cycle=cycle, unit=cict, name=UNIT_TEXTS[7])
    draw_places(place)
    interview = confirmed_interview(cycle, cict, location=place)
    quote_create(
        actor=auditor,
        cycle=cycle,
        unit=cict,
        principle=klant(),
        interview=interview,
        text=UNIT_TEXTS[4],
    )
    DocumentCheckFactory(cycle=cycle, unit=cict, geleverd=True)
    DocumentCheckFactory(cycle=cycle, unit=uitkeren, geleverd=True)
    amsterdam = DistrictFactory(cycle=cycle, unit=uitkeren, name="Amsterdam")
    draw_places(amsterdam)
    confirmed_interview(cycle, uitkeren, location=amsterdam)
    # A rode draad over the three units.
    rollup_threshold_set(actor=coordinator, cycle=cycle, threshold=2)
    theme = theme_create(actor=coordinator, cycle=cycle, title="Ketenafspraken")
    theme_recommendations_add(
        actor=coordinator,
        theme=theme,
        recommendations=[
            cict_recommendation,
            uitkeren_recommendation,
            communicatie_recommendation,
        ],
    )
    # Both boards answer their agreed reports.
    move(coordinator, cycle, cict, UnitReportStatus.AFGESTEMD, agreed_with=UNIT_TEXTS[6])
    cict_board = UserFactory(username="directie.cict", business_unit=cict, roles=[Role.DIRECTIE])
    respond(cict_board, cycle, cict, {cict_recommendation: "niet_herkend"}, overall=UNIT_TEXTS[5])
    agree(coordinator, cycle, uitkeren)
    respond(unit_board, cycle, uitkeren, {uitkeren_recommendation: "herkend"})
    # The audit's own rating: one at Uitkeren, one given at C-ICT.
    AuditRatingFactory(cycle=cycle, unit=uitkeren, rater_role="getoetste", rating=8)
    AuditRatingFactory(cycle=cycle, unit=cict, rater_role="getoetste", rating=2)
    unit_exclude(actor=coordinator, cycle=cycle, unit=cict, reason=REASON)
    _every_block_shown(cycle, coordinator)
    return cycle


def _every_block_shown(cycle, coordinator) -> None:
    """The team places every generated block: the general ones in the scope section, each
    principle's in its chapter's first section, so every chapter reads the unit's material."""
    from findings.models import ReportSection  # noqa: PLC0415
    from findings.report.uwv.blocks import BLOCKS  # noqa: PLC0415
    from findings.services.report_structure import (  # noqa: PLC0415
        report_section_save,
        report_structure_start,
    )

    report_structure_start(actor=coordinator, cycle=cycle)
    general = [key for key, kind in BLOCKS.items() if not kind.needs_principle]
    per_principle = [key for key, kind in BLOCKS.items() if kind.needs_principle]
    targets = [(ReportSection.objects.get(cycle=cycle, anchor="scope"), general)]
    for chapter in ReportSection.objects.filter(cycle=cycle, principle__isnull=False):
        targets.append((chapter.sections.order_by("position").first(), per_principle))
    for section, blocks in targets:
        report_section_save(
            actor=coordinator,
            section=section,
            title=section.title,
            text="",
            blocks=blocks,
            not_applicable=[],
            expected_version=section.version,
        )


def _exclusion_note(report):
    return next(n for n in report.footnotes if n.text.startswith("Niet meegeteld"))


def _allowed(report, html: str) -> str:
    """`html` without the two places that may name the excluded unit: the exclusion facts and
    the footnote."""
    html = html.replace(f"<li><strong>C-ICT</strong>: {escape(REASON)}</li>", "", 1)
    return html.replace(escape(_exclusion_note(report).text), "")


@pytest.mark.parametrize("for_pdf", [False, True])
def test_the_html_names_the_unit_only_as_excluded(excluded, for_pdf):
    report = build_uwv_report(excluded)
    html = render_uwv_report_html(report, for_pdf=for_pdf)
    assert html.count(f"<li><strong>C-ICT</strong>: {escape(REASON)}</li>") == 1
    assert escape(_exclusion_note(report).text) in html
    assert "C-ICT" in _exclusion_note(report).text
    rest = _allowed(report, html)
    assert "C-ICT" not in rest
    assert MARKER not in html
    for text in UNIT_TEXTS:
        assert escape(text) not in html, text
    # The counted units' material is still there, in every block.
    assert "Meet het effect" in html
    assert "Herkenning van de aanbevelingen" in html
    assert "Amsterdam" in html


def test_the_data_names_the_unit_only_as_excluded(excluded):
    report = build_uwv_report(excluded)
    data = report.snapshot()
    assert [e["unit"] for e in data.pop("exclusions")] == ["C-ICT"]
    notes = data.pop("footnotes")
    assert [n["number"] for n in notes if "C-ICT" in n["text"]] == [1]
    # A block carries its footnote too: the one place besides the list.
    for part in data["parts"]:
        for section in [part, *part["sections"]]:
            for block in section["blocks"]:
                if block["footnote"] and "C-ICT" in block["footnote"]["text"]:
                    block["footnote"] = None
    text = json.dumps(data, ensure_ascii=False)
    assert "C-ICT" not in text
    assert MARKER not in text


def test_chapter_ten_counts_only_the_counted_units_answers(excluded):
    report = build_uwv_report(excluded)
    # Uitkeren's recommendation is herkend, Communicatie's unanswered; C-ICT's niet herkend
    # answer and its recommendation count nowhere.
    recognition = report.recognition
    assert (recognition.herkend, recognition.deels, recognition.niet) == (1, 0, 0)
    assert recognition.unanswered == 1
    # The rating given at C-ICT does not count either.
    assert (report.rating_count, report.rating_average) == (1, "8,0")


def test_the_method_facts_leave_the_units_evidence_out(excluded):
    report = build_uwv_report(excluded)
    assert (report.documents_checked, report.documents_delivered) == (1, 1)
    assert (report.interviews_held, report.interviews_confirmed) == (1, 1)
    assert [d.unit for d in report.draws] == ["Uitkeren"]
    assert [s.unit for s in report.unit_statuses] == ["Communicatie", "Uitkeren"]
    assert all("C-ICT" not in area.units for area in report.attention)
    assert all("C-ICT" not in thread.units for thread in report.threads)


def test_the_pdf_names_the_unit_only_as_excluded(excluded):
    report = build_uwv_report(excluded)
    pdf = render_uwv_report_pdf(report)
    # Line breaks fall anywhere (even inside "C-ICT"): compare without whitespace.
    text = re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))
    assert text.count("C-ICT") == 2  # the exclusion facts and their footnote
    assert MARKER not in text
    for unit_text in UNIT_TEXTS:
        assert re.sub(r"\s+", "", unit_text) not in text, unit_text
