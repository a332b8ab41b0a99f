"""Template tags for pages outside findings that link to unit reports (the home page lives in
the organisation core, which must not import findings)."""

from django import template

from findings.selectors import board_unit_reports

register = template.Library()


@register.simple_tag
def unit_reports_of_board(user) -> list:
    """For a unit's board: (cycle, report) of its unit's reports it may read, newest first."""
    return board_unit_reports(user)
