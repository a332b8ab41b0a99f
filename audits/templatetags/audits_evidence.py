"""Template tags for pages outside audits that link to evidence (the home page lives in the
organisation core, which must not import audits)."""

from django import template

from audits.selectors.evidence import board_evidence_cycles

register = template.Library()


@register.simple_tag
def evidence_cycles_of_board(user) -> list:
    """For a unit's board: the cycles in which its unit has evidence, newest first."""
    return board_evidence_cycles(user)
