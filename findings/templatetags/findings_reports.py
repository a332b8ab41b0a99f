"""Template tags for pages outside findings that show findings' state (the home page lives in
the organisation core and the cycle page in audits, which must not import findings)."""

from django import template

from findings.models import PublishState, ReportVersion
from findings.selectors import board_unit_reports

register = template.Library()


@register.simple_tag
def unit_reports_of_board(user) -> list:
    """For a unit's board: (cycle, report) of its unit's reports it may read, newest first."""
    return board_unit_reports(user)


@register.inclusion_tag("findings/publishing/cycle_status.html")
def report_versions_status(cycle) -> dict:
    """The cycle page's line about its report: the newest version and where it stands (queued,
    rendering, failed or published), and the newest published one. One query. For the
    coordination team, whose cycle page this is."""
    versions = list(
        ReportVersion.objects.filter(cycle=cycle)
        .only("label", "state", "report_status", "requested_at", "cycle_id")
        .order_by("-requested_at", "-id")
    )
    latest = versions[0] if versions else None
    published = next((v for v in versions if v.state == PublishState.DONE), None)
    return {"cycle": cycle, "latest": latest, "published": published}
