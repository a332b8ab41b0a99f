"""Notifications of the interview records (issue 16 §3): a record sent for confirmation (its
linked interviewees, who confirm it in the app) and a correction an interviewee asked for (the
audit team of the unit, who must change the record). Called by the interview services inside
their transaction; the recipients are the people who may act on the record, nobody else."""

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audits.models import Interview
from audits.selectors.recipients import audit_team_of
from uwvkms.models import Notification, User
from uwvkms.notifications import NotificationKind, notify

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
