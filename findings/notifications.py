"""Notifications of findings (issue 16 §3): a unit report agreed (its board: the management
response is due) and that response submitted (the unit's audit team and the coordination team);
a report version published or failed (the coordination team), a Definitief version published
(the RvB), and the daily reminders of follow-up actions (the unit's board; escalated to the
coordination team when they stay overdue; done without an effect measurement: the board). The recipients are the people who may act on the object, nobody else."""

import datetime
from collections import defaultdict

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audits.selectors.recipients import (
    audit_team_of,
    coordination_team,
    executive_board,
    unit_board_of,
)
from findings.constants import ActionStatus
from findings.models import (
    EffectMeasurement,
    FollowUpAction,
    ManagementResponse,
    ReportStatus,
    ReportVersion,
    UnitReport,
)
from uwvkms.constants import Role
from uwvkms.notifications import NotificationKind, notify
from uwvkms.reminders import Reminder
from uwvkms.selectors import users_with_role

REPORT_VERSION_PUBLISHED = NotificationKind(
    "findings.report_version.published", gettext_lazy("Rapportversie gepubliceerd")
)
REPORT_VERSION_FAILED = NotificationKind(
    "findings.report_version.failed", gettext_lazy("Publiceren van een rapportversie mislukt")
)
REPORT_DEFINITIEF_PUBLISHED = NotificationKind(
    "findings.report_version.definitief", gettext_lazy("Definitief rapport gepubliceerd")
)
UNIT_REPORT_RESPONSE_REQUESTED = NotificationKind(
    "findings.unit_report.response_requested",
    gettext_lazy("Rapport afgestemd: managementreactie gevraagd"),
)
MANAGEMENT_RESPONSE_SUBMITTED = NotificationKind(
    "findings.management_response.submitted", gettext_lazy("Managementreactie ingediend")
)
FOLLOW_UP_DUE = NotificationKind(
    "findings.follow_up.due", gettext_lazy("Vervolgactie binnenkort gereed te melden")
)
FOLLOW_UP_OVERDUE = NotificationKind(
    "findings.follow_up.overdue", gettext_lazy("Vervolgactie over de datum")
)
FOLLOW_UP_ESCALATED = NotificationKind(
    "findings.follow_up.escalated", gettext_lazy("Vervolgactie blijft over de datum (escalatie)")
)
FOLLOW_UP_NO_EFFECT = NotificationKind(
    "findings.follow_up.no_effect", gettext_lazy("Vervolgactie gereed zonder effectmeting")
)


def _version_title(version: ReportVersion) -> str:
    return _("Rapport Interne Toets KMS %(year)s, versie %(label)s (%(status)s)") % {
        "year": version.cycle.year,
        "label": version.label,
        "status": version.get_report_status_display(),
    }


def _version_url(version: ReportVersion) -> str:
    return reverse(
        "findings:report_version", kwargs={"year": version.cycle.year, "label": version.label}
    )


def notify_report_version_done(version: ReportVersion) -> None:
    """Tell the coordination team that a version is published, and the RvB when it is a
    Definitief one (a Concept is for the team's own review round first)."""
    title, url = _version_title(version), _version_url(version)
    notify(
        kind=REPORT_VERSION_PUBLISHED,
        recipients=coordination_team(),
        title=title,
        url=url,
        target=version,
    )
    if version.report_status == ReportStatus.DEFINITIEF:
        notify(
            kind=REPORT_DEFINITIEF_PUBLISHED,
            recipients=executive_board(),
            title=title,
            url=url,
            target=version,
        )


def notify_report_version_failed(version: ReportVersion) -> None:
    """Tell the coordination team that a version failed (or stalled): only it may retry."""
    notify(
        kind=REPORT_VERSION_FAILED,
        recipients=coordination_team(),
        title=_version_title(version),
        url=_version_url(version),
        target=version,
    )


# --- the unit report and its management response ------------------------------------------


def _unit_report_title(report: UnitReport) -> str:
    # The unit and the year: no findings, no recommendations (mail leaves the building).
    return _("Rapport Interne Toets KMS %(year)s van %(unit)s") % {
        "year": report.cycle.year,
        "unit": report.unit,
    }


