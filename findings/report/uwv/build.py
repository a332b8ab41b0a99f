"""Building the UWV-wide report of a cycle (DOMAIN.md §5, issue 18): the facts read once through
the apps' selectors, then the structure the coordination team keeps (chapters and sections with
its own text and the generated blocks it chose) walked in reading order, handing out chapter,
section and footnote numbers as they come. An excluded unit's material stays out of every block:
only the exclusion facts and their footnote name it."""

import dataclasses
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from audits.constants import ReferenceTextKey
from audits.models import AuditCycle, ManagementPrinciple
from audits.selectors import assessed_principle_ids_by_unit, exclusions_of, reference_text
from findings.constants import MaterialKind
from findings.report.uwv.blocks import BLOCKS
from findings.report.uwv.front import (
    attention_of,
    chart_of,
    maturity_lines_of,
    method_facts,
    threads_of,
    unit_statuses_of,
)
from findings.report.uwv.model import (
    BlockView,
    ExampleGroup,
    ExclusionItem,
    Footnote,
    Heading,
    MaterialView,
    Numbering,
    PartView,
    UwvReport,
)
from findings.report.uwv.principles import (
    items_by_principle,
    main_findings_of,
    principle_data,
    themes_of_recommendations,
)
from findings.report.uwv.responses import (
    appendices_of,
    counted_unit_reports,
    ratings_of,
    recognition_of,
)
from findings.report.uwv.structure import Part
from findings.report.uwv.texts import AUTHOR, front_matter_values, generated_footnotes
from findings.selectors.report_structure import materials_by_section, report_structure
from findings.selectors.rollup import BoardReference, rollup_board
from maturity.selectors import frameworks_of_cycle, level_meanings
from maturity.selectors import rollup_by_principle as maturity_rollup
from uwvkms import markup
from uwvkms.models import BusinessUnit


def build_uwv_report(
    cycle: AuditCycle,
    *,
    status: str = "Concept",
    version: str = "",
    generated_at: datetime | None = None,
    published_at: datetime | None = None,
) -> UwvReport:
    """The UWV-wide report of `cycle`. A constant number of queries, whatever the number of
    units, principles, findings and sections. Its date is the team's report date, or else the
    day of `published_at` (when the version was published), or else the day it is generated
    (the live concept)."""
    generated_at = generated_at or timezone.now()
    front = front_matter_values(cycle, dated=timezone.localdate(published_at or generated_at))
    # Read once, shared with the roll-up board and the appendices.
    every_principle = list(ManagementPrinciple.objects.order_by("order", "name"))
    in_cycle = set(cycle.principles.values_list("id", flat=True))
    principles = [p for p in every_principle if p.id in in_cycle]
    units = {u.id: u for u in BusinessUnit.objects.order_by("name")}
    exclusions = list(exclusions_of(cycle))
    excluded = {e.unit_id for e in exclusions}
    assessed_unit_ids = set(assessed_principle_ids_by_unit(cycle))
    counted_ids = sorted(assessed_unit_ids - excluded, key=lambda u: units[u].name)
    figures = maturity_rollup(cycle)
    board = rollup_board(
        cycle,
        reference=BoardReference(
            units=units,
            principles={p.id: p for p in every_principle},
            in_cycle=in_cycle,
            excluded=excluded,
        ),
    )
    items = items_by_principle(
        cycle, units=units, excluded=excluded, recommendations=board.recommendations
    )
    meanings = level_meanings()  # Bijlage 1, and a framework's empty level descriptors
    frameworks = {
        entry.principle.id: entry.framework
        for entry in frameworks_of_cycle(cycle, principles=principles, meanings=meanings)
    }
    themes_of_recommendation = themes_of_recommendations(board)
    data = {
        p.id: principle_data(
            p,
            figures=figures,
            items=items,
            frameworks=frameworks,
            units=units,
            themes_of_recommendation=themes_of_recommendation,
        )
        for p in principles
    }
    attention = attention_of(cycle, units=units, excluded=excluded, principles=principles)
    unit_reports = counted_unit_reports(cycle, excluded=excluded)
    structure, _stored = report_structure(cycle, principles=principles)
    materials = materials_by_section(cycle)

    facts = UwvReport(
        year=cycle.year,
        title=_("Interne Toets KMS %(year)s") % {"year": cycle.year},
        status=status,
        version=version,
        date=front.date,
        generated_at=generated_at,
        author=AUTHOR,
        addressees=front.addressees,
        toc=[],
        parts=[],
        principles_in_scope=[p.name for p in principles],
        units_assessed=[units[u].name for u in counted_ids],
        units_with_execution=sum(1 for u in counted_ids if units[u].has_execution_processes),
        units_without_execution=sum(1 for u in counted_ids if not units[u].has_execution_processes),
        exclusions=[ExclusionItem(unit=e.unit.name, reason=e.reason) for e in exclusions],
        **method_facts(cycle, excluded=excluded),
        unit_statuses=unit_statuses_of(unit_reports, units=units),
        thread_threshold=board.threshold,
        threads=threads_of(board),
        chart=chart_of(principles, figures),
        maturity=maturity_lines_of(principles, figures),
        attention=attention,
        main_findings=main_findings_of(board),
        recognition=recognition_of(cycle, excluded=excluded, board=board),
        **ratings_of(cycle, excluded=excluded),
        **appendices_of(
            principles=principles,
            every_principle=every_principle,
            frameworks=frameworks,
            meanings=meanings,
            introduction=reference_text(ReferenceTextKey.PRINCIPLES_INTRODUCTION),
        ),
    )
    return _walk(
        facts,
        structure,
        data=data,
        notes=generated_footnotes(exclusions),
        materials=materials,
        units=units,
        excluded=excluded,
    )


