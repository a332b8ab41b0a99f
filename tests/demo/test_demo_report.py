"""The demo's UWV-wide reports written as a roll-up team would (issue 18): 2023 follows the 2023
report's table of contents with the team's own text in every part (statuses showing the four-eyes
workflow), 2022 is written, approved and published Definitief."""

from audits.models import AuditCycle
from demo.report_texts import CHAPTER_10_TITLE, CONTAINERS
from findings.constants import SectionStatus
from findings.models import ReportSection, ReportVersion
from findings.report.uwv import build_uwv_report
from findings.selectors.publishing import publish_refusal, report_content_gaps
from tests.findings.test_report_structure import TOC_2023
from uwvkms import markup
from uwvkms.models import User


def _cycle(year):
    return AuditCycle.objects.get(year=year)


def test_the_2023_demo_report_has_the_table_of_contents_of_the_2023_report(demo_data, db):
    """The demo cycle assesses Basic Kwaliteitsmanagement too, so chapter 9 is there. Two
    differences with TOC_2023 (a cycle without a roll-up, the default chapter 10 title), both as
    in the 2023 report itself: the demo's two hoofdbevindingen are sections 5.1 and 5.2, and
    chapter 10 carries FEZ's reflection in its title."""
    expected = []
    for number, title in TOC_2023:
        if number == "10":
            title = CHAPTER_10_TITLE
        expected.append((number, title))
        if number == "5":
            expected += [
                ("5.1", "Hoofdbevinding 1: Van uitvoering naar effect"),
                ("5.2", "Hoofdbevinding 2: Samenwerken in de keten"),
            ]
    toc = [(h.number, h.title) for h in build_uwv_report(_cycle(2023)).toc]
    assert toc == expected


def test_every_part_of_the_demo_reports_has_the_teams_text(demo_data, db):
    """Every chapter and section has text of its own, except the pure containers: chapters
    whose counterpart in the 2023 report opens straight with its first section."""
    for year in (2023, 2022):
        rows = list(ReportSection.objects.filter(cycle=_cycle(year)))
        assert len(rows) > 30 if year == 2023 else len(rows) > 20
        without_text = {row.anchor for row in rows if not row.text.strip()}
        assert without_text <= CONTAINERS, (year, without_text - CONTAINERS)
        for anchor in without_text:
            chapter = next(row for row in rows if row.anchor == anchor)
            assert chapter.chapter_id is None
            sections = [row for row in rows if row.chapter_id == chapter.pk]
            assert sections and all(row.text.strip() for row in sections)
        # The excluded unit's material stays out of the report: only the generated scope
        # footnote names it.
        assert not any("C-ICT" in row.text for row in rows)


def test_the_2023_demo_report_shows_the_four_eyes_workflow(demo_data, db):
    cycle = _cycle(2023)
    writer = User.objects.get(username="coordinatie")
    reviewer = User.objects.get(username="coordinatie2")
    rows = ReportSection.objects.filter(cycle=cycle)
    statuses = {row.anchor: row.status for row in rows}
    assert {a for a, s in statuses.items() if s == SectionStatus.REVIEW} == {
        "aandachtsgebieden",
        "principe-operationele-kwaliteit-normen",
    }
    assert [a for a, s in statuses.items() if s == SectionStatus.CONCEPT] == [
        "principe-sturen-verantwoorden-samenwerking"
    ]
    approved = rows.filter(status=SectionStatus.AKKOORD)
    assert approved.count() == len(statuses) - 3
    assert set(approved.values_list("edited_by", "approved_by")) == {(writer.pk, reviewer.pk)}
    # Sturen en verantwoorden before Operationele Kwaliteit, as in 2023's report.
    titles = [h.title for h in build_uwv_report(cycle).toc if h.level == 1]
    assert titles[5:8] == ["Klantgerichtheid", "Sturen en verantwoorden", "Operationele Kwaliteit"]
    # So 2023 cannot be published Definitief yet: only the three missing akkoords hold it up
    # (every empty block is declared niet van toepassing).
    gaps = report_content_gaps(cycle)
    assert len(gaps) == 3 and all("nog geen akkoord" in gap for gap in gaps)
    assert publish_refusal(cycle=cycle, label="3.0", report_status="Definitief")
    assert not ReportVersion.objects.filter(cycle=cycle, report_status="Definitief").exists()


def test_2022_is_written_approved_and_published_definitief(demo_data, db):
    cycle = _cycle(2022)
    assert report_content_gaps(cycle) == []
    rows = ReportSection.objects.filter(cycle=cycle)
    assert rows.exists() and not rows.exclude(status=SectionStatus.AKKOORD).exists()
    # The empty blocks (no roll-up, no fieldwork records in 2022) are declared, not removed.
    assert rows.get(anchor="hoofdbevindingen").not_applicable == ["hoofdbevindingen_uitgewerkt"]
    version = ReportVersion.objects.get(cycle=cycle, label="2.0")
    assert (version.report_status, version.state) == ("Definitief", "done")
    assert any(h["title"] == CHAPTER_10_TITLE for h in version.snapshot["toc"])


def test_the_demo_text_has_footnotes_headings_lists_a_quote_and_links(demo_data, db):
    report = build_uwv_report(_cycle(2023))
    generated = {"Het gemiddelde", "Niet meegeteld", "De Basics zijn UWV-brede"}
    own = [f.text for f in report.footnotes if not f.text.startswith(tuple(generated))]
    assert len(own) >= 5
    assert any(text.startswith("OGSM") for text in own)
    assert any("isicoleiderschap" in text for text in own)
    sections = [s for chapter in report.parts for s in chapter.sections]
    general = next(s for s in sections if s.heading.anchor == "principe-klantgerichtheid-algemeen")
    headings = [b for b in general.content if b.kind == markup.HEADING]
    assert [(h.number, "".join(i.text for i in h.inlines)) for h in headings] == [
        ("6.1.1", "UWV-brede benadering van cliënten"),
        ("6.1.2", "Structuur in meten en indicatoren"),
    ]
    assert any(b.kind == markup.QUOTE for b in general.content)
    assert "Uit het rapport van Uitkeren" in general.text
    every = [b for part in [*report.parts, *sections] for b in part.content]
    assert sum(b.kind == markup.BULLETS for b in every) >= 2
    links = {
        i.target
        for b in every
        for line in (b.inlines, *b.items)
        for i in line
        if i.kind == markup.LINK
    }
    assert "hoofdbevindingen" in links


def test_the_2023_demo_report_carries_the_teams_chosen_material(demo_data, db):
    """Good examples with and without execution processes, quotes from the three sources, and
    a UWV-level recommendation with what it rests on."""
    from findings.models import ReportMaterial

    report = build_uwv_report(_cycle(2023))
    examples = next(
        s for c in report.parts for s in c.sections if s.heading.anchor == "goede-voorbeelden"
    )
    assert [g.heading.title for g in examples.example_groups] == [
        "Goede voorbeelden mét uitvoeringsprocessen",
        "Goede voorbeelden zonder uitvoeringsprocessen",
    ]
    assert all(len(g.examples) == 2 for g in examples.example_groups)
    quotes = ReportMaterial.objects.filter(section__cycle=_cycle(2023), kind="citaat")
    assert {
        "quote" if q.quote_id else "finding" if q.finding_id else "response" for q in quotes
    } == {"quote", "finding", "response"}
    recommendation = ReportMaterial.objects.get(section__cycle=_cycle(2023), kind="aanbeveling")
    assert recommendation.themes.exists() and recommendation.recommendations.exists()
