"""The audit's lines of the work queue (issue 16 §1, see `uwvkms.workqueue`): interview records
waiting for this user's confirmation as an interviewee, and, for an auditor, the records of their
teams that wait for the interviewees or came back with a correction request."""

import datetime

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from audits.constants import CONFIRMATION_OPEN, FIELDWORK_OPEN, CycleStatus, InterviewStatus
from audits.evaluation_rules import hours_reminder_due
from audits.models import Assignment, AuditHours, Interview
from audits.selectors.confirmations import awaiting_confirmation_count
from uwvkms.constants import Role
from uwvkms.models import User
from uwvkms.permissions import has_any_role
from uwvkms.workqueue import Urgency, WorkItem, register


def audit_work_items(user: User, today: datetime.date) -> list[WorkItem]:
    """The audit's work of `user`: at most two queries (the auditor's interviews and the
    assignments whose hours are missing); the waiting confirmations come with the user's
    roles."""
    return _confirmations(user) + _team_interviews(user) + _hours_missing(user, today)


def _confirmations(user: User) -> list[WorkItem]:
    # The same count as the navigation's "Ter bevestiging": records in status ter bevestiging,
    # the only status in which an interviewee can confirm (INTERVIEW_MOVERS).
    waiting = awaiting_confirmation_count(user)
    if not waiting:
        return []
    return [
        WorkItem(
            kind=_("Interview bevestigen"),
            title=ngettext(
                "%(n)s interviewverslag wacht op uw bevestiging",
                "%(n)s interviewverslagen wachten op uw bevestiging",
                waiting,
            )
            % {"n": waiting},
            detail=_("U bent geïnterviewd; het verslag telt pas als bewijs na uw bevestiging."),
            url=reverse("audits:confirmation_list"),
            urgency=Urgency.ACTION,
        )
    ]


def _team_interviews(user: User) -> list[WorkItem]:
    """The records of the auditor's teams that came back with a correction request (theirs to
    rework while fieldwork is open) or wait for the interviewees (until calibration closes).
    Withdrawn records are left out. One query."""
    if not has_any_role(user, Role.TOETSER):
        return []
    on_team = Assignment.objects.filter(
        cycle=OuterRef("cycle"), unit=OuterRef("unit"), auditor=user
    )
    interviews = (
        Interview.objects.filter(
            Q(status=InterviewStatus.CORRECTIE_GEVRAAGD, cycle__status__in=FIELDWORK_OPEN)
            | Q(status=InterviewStatus.TER_BEVESTIGING, cycle__status__in=CONFIRMATION_OPEN),
            Exists(on_team),
            cycle__withdrawn_at__isnull=True,
        )
        .select_related("cycle", "unit", "location")
        .order_by("held_on", "id")
    )
    items = []
    for interview in interviews:
        names = {
            "unit": interview.unit.name,
            "place": interview.location,
            "date": date_format(interview.held_on, "j F Y"),
        }
        url = reverse("audits:interview_detail", args=[interview.cycle.year, interview.pk])
        if interview.status == InterviewStatus.CORRECTIE_GEVRAAGD:
            items.append(
                WorkItem(
                    kind=_("Correctie gevraagd"),
                    title=_("Interview %(unit)s, %(place)s (%(date)s): correctie gevraagd") % names,
                    detail=interview.correction_remarks,
                    url=url,
                    urgency=Urgency.URGENT,
                )
            )
        else:
            items.append(
                WorkItem(
                    kind=_("Wacht op bevestiging"),
                    title=_("Interview %(unit)s, %(place)s (%(date)s): wacht op de geïnterviewden")
                    % names,
                    url=url,
                    urgency=Urgency.PROGRESS,
                )
            )
    return items


def _hours_missing(user: User, today: datetime.date) -> list[WorkItem]:
    """The auditor's assignments whose fieldwork has ended without their hours recorded
    (`audits.evaluation_rules.hours_reminder_due`). One query, for a Toetser only."""
    if not has_any_role(user, Role.TOETSER):
        return []
    recorded = AuditHours.objects.filter(
        cycle=OuterRef("cycle"), unit=OuterRef("unit"), auditor=user
    )
    assignments = (
        Assignment.objects.filter(
            auditor=user,
            cycle__withdrawn_at__isnull=True,
            cycle__period_end__lt=today,
        )
        .exclude(cycle__status=CycleStatus.GEPUBLICEERD)
        .annotate(has_hours=Exists(recorded))
        .select_related("cycle", "unit")
        .order_by("cycle__year", "unit__name")
    )
    return [
        WorkItem(
            kind=_("Uren vastleggen"),
            title=_("Uren voor %(unit)s (%(year)s) ontbreken")
            % {"unit": a.unit.name, "year": a.cycle.year},
            detail=_(
                "Het veldwerk is op %(date)s afgelopen. Leg uw uren per week of als totaal vast "
                "voor de evaluatie van de toets."
            )
            % {"date": date_format(a.cycle.period_end, "j F Y")},
            url=reverse("audits:hours_unit", args=[a.cycle.year, a.unit_id]),
            urgency=Urgency.ACTION,
        )
        for a in assignments
        if hours_reminder_due(
            status=a.cycle.status,
            period_end=a.cycle.period_end,
            today=today,
            has_hours=a.has_hours,
        )
    ]


def register_work_queue() -> None:
    """Put the audit's lines on every home page's work queue."""
    register(audit_work_items)