def _walk(
    facts: UwvReport, structure: list[Part], *, data: dict, notes: dict, **material
) -> UwvReport:
    """The report with its chapters in reading order: numbers for chapters, sections, headings
    within a section and footnotes, handed out as a reader meets them (WeasyPrint numbers the
    PDF's footnotes the same way)."""
    walker = _Walker(facts, data=data, notes=notes, **material)
    parts = [walker.chapter(part) for part in structure]
    return dataclasses.replace(
        facts,
        toc=walker.n.toc,
        parts=parts,
        main_findings=walker.main_findings,
        footnotes=walker.footnotes,
    )


class _Walker:
    def __init__(
        self, facts: UwvReport, *, data: dict, notes: dict, materials, units, excluded
    ) -> None:
        self.facts = facts
        self.materials = materials
        self.units = units
        self.excluded = excluded
        self.data = data
        self.notes = notes
        self.n = Numbering()
        self.appendices = 0
        self.footnotes: list[Footnote] = []
        self.noted: set[str] = set()
        self.main_findings = facts.main_findings
        self.placed = False

    def chapter(self, part: Part) -> PartView:
        if part.is_appendix:
            self.appendices += 1
            number = _("Bijlage %(n)s") % {"n": self.appendices}
            heading = self.n.chapter_heading(part.title, part.anchor, number=number)
        else:
            heading = self.n.chapter_heading(part.title, part.anchor)
        principle = self.data.get(part.principle_id)
        content, blocks = self._body(part, heading=heading, principle=principle)
        groups, materials = self._materials(part, heading=heading, content=content)
        placed = self._main_findings(part, level=2, prefix=heading.number)
        sections = [self.section(s, principle=principle) for s in part.sections]
        return PartView(
            heading=heading,
            text=part.text,
            content=content,
            blocks=blocks,
            status=part.status,
            principle=principle,
            main_findings=placed,
            sections=sections,
            is_appendix=part.is_appendix,
            example_groups=groups,
            materials=materials,
        )

    def section(self, part: Part, *, principle) -> PartView:
        heading = self.n.section_heading(part.title, part.anchor)
        content, blocks = self._body(part, heading=heading, principle=principle)
        groups, materials = self._materials(part, heading=heading, content=content)
        return PartView(
            heading=heading,
            text=part.text,
            content=content,
            blocks=blocks,
            status=part.status,
            principle=principle,
            main_findings=self._main_findings(part, level=3, prefix=heading.number),
            sections=[],
            example_groups=groups,
            materials=materials,
        )

    def _body(self, part: Part, *, heading: Heading, principle):
        content = markup.parse(part.text)
        # "<address>--<n>": no section's own link address ends so (`report_section_add`).
        content = markup.number_headings(
            content, prefix=heading.number, anchor_prefix=f"{heading.anchor}-"
        )
        if heading.level == 1 or not heading.number:
            # A heading in a chapter's own text (or an appendix's) gets no number: 1.1 is the
            # chapter's first section.
            content = tuple(
                dataclasses.replace(b, number="") if b.kind == markup.HEADING else b
                for b in content
            )
        content, _next = markup.number_footnotes(content, start=len(self.footnotes) + 1)
        self.footnotes += [
            Footnote(number=note.number, text=note.text) for note in markup.footnotes(content)
        ]
        blocks = []
        for key in part.blocks:
            kind = BLOCKS.get(key)
            if kind is None or (kind.needs_principle and principle is None):
                continue
            empty = kind.is_empty(self.facts, principle)
            footnote = None
            note_key = kind.footnote
            if note_key == "basic" and not (principle and principle.is_basic):
                note_key = ""  # only Basic Kwaliteitsmanagement's figures explain the Basics
            if note_key and not empty and note_key not in self.noted and self.notes.get(note_key):
                self.noted.add(note_key)
                footnote = Footnote(number=len(self.footnotes) + 1, text=self.notes[note_key])
                self.footnotes.append(footnote)
            blocks.append(
                BlockView(
                    key=key,
                    label=str(kind.label),
                    empty=empty,
                    not_applicable=key in part.not_applicable,
                    footnote=footnote,
                )
            )
        return list(content), blocks

    def _materials(self, part: Part, *, heading: Heading, content):
        """The part's good examples in their groups (with, then without execution processes,
        each under a heading numbered after the text's own headings) and its other material;
        an excluded unit's material left out."""
        rows = [
            m
            for m in self.materials.get(part.row_id, [])
            if m.unit_id is None or m.unit_id not in self.excluded
        ]
        views = {
            m.pk: MaterialView(
                kind=m.kind,
                unit=m.unit.name if m.unit_id else "",
                title=m.title,
                text=m.text,
                source=m.source_text if m.kind == MaterialKind.VOORBEELD else "",
            )
            for m in rows
        }
        groups = []
        numbered = sum(1 for b in content if b.kind == markup.HEADING)
        for execution, title in (
            (True, _("Goede voorbeelden mét uitvoeringsprocessen")),
            (False, _("Goede voorbeelden zonder uitvoeringsprocessen")),
        ):
            examples = [
                views[m.pk]
                for m in rows
                if m.kind == MaterialKind.VOORBEELD
                and self.units[m.unit_id].has_execution_processes == execution
            ]
            if examples:
                numbered += 1
                number = (
                    f"{heading.number}.{numbered}" if heading.level == 2 and heading.number else ""
                )
                groups.append(
                    ExampleGroup(
                        heading=Heading(
                            number=number,
                            title=title,
                            anchor=f"{heading.anchor}--voorbeelden-{'met' if execution else 'zonder'}",
                            level=3,
                        ),
                        examples=examples,
                    )
                )
        others = [views[m.pk] for m in rows if m.kind != MaterialKind.VOORBEELD]
        return groups, others

    def _main_findings(self, part: Part, *, level: int, prefix: str) -> list:
        """The hoofdbevindingen, numbered as sections (or headings within a section) where the
        team placed them, once."""
        if self.placed or "hoofdbevindingen_uitgewerkt" not in part.blocks:
            return []
        self.placed = True
        placed = []
        for item in self.main_findings:
            if level == 2:
                heading = self.n.section_heading(item.heading.title, item.heading.anchor)
            else:
                heading = Heading(
                    number="", title=item.heading.title, anchor=item.heading.anchor, level=3
                )
            placed.append(dataclasses.replace(item, heading=heading))
        self.main_findings = placed
        return placed
