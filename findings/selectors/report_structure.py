"""Reads of the structure of a cycle's UWV-wide report (issue 18): the chapters and sections the
coordination team keeps, or, while it has stored none, the structure it would start from (the
previous cycle's, else the default of `findings.report.uwv.structure`). Writes are in
findings.services.report_structure."""

from dataclasses import dataclass

from django.shortcuts import get_object_or_404

from audits.constants import InterviewStatus
from audits.models import AuditCycle
from findings.constants import DEFAULT_CHAPTER_10_TITLE, FindingKind
from findings.models import (
    Finding,
    ManagementResponse,
    Quote,
    Recommendation,
    ReportMaterial,
    ReportSection,
    Theme,
)
from findings.report.uwv.structure import (
    Part,
    default_structure,
    fitted_to_principles,
    parts_of_plans,
)
from findings.selectors.rollup import excluded_unit_ids
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


def report_section_get(*, cycle: AuditCycle, pk: int, withdrawn_too: bool = False) -> ReportSection:
    """A chapter or section of `cycle`'s report that is still in it (or, `withdrawn_too`, was:
    for a save the service then refuses with the reason); 404 otherwise."""
    manager = ReportSection.with_withdrawn if withdrawn_too else ReportSection.objects
    return get_object_or_404(
        manager.select_related("chapter", "edited_by", "approved_by", "updated_by"),
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


def materials_by_section(cycle: AuditCycle) -> dict[int, list[ReportMaterial]]:
    """section id → the material placed in it (withdrawn material left out), in order, with
    its unit. One query."""
    materials: dict[int, list[ReportMaterial]] = {}
    for material in (
        ReportMaterial.objects.filter(section__cycle=cycle)
        .select_related("unit")
        .order_by("section_id", "position", "id")
    ):
        materials.setdefault(material.section_id, []).append(material)
    return materials


@dataclass(frozen=True)
class MaterialCandidates:
    """What the team can pick for a section: the counted units' good practices, confirmed
    interview quotes, passages of their reports (findings) and submitted management responses,
    and for a UWV-level text the rode draden and unit recommendations it may rest on."""

    good_practices: list[Finding]
    quotes: list[Quote]
    findings: list[Finding]
    responses: list[ManagementResponse]
    themes: list[Theme]
    recommendations: list[Recommendation]


def material_candidates(cycle: AuditCycle) -> MaterialCandidates:
    """The material of `cycle` the team may pick; an excluded unit's is left out. Six queries."""
    excluded = excluded_unit_ids(cycle)
    findings = list(
        Finding.objects.filter(cycle=cycle)
        .exclude(unit_id__in=excluded)
        .select_related("unit", "principle")
        .order_by("unit__name", "principle__order", "id")
    )
    return MaterialCandidates(
        good_practices=[f for f in findings if f.kind == FindingKind.GOEDE_PRAKTIJK],
        quotes=list(
            Quote.objects.filter(cycle=cycle, interview__status=InterviewStatus.BEVESTIGD)
            .exclude(unit_id__in=excluded)
            .select_related("unit", "principle")
            .order_by("unit__name", "principle__order", "id")
        ),
        findings=findings,
        responses=list(
            ManagementResponse.objects.filter(unit_report__cycle=cycle, submitted_at__isnull=False)
            .exclude(unit_report__unit_id__in=excluded)
            .exclude(overall="")
            .select_related("unit_report__unit")
            .order_by("unit_report__unit__name")
        ),
        themes=list(Theme.objects.filter(cycle=cycle).order_by("title")),
        recommendations=list(
            Recommendation.objects.filter(cycle=cycle)
            .exclude(unit_id__in=excluded)
            .select_related("unit", "principle")
            .order_by("unit__name", "principle__order", "id")
        ),
    )


def section_materials(section: ReportSection) -> list[ReportMaterial]:
    """The material placed in `section`, in order, with its source and basis. Three queries."""
    return list(
        section.materials.select_related("unit", "finding", "quote", "response", "updated_by")
        .prefetch_related("themes", "recommendations")
        .order_by("position", "id")
    )


def report_material_get(
    *, section: ReportSection, pk: int, withdrawn_too: bool = False
) -> ReportMaterial:
    """Material placed in `section` (or, `withdrawn_too`, taken out: for a save the service
    then refuses with the reason); 404 otherwise."""
    manager = ReportMaterial.with_withdrawn if withdrawn_too else ReportMaterial.objects
    return get_object_or_404(manager.select_related("section"), section=section, pk=pk)
