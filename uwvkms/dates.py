"""Plausible dates (issue 17): the rules every app applies to a date a person types, as pure
functions that return the Dutch instruction to show (None when the date is plausible). A
service raises it as a `ValidationError` on the field; the tables are in
`tests/uwvkms/test_dates.py`.

Messages say what to do ("Kies een datum …"), with the limit in a Dutch date, never why the
machine refused."""

import datetime

from django.utils.formats import date_format
from django.utils.translation import gettext as _


def dutch(day: datetime.date) -> str:
    """A date as people write it: 7 december 2026."""
    return date_format(day, "j F Y")


def not_in_future(value: datetime.date | None, *, today: datetime.date) -> str | None:
    """A date something happened (a decision, a measurement) is today or earlier."""
    if value is not None and value > today:
        return _("Kies een datum van vandaag (%(today)s) of eerder.") % {"today": dutch(today)}
    return None


def not_before(value: datetime.date | None, *, earliest: datetime.date, what: str) -> str | None:
    """A date is on or after `earliest`, the day of `what` (e.g. "de start van de
    herstelactie")."""
    if value is not None and value < earliest:
        return _("Kies een datum op of na %(what)s (%(date)s).") % {
            "what": what,
            "date": dutch(earliest),
        }
    return None


def happened_between(
    value: datetime.date | None, *, earliest: datetime.date, what: str, today: datetime.date
) -> str | None:
    """A date something happened: not in the future and not before `earliest`."""
    return not_in_future(value, today=today) or not_before(value, earliest=earliest, what=what)


# The fieldwork of a cycle lies in its year, or runs on into the next year's first quarter.
FIELDWORK_RUNS_ON_UNTIL = (3, 31)


def fieldwork_period_problems(
    start: datetime.date | None, end: datetime.date | None, *, year: int
) -> dict[str, str]:
    """The fieldwork period of the cycle of `year`: the start in `year`, the end after the
    start and no later than 31 March of the next year. Per field the instruction."""
    problems = {}
    if start is not None and start.year != year:
        problems["period_start"] = _("Kies een begin van het veldwerk in %(year)s.") % {
            "year": year
        }
    latest_end = datetime.date(year + 1, *FIELDWORK_RUNS_ON_UNTIL)
    if end is not None:
        if start is not None and end < start:
            problems["period_end"] = _("Kies een einde van het veldwerk na het begin.")
        elif end.year < year or end > latest_end:
            problems["period_end"] = _(
                "Kies een einde van het veldwerk in %(year)s of uiterlijk %(latest)s."
            ) % {"year": year, "latest": dutch(latest_end)}
    return problems
