"""The hours the auditors spent per unit, beside the audit's rating (issue 21 §6): for the
coordination team, with an XLSX export. Thin: the totals come from `audits.selectors`."""

from django.shortcuts import render
from django.utils.translation import gettext as _

from audits.constants import HoursKind
from audits.selectors import cycle_get_for_coordinator, hours_totals
from findings.selectors.ratings import rating_summary
from uwvkms.exports import XLSX_CONTENT_TYPE, attachment, to_xlsx


def hours_summary(request, year: int):
    cycle = cycle_get_for_coordinator(user=request.user, year=year)
    return render(
        request,
        "findings/ratings/hours.html",
        {
            "cycle": cycle,
            "totals": hours_totals(cycle),
            "rating": rating_summary(cycle, with_comments=False),
        },
    )


def _how(cell) -> str:
    if cell.total is None:
        return _("ontbreekt")
    if cell.kind == HoursKind.TOTAL:
        return _("totaal")
    return _("%(n)s weken") % {"n": cell.weeks}


def hours_export(request, year: int):
    cycle = cycle_get_for_coordinator(user=request.user, year=year)
    totals = hours_totals(cycle)
    per_auditor = (
        _("Per toetser en onderdeel"),
        [_("Bedrijfsonderdeel"), _("Toetser"), _("Uren"), _("Vastgelegd"), _("In het team")],
        [
            [
                c.unit.name,
                str(c.auditor),
                c.total,
                _how(c),
                _("ja") if c.on_team else _("nee"),
            ]
            for c in totals.cells
        ],
    )
    per_unit = (
        _("Per onderdeel"),
        [_("Bedrijfsonderdeel"), _("Uren"), _("Toetsers zonder uren")],
        [[u.unit.name, u.total, u.missing] for u in totals.units]
        + [[_("Totaal"), totals.total, totals.missing]],
    )
    return attachment(
        to_xlsx([per_auditor, per_unit]), XLSX_CONTENT_TYPE, f"uren-toets-{cycle.year}.xlsx"
    )
