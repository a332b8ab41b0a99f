"""Reads of the narrative sections of the UWV-wide report (DOMAIN.md §5): the coordination
team's own text per cycle and section, and a section's history. Writes are in
findings.services.narratives."""

from audits.models import AuditCycle
from findings.models import ReportFrontMatter, ReportNarrative
from uwvkms.selectors import audit_events_for


def narrative_texts(cycle: AuditCycle) -> dict[str, str]:
    """section key → the team's stored text for `cycle` (sections without a row are absent, the
    report then uses its generated default). One query."""
    return dict(
        ReportNarrative.objects.filter(cycle=cycle).exclude(text="").values_list("key", "text")
    )


def narratives_of(cycle: AuditCycle) -> dict[str, ReportNarrative]:
    """section key → the stored narrative with who last changed it. One query."""
    return {
        n.key: n for n in ReportNarrative.objects.filter(cycle=cycle).select_related("updated_by")
    }


def narrative_history(narrative: ReportNarrative | None) -> list:
    """The recorded changes of a section, newest first."""
    if narrative is None or narrative.pk is None:
        return []
    return list(audit_events_for(narrative))


def front_matter_of(cycle: AuditCycle) -> ReportFrontMatter | None:
    """The report's front matter the team keeps for `cycle` (date, addressees, chapter 10's
    title), with who last changed it; None while the report uses the defaults. One query."""
    return ReportFrontMatter.objects.filter(cycle=cycle).select_related("updated_by").first()


def front_matter_history(front: ReportFrontMatter | None) -> list:
    """The recorded changes of the front matter, newest first."""
    if front is None or front.pk is None:
        return []
    return list(audit_events_for(front))
