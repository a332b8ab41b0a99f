"""Business rules of the audit's own evaluation (issue 21 §6): pure functions, no ORM."""

import datetime
from decimal import Decimal

from django.utils.translation import gettext as _

from audits.constants import HOURS_PER_WEEK_MAX, HOURS_TOTAL_MAX, CycleStatus, HoursKind


def weeks_in_year(year: int) -> int:
    """The number of ISO weeks of `year`: 53 when 28 December falls in week 53, else 52."""
    return datetime.date(year, 12, 28).isocalendar().week


def week_monday(year: int, week: int) -> datetime.date:
    """The Monday that starts ISO week `week` of `year`."""
    return datetime.date.fromisocalendar(year, week, 1)


def hours_problems(*, kind: str, hours: Decimal | None, week: int | None, year: int) -> list[str]:
    """Why hours as typed cannot be recorded for a cycle of `year` (empty: they can).

    Hours are more than 0 with at most two decimals. Weekly hours belong to a week of the
    cycle's own year (1 to 52 or 53, ISO weeks) and are at most 60 in a week; a total belongs
    to no week and is at most 2000 (a plausible year's work on one unit)."""
    problems = []
    if hours is None:
        problems.append(_("Vul het aantal uren in."))
    elif hours <= 0:
        problems.append(_("Het aantal uren moet groter zijn dan 0."))
    elif hours != hours.quantize(Decimal("0.01")):
        problems.append(_("Geef de uren met hoogstens twee decimalen."))
    if kind == HoursKind.WEEK:
        if week is None:
            problems.append(_("Kies de week."))
        elif not 1 <= week <= weeks_in_year(year):
            problems.append(
                _("Week %(week)s ligt niet in %(year)s (weken 1 tot en met %(last)s).")
                % {"week": week, "year": year, "last": weeks_in_year(year)}
            )
        if hours is not None and hours > HOURS_PER_WEEK_MAX:
            problems.append(
                _("Meer dan %(max)s uur in één week is niet aannemelijk.")
                % {"max": HOURS_PER_WEEK_MAX}
            )
    elif kind == HoursKind.TOTAL:
        if week is not None:
            problems.append(_("Een totaal hoort bij geen week."))
        if hours is not None and hours > HOURS_TOTAL_MAX:
            problems.append(
                _("Meer dan %(max)s uur voor één onderdeel is niet aannemelijk.")
                % {"max": HOURS_TOTAL_MAX}
            )
    else:
        problems.append(_("Kies per week of totaal."))
    return problems


def hours_kind_conflict(*, kind: str, recorded_kinds: set[str]) -> str | None:
    """Why hours of `kind` cannot be added beside those already recorded for the same unit
    (None: they can). One way per unit: weekly entries, or one total; mixing them would count
    the same hours twice."""
    if kind == HoursKind.TOTAL and HoursKind.WEEK in recorded_kinds:
        return _(
            "U heeft voor dit onderdeel al uren per week vastgelegd; die tellen samen op. "
            "Trek ze in als u liever één totaal opgeeft."
        )
    if kind == HoursKind.WEEK and HoursKind.TOTAL in recorded_kinds:
        return _(
            "U heeft voor dit onderdeel al een totaal vastgelegd. Pas dat totaal aan, of trek "
            "het in als u liever per week schrijft."
        )
    return None


def hours_closed_reason(status: str) -> str | None:
    """Why hours can no longer be recorded, corrected or withdrawn in a cycle in `status`
    (None: they can). Once the cycle is published its evaluation is done and the hours are
    final. (A withdrawn cycle is refused by `audits.services.locks.cycle_lock`.)"""
    if status == CycleStatus.GEPUBLICEERD:
        return _(
            "De toetscyclus is gepubliceerd: de uren liggen vast en kunnen niet meer worden "
            "vastgelegd, gecorrigeerd of ingetrokken."
        )
    return None


def hours_reminder_due(
    *,
    status: str,
    period_end: datetime.date | None,
    today: datetime.date,
    has_hours: bool,
) -> bool:
    """Whether an auditor is reminded to record the hours of an assignment (issue 21 §6): when
    fieldwork has ended (the day after the cycle's period end) and none are recorded, until the
    report is published (then the evaluation is done). Without a period set, no reminder."""
    return (
        not has_hours
        and period_end is not None
        and period_end < today
        and status != CycleStatus.GEPUBLICEERD
    )
