"""Template tags for pages outside audits that link to evidence (the home page lives in the
organisation core, which must not import audits)."""

from django import template

from audits.selectors.confirmations import awaiting_confirmation_count
from audits.selectors.evidence import board_evidence_cycles

register = template.Library()


@register.simple_tag
def evidence_cycles_of_board(user) -> list:
    """For a unit's board: the cycles in which its unit has evidence, newest first."""
    return board_evidence_cycles(user)


@register.simple_tag
def awaiting_confirmation_of(user) -> int:
    """How many interview records wait for `user`'s confirmation as a linked interviewee (one
    query per request, shared by the navigation bar and the home page)."""
    return awaiting_confirmation_count(user)
