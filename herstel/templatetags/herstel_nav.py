"""Template tags for pages outside herstel that link to it (the navigation bar and the home page
live in the organisation core, which must not import herstel)."""

from django import template
from django.urls import reverse

from herstel.selectors.actions import sees_herstelacties
from herstel.selectors.improvements import improvements_entry_unit_id

register = template.Library()


@register.simple_tag
def herstel_for(user) -> bool:
    """Whether the herstel pages are for `user`: Herstel-advisers, the RvB, SBK, and anyone who
    can see at least one herstelactie."""
    return sees_herstelacties(user)


@register.simple_tag
def improvements_url_for(user) -> str:
    """Where `user` finds the improvement actions per business unit (audit follow-up and herstel
    control measures together): their own unit's list for a unit's board, the index of units
    for those who read every unit, "" for anyone else."""
    unit_id = improvements_entry_unit_id(user)
    if unit_id is False:
        return ""
    if unit_id is None:
        return reverse("herstel:improvements")
    return reverse("herstel:improvements_unit", kwargs={"unit_id": unit_id})
