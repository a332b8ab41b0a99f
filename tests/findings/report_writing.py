"""Helpers of the report tests: the coordination team writing a chapter or section of the
UWV-wide report through the services (its structure stored first when needed)."""

from findings.models import ReportSection
from findings.services.report_structure import report_section_save, report_structure_start


def write(cycle, author, anchor: str, *, text: str | None = None, blocks=None, title=None):
    """Save the part with link address `anchor`: its text and/or its generated blocks (both
    kept as they are when not given). Returns the saved part."""
    if not ReportSection.objects.filter(cycle=cycle).exists():
        report_structure_start(actor=author, cycle=cycle)
    section = ReportSection.objects.get(cycle=cycle, anchor=anchor)
    return report_section_save(
        actor=author,
        section=section,
        title=title or section.title,
        text=section.text if text is None else text,
        blocks=list(section.blocks if blocks is None else blocks),
        not_applicable=section.not_applicable,
        expected_version=section.version,
    )
