"""Reads of the UWV-wide report's front matter (DOMAIN.md §5) and its history. Writes are in
findings.services.narratives."""

from audits.models import AuditCycle
from findings.models import ReportFrontMatter
from uwvkms.selectors import history_for


def front_matter_of(cycle: AuditCycle) -> ReportFrontMatter | None:
    """The report's front matter the team keeps for `cycle` (date, addressees, chapter 10's
    title), with who last changed it; None while the report uses the defaults. One query."""
    return ReportFrontMatter.objects.filter(cycle=cycle).select_related("updated_by").first()


def front_matter_history(front: ReportFrontMatter | None) -> list:
    """The recorded changes of the front matter, newest first."""
    if front is None or front.pk is None:
        return []
    return history_for(front)
