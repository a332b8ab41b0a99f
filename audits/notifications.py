"""Notifications of the interview records (issue 16 §3): a record sent for confirmation (its
linked interviewees, who confirm it in the app) and a correction an interviewee asked for (the
audit team of the unit, who must change the record). Called by the interview services inside
their transaction; the recipients are the people who may act on the record, nobody else."""

import datetime
from collections import defaultdict

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audits.constants import FIELDWORK_OPEN, REQUEST_ITEM_OPEN, REQUEST_REMINDER_DAYS
from audits.models import EvidenceRequest, EvidenceRequestItem, Interview
from audits.request_rules import reminder_occasion
from audits.selectors.recipients import (
    audit_team_of,
    lead_assignments_of,
    quality_contacts_of,
    unit_boards_of,
    unit_side_of,
)
from uwvkms.models import Notification, User
from uwvkms.notifications import NotificationKind, notify
from uwvkms.reminders import Reminder

INTERVIEW_TO_CONFIRM = NotificationKind(
    "audits.interview.to_confirm", gettext_lazy("Interviewverslag ter bevestiging")
)
INTERVIEW_CORRECTION_REQUESTED = NotificationKind(
    "audits.interview.correction_requested",
    gettext_lazy("Correctie van een interviewverslag gevraagd"),
)


def _title(interview: Interview) -> str:
    # Unit, place and date: never the interviewees' names or the remarks (mail leaves the
    # building).
    return _("Interviewverslag %(unit)s, %(location)s (%(date)s)") % {
        "unit": interview.unit,
        "location": interview.location,
        "date": formats.date_format(interview.held_on, "j F Y"),
    }


def notify_interview_sent(interview: Interview) -> None:
    """Tell the interviewees linked to the record (by their account) that it waits for their
    confirmation. Interviewees without an account are asked outside the app, as before."""
    linked = User.objects.filter(interview_links__interview=interview, is_active=True).distinct()
    notify(
        kind=INTERVIEW_TO_CONFIRM,
        recipients=linked,
        title=_title(interview),
        url=reverse("audits:confirmation_detail", kwargs={"pk": interview.pk}),
        target=interview,
    )


def notify_interview_correction_requested(interview: Interview) -> None:
    """Tell the audit team of the record's unit that an interviewee asked for a correction:
    only the team may change the record and send it again."""
    notify(
        kind=INTERVIEW_CORRECTION_REQUESTED,
        recipients=audit_team_of(cycle=interview.cycle, unit=interview.unit),
        title=_title(interview),
        url=interview.get_absolute_url(),
        target=interview,
    )


def retract_interview_to_confirm(interview: Interview, *, user: User | None = None) -> int:
    """The requests to confirm `interview` that no longer ask anything (the record was withdrawn,
    the request lapsed when calibration closed, or `user` answered it) are marked read, so no
    unread message or digest line leads to a refusal. Returns how many."""
    unread = Notification.objects.filter(
        kind=str(INTERVIEW_TO_CONFIRM),
        object_type=Interview._meta.label_lower,
        object_id=str(interview.pk),
        read_at__isnull=True,
    )
    if user is not None:
        unread = unread.filter(recipient=user)
    return unread.update(read_at=timezone.now())


# --- Evidence requests to the unit (issue 21 §1) ----------------------------------------------

REQUEST_SENT = NotificationKind("audits.evidence_request.sent", gettext_lazy("Uitvraag ontvangen"))
REQUEST_ITEM_ANSWERED = NotificationKind(
    "audits.evidence_request.answered", gettext_lazy("Gevraagd stuk aangeleverd of beantwoord")
)
REQUEST_MORE_ASKED = NotificationKind(
    "audits.evidence_request.more_asked", gettext_lazy("Aanvullend gevraagd bij een stuk")
)
REQUEST_MESSAGE = NotificationKind(
    "audits.evidence_request.message", gettext_lazy("Bericht bij een gevraagd stuk")
)
REQUEST_DUE = NotificationKind(
    "audits.evidence_request.due", gettext_lazy("Uitvraag: uiterste datum nadert")
)
REQUEST_ESCALATED = NotificationKind(
    "audits.evidence_request.escalated", gettext_lazy("Uitvraag: uiterste datum verstreken")
)
QUALITY_CONTACT_DESIGNATED = NotificationKind(
    "audits.quality_contact.designated", gettext_lazy("Aangewezen als kwaliteitscontactpersoon")
)


def _request_url(request: EvidenceRequest) -> str:
    return reverse("audits:unit_request", args=[request.cycle.year, request.unit_id])


def _team_url(request: EvidenceRequest) -> str:
    return reverse("audits:team_request", args=[request.cycle.year, request.unit_id])


def notify_request_sent(request: EvidenceRequest) -> None:
    """Tell the unit's board and quality contacts that a request list waits for them."""
    notify(
        kind=REQUEST_SENT,
        recipients=unit_side_of(request.unit_id),
        title=_("Uitvraag voor %(unit)s: aanleveren uiterlijk %(date)s")
        % {"unit": request.unit, "date": formats.date_format(request.due_on, "j F Y")},
        url=_request_url(request),
        target=request,
    )


