"""The cycle cockpit: one page per cycle where the coordination team sees every unit's
progress per stage, and its XLSX export. Thin: access through the coordinator-only getter, the
figures from `findings.selectors.cockpit`."""

from django.shortcuts import render
from django.utils import timezone

from audits.selectors import cycle_get_for_coordinator
from findings.exports import cockpit_xlsx
from findings.selectors.cockpit import CycleCockpit, cycle_cockpit
from uwvkms.exports import XLSX_CONTENT_TYPE, attachment
from uwvkms.security import record_export

# The GET parameter of the filter "alleen achterstanden".
BACKLOG_PARAM = "achterstanden"


def _cockpit(request, year: int) -> CycleCockpit:
    cycle = cycle_get_for_coordinator(user=request.user, year=year)
    return cycle_cockpit(
        cycle,
        today=timezone.localdate(),
        only_backlog=request.GET.get(BACKLOG_PARAM) == "1",
    )


def cycle_cockpit_page(request, year: int):
    """Every unit of the cycle × every stage, the totals, and what blocks the next phase."""
    cockpit = _cockpit(request, year)
    return render(
        request,
        "findings/cockpit/cycle.html",
        {"cockpit": cockpit, "cycle": cockpit.cycle, "backlog_param": BACKLOG_PARAM},
    )


def cycle_cockpit_export(request, year: int):
    """The cockpit as shown (the filter included) as an XLSX file."""
    cockpit = _cockpit(request, year)
    suffix = "-achterstanden" if cockpit.only_backlog else ""
    response = attachment(
        cockpit_xlsx(cockpit), XLSX_CONTENT_TYPE, f"cockpit-{cockpit.cycle.year}{suffix}.xlsx"
    )
    return record_export(request, response, target=cockpit.cycle, what="cockpit")
