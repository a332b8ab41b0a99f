"""The daily job's reminders and digests (issue 16 §3; `manage.py stuur_herinneringen`).

Apps above the core add what they remind of: a source is a function of today's date that
returns `Reminder`s (registered in `REMINDER_SOURCES` from their AppConfig.ready(); the core
never imports them). Each reminder is sent to each recipient once per occasion: a `ReminderSent`
row is written first, under its unique constraint, in the same transaction as the notification,
so a second run of the job, or one on another node at the same time, sends nothing twice.
"""

import datetime
import logging
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.core.mail import send_mail
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from uwvkms.constants import Delivery
from uwvkms.mail import digest_email
from uwvkms.models import Notification, ReminderSent, User
from uwvkms.notifications import notify

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Reminder:
    """One thing to remind people of: the notification's kind, title and link, the object it is
    about, the occasion (e.g. ``"due"``, ``"overdue"``, ``"escalated"``: a new occasion reminds
    again) and who must hear it."""

    kind: str
    target: models.Model
    occasion: str
    title: str
    url: str
    recipients: list[User] = field(default_factory=list)


REMINDER_SOURCES: list[Callable[[datetime.date], Iterable[Reminder]]] = []

DIGEST_KIND = "uwvkms.digest"


def _claim(*, kind: str, object_type: str, object_id: str, recipient: User, occasion: str) -> bool:
    """Record that this is sent; False when it was already (by an earlier run or another node
    now: the unique constraint waits for that one's transaction, then refuses)."""
    try:
        with transaction.atomic():
            ReminderSent.objects.create(
                kind=kind,
                object_type=object_type,
                object_id=object_id,
                recipient=recipient,
                occasion=occasion,
            )
    except IntegrityError:
        return False
    return True


def reminders_send(*, today: datetime.date | None = None) -> int:
    """Send every reminder the registered sources find for `today` to each recipient not yet
    reminded of it on that occasion; returns how many notifications were made."""
    today = today or timezone.localdate()
    sent = 0
    for source in REMINDER_SOURCES:
        for reminder in source(today):
            for recipient in reminder.recipients:
                with transaction.atomic():
                    if not _claim(
                        kind=reminder.kind,
                        object_type=reminder.target._meta.label_lower,
                        object_id=str(reminder.target.pk),
                        recipient=recipient,
                        occasion=reminder.occasion,
                    ):
                        continue
                    sent += len(
                        notify(
                            kind=reminder.kind,
                            recipients=[recipient],
                            title=reminder.title,
                            url=reminder.url,
                            target=reminder.target,
                        )
                    )
    return sent


def digests_send(*, today: datetime.date | None = None) -> int:
    """Mail each user who chose the daily digest one mail with their notifications not yet
    mailed; returns how many digests went out. Claimed per user and day (`ReminderSent`), so
    a second run sends none; a failing server rolls the claim back, so the next run tries
    again (and the failure is logged)."""
    today = today or timezone.localdate()
    waiting = defaultdict(list)
    for notification in (
        Notification.objects.filter(delivery=Delivery.DIGEST, emailed_at__isnull=True)
        .select_related("recipient")
        .order_by("recipient_id", "created_at", "id")
    ):
        waiting[notification.recipient].append(notification)
    sent = 0
    for user, notifications in waiting.items():
        if not user.email or not user.is_active:
            continue
        try:
            with transaction.atomic():
                if not _claim(
                    kind=DIGEST_KIND,
                    object_type="",
                    object_id=today.isoformat(),
                    recipient=user,
                    occasion="digest",
                ):
                    continue
                subject, body = digest_email(user, notifications)
                send_mail(subject, body, None, [user.email])
                Notification.objects.filter(
                    pk__in=[n.pk for n in notifications], emailed_at__isnull=True
                ).update(emailed_at=timezone.now())
        except Exception:
            logger.exception("The daily digest of user %s failed; tried again next run", user.pk)
            continue
        sent += 1
    return sent
