"""Template tags for pages outside herstel that link to it (the navigation bar and the home page
live in the organisation core, which must not import herstel)."""

from django import template

from herstel.selectors.actions import sees_herstelacties

register = template.Library()


@register.simple_tag
def herstel_for(user) -> bool:
    """Whether the herstel pages are for `user`: Herstel-advisers, the RvB, SBK, and anyone who
    can see at least one herstelactie."""
    return sees_herstelacties(user)