def notify_unit_report_agreed(report: UnitReport) -> None:
    """Tell the board of the report's unit that the report is agreed and its management
    response is now asked for (only the unit's own board may write it)."""
    notify(
        kind=UNIT_REPORT_RESPONSE_REQUESTED,
        recipients=unit_board_of(report.unit_id),
        title=_unit_report_title(report),
        url=reverse(
            "findings:management_response",
            kwargs={"year": report.cycle.year, "unit_id": report.unit_id},
        ),
        target=report,
    )


def notify_management_response_submitted(response: ManagementResponse) -> None:
    """Tell the audit team of the unit and the coordination team that the board submitted its
    response: it now appears in the unit report they read and roll up."""
    report = response.unit_report
    notify(
        kind=MANAGEMENT_RESPONSE_SUBMITTED,
        recipients=[
            *audit_team_of(cycle=report.cycle, unit=report.unit),
            *coordination_team(),
        ],
        title=_unit_report_title(report),
        url=reverse(
            "findings:unit_report",
            kwargs={"year": report.cycle.year, "unit_id": report.unit_id},
        ),
        target=response,
    )


# --- the daily reminders of follow-up actions -----------------------------------------------

OPEN_ACTIONS = (ActionStatus.GEPLAND, ActionStatus.IN_UITVOERING)


def follow_up_reminders(today: datetime.date) -> list[Reminder]:
    """The follow-up actions still open whose date is near or past (DOMAIN.md §4: attention at
    least every tertaal): due within FOLLOW_UP_REMINDER_DAYS → the unit's board; past due → the
    unit's board; past due by FOLLOW_UP_ESCALATION_DAYS → the unit's board and the
    coordination team; done without an effect measurement → the unit's board, once (the audit's
    first finding: actions are monitored, their effect is not). Excluded units' actions count
    too: their board still owns them. A fixed number of queries, whatever the number of
    actions."""
    soon = today + datetime.timedelta(days=settings.FOLLOW_UP_REMINDER_DAYS)
    escalate_before = today - datetime.timedelta(days=settings.FOLLOW_UP_ESCALATION_DAYS)
    measured = EffectMeasurement.objects.filter(action=OuterRef("pk"))
    actions = list(
        FollowUpAction.objects.filter(
            Q(status__in=OPEN_ACTIONS, due_on__lte=soon)
            | Q(~Exists(measured), status=ActionStatus.GEREED)
        )
        .select_related("cycle", "unit")
        .order_by("due_on", "id")
    )
    if not actions:
        return []
    boards = defaultdict(list)
    for user in users_with_role(Role.DIRECTIE).filter(
        business_unit_id__in={a.unit_id for a in actions}
    ):
        boards[user.business_unit_id].append(user)
    coordinators = (
        list(coordination_team())
        if any(a.status in OPEN_ACTIONS and a.due_on < escalate_before for a in actions)
        else []
    )
    reminders = []
    for action in actions:
        board = boards.get(action.unit_id, [])
        url = reverse(
            "findings:follow_up_unit",
            kwargs={"year": action.cycle.year, "unit_id": action.unit_id},
        )
        values = {
            "title": action.title,
            "unit": action.unit.abbreviation,
            "date": formats.date_format(action.due_on, "j F Y"),
        }
        if action.status == ActionStatus.GEREED:
            kind, occasion, recipients = FOLLOW_UP_NO_EFFECT, "no_effect", board
            title = _("%(title)s (%(unit)s): gereed, leg het effect vast") % values
        elif action.due_on >= today:
            kind, occasion, recipients = FOLLOW_UP_DUE, "due", board
            title = _("%(title)s (%(unit)s): uiterlijk gereed op %(date)s") % values
        elif action.due_on >= escalate_before:
            kind, occasion, recipients = FOLLOW_UP_OVERDUE, "overdue", board
            title = _("%(title)s (%(unit)s): had op %(date)s gereed moeten zijn") % values
        else:
            kind, occasion = FOLLOW_UP_ESCALATED, "escalated"
            recipients = [*board, *coordinators]
            title = _("%(title)s (%(unit)s): sinds %(date)s over de datum") % values
        reminders.append(
            Reminder(
                kind=kind,
                target=action,
                occasion=occasion,
                title=title,
                url=url,
                recipients=recipients,
            )
        )
    return reminders


def register_reminders() -> None:
    """Add the follow-up actions to the daily job (`manage.py stuur_herinneringen`)."""
    from uwvkms.reminders import REMINDER_SOURCES  # noqa: PLC0415

    if follow_up_reminders not in REMINDER_SOURCES:
        REMINDER_SOURCES.append(follow_up_reminders)
