"""Reads of the structure of a cycle's UWV-wide report (issue 18): the chapters and sections the
coordination team keeps, or, while it has stored none, the structure it would start from (the
previous cycle's, else the default of `findings.report.uwv.structure`). Writes are in
findings.services.report_structure."""

from django.shortcuts import get_object_or_404

from audits.models import AuditCycle
from findings.constants import DEFAULT_CHAPTER_10_TITLE
from findings.models import ReportSection
from findings.report.uwv.structure import (
    Part,
    default_structure,
    fitted_to_principles,
    parts_of_plans,
)
from uwvkms.selectors import history_for


def stored_sections(cycle: AuditCycle) -> list[ReportSection]:
    """The stored chapters and sections of `cycle`'s report (withdrawn ones left out), chapters
    and their sections each by position, with who edited and approved them. One query."""
    return list(
        ReportSection.objects.filter(cycle=cycle)
        .select_related("edited_by", "approved_by", "updated_by")
        .order_by("position", "id")
    )


def parts_of_rows(rows: list[ReportSection]) -> list[Part]:
    """Stored rows as parts: chapters in order, each with its sections in order. A section
    whose chapter is withdrawn is left out with it."""
    sections: dict[int, list[ReportSection]] = {}
    for row in rows:
        if row.chapter_id is not None:
            sections.setdefault(row.chapter_id, []).append(row)

    def part(row, children=()):
        return Part(
            title=row.title,
            anchor=row.anchor,
            blocks=tuple(row.blocks),
            not_applicable=tuple(row.not_applicable),
            text=row.text,
            status=row.status,
            principle_id=row.principle_id,
            is_appendix=row.is_appendix,
            sections=tuple(part(child) for child in children),
            row_id=row.pk,
        )

    return [part(row, sections.get(row.pk, [])) for row in rows if row.chapter_id is None]


def previous_structure_cycle(cycle: AuditCycle) -> AuditCycle | None:
    """The latest earlier cycle whose report has a stored structure. One query."""
    return (
        AuditCycle.objects.filter(year__lt=cycle.year, report_sections__isnull=False)
        .order_by("-year")
        .distinct()
        .first()
    )


def starting_structure(cycle: AuditCycle, *, principles) -> tuple[list[Part], AuditCycle | None]:
    """The structure `cycle`'s report starts from: the previous cycle's (titles, blocks and
    order, never its texts or statuses), fitted to this cycle's principles, or else the
    default; with the cycle it came from (None: the default)."""
    previous = previous_structure_cycle(cycle)
    if previous is not None:
        parts = [_blank(p) for p in parts_of_rows(stored_sections(previous))]
        return fitted_to_principles(parts, principles), previous
    plans = default_structure(principles, chapter_10_title=str(DEFAULT_CHAPTER_10_TITLE))
    return parts_of_plans(plans), None


def _blank(part: Part) -> Part:
    return Part(
        title=part.title,
        anchor=part.anchor,
        blocks=part.blocks,
        principle_id=part.principle_id,
        is_appendix=part.is_appendix,
        sections=tuple(_blank(s) for s in part.sections),
    )


def report_structure(cycle: AuditCycle, *, principles) -> tuple[list[Part], bool]:
    """The structure `cycle`'s report is built from, fitted to its `principles`, and whether it
    is stored (False: the structure it would start from). One query when stored."""
    rows = stored_sections(cycle)
    if rows:
        return fitted_to_principles(parts_of_rows(rows), principles), True
    parts, _source = starting_structure(cycle, principles=principles)
    return parts, False


def section_history(section: ReportSection) -> list:
    """The recorded changes of a chapter or section, newest first."""
    return history_for(section)


def report_section_get(*, cycle: AuditCycle, pk: int) -> ReportSection:
    """A chapter or section of `cycle`'s report that is still in it; 404 otherwise."""
    return get_object_or_404(
        ReportSection.objects.select_related("chapter", "edited_by", "approved_by", "updated_by"),
        cycle=cycle,
        pk=pk,
    )


def anchors_of(cycle: AuditCycle) -> list[tuple[str, str]]:
    """(link address, title) of every chapter and section of `cycle`'s report, for the writer's
    links. One query."""
    return list(
        ReportSection.objects.filter(cycle=cycle)
        .order_by("chapter__position", "chapter_id", "position")
        .values_list("anchor", "title")
    )
