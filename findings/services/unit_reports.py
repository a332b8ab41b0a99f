"""Writes of a unit's report (DOMAIN.md §4): its one guarded status move, concept → afgestemd
(agreed with the unit's board: when and with whom) → definitief, and back from afgestemd to
concept with a reason. Atomic, guarded by the report's version, every move recorded."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audits.models import AuditCycle
from audits.selectors import require_audit_capacity
from findings.constants import ResponseStatus, UnitReportStatus
from findings.events import UNIT_REPORT_AGREED, UNIT_REPORT_FINALISED, UNIT_REPORT_REOPENED
from findings.models import ManagementResponse, UnitReport
from findings.notifications import notify_unit_report_agreed
from findings.selectors.unit_reports import agreement_gaps_of
from findings.services.findings import unit_report_lock
from findings.unit_report_rules import MOVERS, check_move, move_requirements
from uwvkms.changes import changes_between
from uwvkms.dates import not_in_future
from uwvkms.models import BusinessUnit, User
from uwvkms.services import audit_event_record
from uwvkms.versioning import version_check

_EVENTS = {
    UnitReportStatus.AFGESTEMD: UNIT_REPORT_AGREED,
    UnitReportStatus.DEFINITIEF: UNIT_REPORT_FINALISED,
    UnitReportStatus.CONCEPT: UNIT_REPORT_REOPENED,
}

# Whoever makes at least one move (the coordination team, the lead auditor); anyone else is
# refused before the report is looked at.
REPORT_MOVERS = frozenset().union(*MOVERS.values())


@transaction.atomic
def unit_report_move(
    *,
    actor: User,
    cycle: AuditCycle,
    unit: BusinessUnit,
    to: UnitReportStatus | str,
    expected_version: int,
    agreed_on: date | None = None,
    agreed_with: str = "",
    reason: str = "",
) -> UnitReport:
    """Move the report of `unit` in `cycle` to status `to`.

    - Only the moves of UNIT_REPORT_TRANSITIONS exist (`UnitReportMoveNotAllowed` otherwise),
      and only the capacities of `findings.unit_report_rules.MOVERS` make them
      (PermissionDenied otherwise): the coordination team or the unit's lead auditor agree
      the report and take it back; the coordination team makes it definitief.
    - Afgestemd needs the date it was agreed (not in the future) and with whom, and a complete
      report: a submitted score and a finding for every principle in scope (`agreement_gaps`,
      the refusal names what is missing); back to concept
      needs a reason and clears the agreement; not once the board submitted its response,
      which answers the report as agreed.
    - `expected_version` is the version the user saw (0 while the report had no record);
      `EditConflict` when it moved on since.
    """
    held = require_audit_capacity(actor, allowed=REPORT_MOVERS, cycle=cycle, unit=unit)
    existing = UnitReport.objects.select_for_update().filter(cycle=cycle, unit=unit).first()
    report = existing or unit_report_lock(actor=actor, cycle=cycle, unit=unit)
    version_check(
        existing,
        expected_version=expected_version,
        what=_("Het rapport"),
        state=lambda now: _("Het staat nu op %(status)s.") % {"status": now.get_status_display()},
    )
    check_move(report.status, to)
    if not held & MOVERS[(report.status, to)]:
        raise PermissionDenied

    agreed_with, reason = agreed_with.strip(), reason.strip()
    errors = move_requirements(to=to, agreed_on=agreed_on, agreed_with=agreed_with, reason=reason)
    if to == UnitReportStatus.AFGESTEMD and (
        problem := not_in_future(agreed_on, today=timezone.localdate())
    ):
        errors["agreed_on"] = problem
    if to == UnitReportStatus.AFGESTEMD and (gaps := agreement_gaps_of(cycle=cycle, unit=unit)):
        errors["__all__"] = " ".join(
            [_("Het rapport is nog niet compleet om af te stemmen."), *gaps]
        )
    if to == UnitReportStatus.CONCEPT and _response_submitted(report):
        errors["__all__"] = _(
            "De directie heeft haar managementreactie op dit rapport al ingediend; het rapport "
            "kan niet meer terug naar concept."
        )
    if errors:
        raise ValidationError(errors)

    old = _values(report)
    report.status = to
    if to == UnitReportStatus.AFGESTEMD:
        report.agreed_on, report.agreed_with = agreed_on, agreed_with
    elif to == UnitReportStatus.CONCEPT:
        report.agreed_on, report.agreed_with = None, ""
    else:
        report.finalised_at = timezone.now()
    # A report made just now by the lock counts from 0: the user saw none.
    report.version = existing.version if existing else 0
    touched = report.touch(actor)
    report.full_clean()
    report.save(update_fields=["status", "agreed_on", "agreed_with", "finalised_at", *touched])
    audit_event_record(
        event=_EVENTS[to],
        actor=actor,
        target=report,
        changes=changes_between(old, _values(report)),
        reason=reason,
    )
    if to == UnitReportStatus.AFGESTEMD:
        notify_unit_report_agreed(report)
    return report


def _values(report: UnitReport) -> dict:
    return {
        "status": report.status,
        "agreed_on": report.agreed_on,
        "agreed_with": report.agreed_with,
    }


def _response_submitted(report: UnitReport) -> bool:
    return ManagementResponse.objects.filter(
        unit_report=report, status=ResponseStatus.INGEDIEND
    ).exists()
