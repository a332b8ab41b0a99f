"""How the app writes a moment for people: in local time (Europe/Amsterdam) and the Dutch date
format, never UTC. Templates get this from Django's `date` filter; text built in Python (a
conflict message, a history line) gets it here. `formats.date_format` alone would print the
stored UTC time."""

import datetime

from django.utils import formats, timezone


def local_datetime(value: datetime.datetime) -> str:
    """E.g. "7 december 2026 00:30" for 23:30 UTC on 6 December."""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return formats.date_format(value, "DATETIME_FORMAT")
