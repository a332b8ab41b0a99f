"""The demo's UWV-wide reports as a roll-up team writes them (issue 18), through the services only:
the structure started (the default, or the previous cycle's), chapters put in the order the team
wants, chapter 10 titled, the team's own text in every chapter and section (`demo.report_texts`),
the default generated blocks kept with every empty one declared "niet van toepassing", and then
the statuses: offered for review by the writer, akkoord by another team member (four eyes),
except the parts the texts leave for review or in concept. Idempotent: a cycle whose report has
its structure is left alone."""

from audits.models import AuditCycle
from demo.report_texts import ReportTexts
from findings.constants import SectionStatus
from findings.models import ReportSection
from findings.report.uwv import build_uwv_report
from findings.services.report_structure import (
    report_section_move,
    report_section_save,
    report_section_status_set,
    report_structure_start,
)
from uwvkms.models import User


def write_demo_report(
    *, cycle: AuditCycle, writer: User, reviewer: User, texts: ReportTexts, material=None
) -> bool:
    """Write `cycle`'s report with `texts`: `writer` writes and offers every part for review,
    `reviewer` gives the akkoord; `material` (a callable) places the chosen material first.
    Returns False (and writes nothing) when the report already
    has its structure."""
    if ReportSection.objects.filter(cycle=cycle).exists():
        return False
    report_structure_start(actor=writer, cycle=cycle)
    for anchor in texts.moved_up:
        report_section_move(actor=writer, section=_part(cycle, anchor), up=True)
    rows = list(ReportSection.objects.filter(cycle=cycle))
    unknown = (set(texts.texts) | set(texts.titles)) - {row.anchor for row in rows}
    if unknown:
        raise ValueError(f"Geen paragraaf met deze ankers: {sorted(unknown)}")
    if material is not None:
        # Placed before the statuses: material is content, its akkoord comes after.
        material(cycle=cycle, writer=writer)
    empty = _empty_blocks(cycle)
    rows = list(ReportSection.objects.filter(cycle=cycle))
    for row in rows:
        row = report_section_save(
            actor=writer,
            section=row,
            title=texts.titles.get(row.anchor, row.title),
            text=texts.texts.get(row.anchor, ""),
            blocks=row.blocks,
            not_applicable=empty.get(row.anchor, []),
            expected_version=row.version,
        )
        if row.anchor in texts.left_in_concept:
            continue
        row = report_section_status_set(
            actor=writer, section=row, status=SectionStatus.REVIEW, expected_version=row.version
        )
        if row.anchor in texts.left_for_review:
            continue
        report_section_status_set(
            actor=reviewer, section=row, status=SectionStatus.AKKOORD, expected_version=row.version
        )
    return True


def _part(cycle: AuditCycle, anchor: str) -> ReportSection:
    return ReportSection.objects.get(cycle=cycle, anchor=anchor)


def _empty_blocks(cycle: AuditCycle) -> dict[str, list[str]]:
    """Per chapter or section (by anchor) the chosen generated blocks with nothing to show."""
    return {
        part.heading.anchor: [block.key for block in part.blocks if block.empty]
        for chapter in build_uwv_report(cycle).parts
        for part in [chapter, *chapter.sections]
    }