def notify_item_answered(item: EvidenceRequestItem) -> None:
    """Tell the unit's audit team that an item was delivered or answered: theirs to judge."""
    request = item.request
    notify(
        kind=REQUEST_ITEM_ANSWERED,
        recipients=audit_team_of(cycle=request.cycle, unit=request.unit),
        title=_("%(item)s (%(unit)s): %(status)s")
        % {"item": item.title, "unit": request.unit, "status": item.get_status_display()},
        url=_team_url(request),
        target=item,
    )


def notify_more_asked(item: EvidenceRequestItem) -> None:
    """Tell the unit's side that the team asks for more on an item (it is open again)."""
    request = item.request
    notify(
        kind=REQUEST_MORE_ASKED,
        recipients=unit_side_of(request.unit_id),
        title=_("%(item)s (%(unit)s): aanvullend gevraagd")
        % {"item": item.title, "unit": request.unit},
        url=_request_url(request),
        target=item,
    )


def notify_request_message(item: EvidenceRequestItem, *, from_unit: bool) -> None:
    """Tell the other side of the thread that a message was placed on an item."""
    request = item.request
    recipients = (
        audit_team_of(cycle=request.cycle, unit=request.unit)
        if from_unit
        else unit_side_of(request.unit_id)
    )
    notify(
        kind=REQUEST_MESSAGE,
        recipients=recipients,
        title=_("Bericht bij %(item)s (%(unit)s)") % {"item": item.title, "unit": request.unit},
        url=_team_url(request) if from_unit else _request_url(request),
        target=item,
    )


def notify_quality_contact_designated(contact) -> None:
    """Tell a new quality contact what they may now do, and where."""
    notify(
        kind=QUALITY_CONTACT_DESIGNATED,
        recipients=[contact.user],
        title=_("U bent kwaliteitscontactpersoon van %(unit)s") % {"unit": contact.unit},
        url=reverse("home"),
        target=contact,
    )


def request_reminders(today: datetime.date) -> list[Reminder]:
    """The sent request lists of cycles in fieldwork with items still open: within
    REQUEST_REMINDER_DAYS of the due date → the unit's board and quality contacts ("due");
    past the date → escalated to the unit's board and the lead auditor ("escalated"; the
    quality contacts hear it too). A fixed number of queries, whatever the number of lists."""
    requests = list(
        EvidenceRequest.objects.filter(
            cycle__status__in=FIELDWORK_OPEN,
            cycle__withdrawn_at__isnull=True,
            due_on__lte=today + datetime.timedelta(days=REQUEST_REMINDER_DAYS),
        )
        .annotate(
            open_items=Count(
                "items",
                filter=Q(items__status__in=REQUEST_ITEM_OPEN, items__withdrawn_at__isnull=True),
            )
        )
        .select_related("cycle", "unit")
        .order_by("due_on", "id")
    )
    due = [
        (request, occasion)
        for request in requests
        if (
            occasion := reminder_occasion(
                due_on=request.due_on,
                today=today,
                open_items=request.open_items,
                remind_days=REQUEST_REMINDER_DAYS,
            )
        )
    ]
    if not due:
        return []
    unit_ids = {request.unit_id for request, _o in due}
    boards, contacts, leads = defaultdict(list), defaultdict(list), defaultdict(list)
    for user in unit_boards_of(unit_ids):
        boards[user.business_unit_id].append(user)
    for contact in quality_contacts_of(unit_ids):
        contacts[contact.unit_id].append(contact.user)
    for assignment in lead_assignments_of(unit_ids):
        leads[(assignment.cycle_id, assignment.unit_id)].append(assignment.auditor)
    reminders = []
    for request, occasion in due:
        values = {
            "unit": request.unit,
            "n": request.open_items,
            "date": formats.date_format(request.due_on, "j F Y"),
        }
        unit_side = [*boards[request.unit_id], *contacts[request.unit_id]]
        if occasion == "due":
            kind, recipients = REQUEST_DUE, unit_side
            title = _("Uitvraag %(unit)s: %(n)s stuk(ken) open, aanleveren uiterlijk %(date)s")
        else:
            kind = REQUEST_ESCALATED
            recipients = [*unit_side, *leads[(request.cycle_id, request.unit_id)]]
            title = _("Uitvraag %(unit)s: %(n)s stuk(ken) open sinds %(date)s")
        reminders.append(
            Reminder(
                kind=kind,
                target=request,
                occasion=occasion,
                title=title % values,
                url=_request_url(request),
                recipients=recipients,
            )
        )
    return reminders


def register_reminders() -> None:
    """Add the evidence requests to the daily job (`manage.py stuur_herinneringen`)."""
    from uwvkms.reminders import REMINDER_SOURCES  # noqa: PLC0415

    if request_reminders not in REMINDER_SOURCES:
        REMINDER_SOURCES.append(request_reminders)
