from datetime import timedelta

from django import template

register = template.Library()


@register.filter
def timedelta_minutes(value: timedelta) -> int:
    """Whole minutes in a timedelta, rounded up (a lockout of 14.5 minutes reads as 15)."""
    seconds = int(value.total_seconds())
    return -(-seconds // 60)
