"""Notifications (issue 16 §3): the kinds, each with its Dutch label, and the services that make
and read them.

Every app declares its kinds in its own `<app>/notifications.py` as module constants
(``SCORE_SENT_BACK = NotificationKind("maturity.score.sent_back", _("Score teruggestuurd"))``),
the way events are declared (`uwvkms.events`); this module holds the registry. A service that
changes something somebody must act on calls `notify` inside its own transaction: the rows land
with the change or not at all, and the e-mails are enqueued for the task worker only after the
commit (`uwvkms.mail`), never sent inside the web request.
"""

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.module_loading import autodiscover_modules, import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from uwvkms.constants import Delivery
from uwvkms.events import NOTIFICATION_ACKNOWLEDGED
from uwvkms.models import USER_FACTS, Notification, NotificationPreference, User
from uwvkms.services import audit_event_record

logger = logging.getLogger(__name__)

_REGISTRY: dict[str, "NotificationKind"] = {}
_discovered = False


class NotificationKind(str):
    """One kind of notification: a dotted name (``<app>.<thing>.<what>``) and a Dutch label,
    which is also the e-mail's subject and the choice's name on /profiel/. Declaring it
    registers it."""

    label: Promise | str

    def __new__(cls, name: str, label: Promise | str) -> "NotificationKind":
        app, *rest = name.split(".")
        if len(rest) != 2 or not all(rest):
            raise ValueError(f"A notification kind is <app>.<thing>.<what>, not {name!r}.")
        known = _REGISTRY.get(name)
        if known is not None:
            if str(known.label) != str(label):
                raise ValueError(f"Notification kind {name!r} is declared twice.")
            return known
        kind = super().__new__(cls, name)
        kind.label = label
        _REGISTRY[name] = kind
        return kind

    def __getnewargs__(self) -> tuple[str, Promise | str]:
        return (str(self), self.label)


# The core's own kind: someone @-mentioned the recipient in a comment (`uwvkms.comments`).
COMMENT_MENTIONED = NotificationKind(
    "uwvkms.comment.mentioned", gettext_lazy("Genoemd in een reactie")
)


def _discover() -> None:
    # The apps' notifications modules sit above the core, so the core finds them by name, once.
    global _discovered
    if not _discovered:
        autodiscover_modules("notifications")
        _discovered = True


def declared_kinds() -> dict[str, NotificationKind]:
    """Every declared kind, by name, in a stable order (app, then declaration)."""
    _discover()
    return dict(_REGISTRY)


def kind_get(name: str) -> NotificationKind | None:
    """The declared kind with this name, or None."""
    _discover()
    return _REGISTRY.get(name)


def kind_label(name: str) -> str:
    """The Dutch label of a kind; the name itself for one nobody declares (any more)."""
    kind = kind_get(name)
    return str(kind.label) if kind is not None else name


# --- making notifications -------------------------------------------------------------------

# The background task that mails one notification, named rather than imported (STYLE.md: the
# task module imports the mail module, not the other way round).
EMAIL_TASK = "uwvkms.tasks.notification_email_task"


def notify(
    *,
    kind: str,
    recipients: Iterable[User],
    title: str,
    url: str,
    target: models.Model | None = None,
    acknowledgement: bool = False,
) -> list[Notification]:
    """Notify `recipients` (each once; inactive users skipped) of `kind` about `title`, linking
    to `url` (a path of this site). Called by a service inside its transaction, after it has
    decided who must act (the people the object's permissions let act, nobody else).

    Each recipient's preference is fixed on the row: at once by e-mail (enqueued for the task
    worker after the commit), in the daily digest (`manage.py stuur_herinneringen`), or in the
    app only. `title` names the object only: the mail leaves the building.

    With `acknowledgement` the notification informs the recipient of something they must know
    (an informing duty, issue 20): they can say once, on their notification centre, that they
    took note (`notification_acknowledge`), and `informing_of` tells the sender who did."""
    if kind_get(kind) is None:
        raise ValueError(f"Undeclared notification kind {kind!r}: declare it in notifications.py.")
    people = {user.pk: user for user in recipients if user is not None and user.is_active}
    if not people:
        return []
    chosen = dict(
        NotificationPreference.objects.filter(user_id__in=people, kind=kind).values_list(
            "user_id", "delivery"
        )
    )
    rows = [
        Notification(
            recipient=user,
            kind=str(kind),
            title=title[:255],
            url=url[:500],
            object_type=target._meta.label_lower if target is not None else "",
            object_id=str(target.pk) if target is not None else "",
            delivery=chosen.get(pk, Delivery.IMMEDIATE),
            asks_acknowledgement=acknowledgement,
        )
        for pk, user in sorted(people.items())
    ]
    with transaction.atomic():
        rows = Notification.objects.bulk_create(rows)
        mail_now = [row.pk for row in rows if row.delivery == Delivery.IMMEDIATE]
        if mail_now:
            transaction.on_commit(lambda: notification_emails_enqueue(mail_now))
    return rows


def notification_emails_enqueue(ids: Iterable[int]) -> None:
    """Hand the mails of these notifications to the task worker. A queue that refuses is
    logged; the mail stays unsent and the watchdog (`manage.py meldingen_mailen`) picks it up."""
    task = import_string(EMAIL_TASK)
    for pk in ids:
        try:
            task.enqueue(notification_id=pk)
        except Exception:
            logger.exception("Enqueueing the e-mail of notification %s failed", pk)


# --- reading and marking --------------------------------------------------------------------


def notifications_of(user: User) -> QuerySet[Notification]:
    """The user's own notifications, unread first, newest first. Someone else's are not in it
    (so a view that looks one up here answers 404 for them)."""
    if not getattr(user, "is_authenticated", False):
        return Notification.objects.none()
    return Notification.objects.filter(recipient=user).order_by(
        F("read_at").asc(nulls_first=True), "-created_at", "-id"
    )


UNREAD_FACT = "unread_notifications"


def _unread_subquery():
    """The number of unread notifications of the outer user, as a subquery."""
    unread = (
        Notification.objects.filter(recipient=OuterRef("pk"), read_at__isnull=True)
        .order_by()
        .values("recipient")
        .annotate(n=Count("id"))
        .values("n")
    )
    return Coalesce(Subquery(unread, output_field=IntegerField()), 0)


def register_user_facts() -> None:
    """Load the unread count with the user's roles: the navigation bar shows it on every page
    without a query of its own."""
    USER_FACTS[UNREAD_FACT] = _unread_subquery


def unread_count(user) -> int:
    """How many of the user's notifications are unread (loaded with their roles)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return 0
    return user.fact(UNREAD_FACT) or 0


def notification_mark_read(*, user: User, notification: Notification) -> Notification:
    """Mark one of `user`'s own notifications read (the first reading counts; again is a no-op).
    The caller found it through `notifications_of(user)`; another's is refused all the same."""
    if notification.recipient_id != user.pk:
        raise PermissionDenied
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )
    return notification


def _informed_object(notification: Notification) -> models.Model | None:
    """The object the notification is about, or None (none, or gone). The acknowledgement is
    recorded on it, so it is read where that object's history is read (and scoped like it in the
    event log), not on the notification, whose title names it."""
    if not notification.object_type or not notification.object_id:
        return None
    try:
        model = apps.get_model(notification.object_type)
    except (LookupError, ValueError):
        return None
    return model._default_manager.filter(pk=notification.object_id).first()


@transaction.atomic
def notification_acknowledge(*, user: User, notification: Notification) -> Notification:
    """Record that `user` took note of one of their own notifications that asks for it (it is
    marked read as well). Only the recipient may (PermissionDenied for anyone else, whatever
    they are); a notification that asks no acknowledgement is refused (ValidationError); the
    first acknowledgement counts and a second changes nothing. Recorded in the event log on the
    object the notification is about: who took note of which kind, when."""
    if not getattr(user, "is_authenticated", False) or notification.recipient_id != user.pk:
        raise PermissionDenied
    notification = Notification.objects.select_for_update().get(pk=notification.pk)
    if not notification.asks_acknowledgement:
        raise ValidationError(_("Deze melding vraagt niet om kennisname."))
    if notification.acknowledged_at is not None:
        return notification
    now = timezone.now()
    notification.acknowledged_at = now
    notification.read_at = notification.read_at or now
    notification.save(update_fields=["acknowledged_at", "read_at"])
    audit_event_record(
        event=NOTIFICATION_ACKNOWLEDGED,
        actor=user,
        target=_informed_object(notification) or notification,
        changes={
            "acknowledged": [None, kind_label(notification.kind)],
            "notification": [None, notification.pk],
        },
    )
    return notification


def notifications_mark_all_read(*, user: User) -> int:
    """Mark every unread notification of `user` read; returns how many."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


# --- informing: who was told, and who took note -------------------------------------------


@dataclass
class Informed:
    """One recipient of an informing notification: their latest one about the object, when it
    was sent and when (if) they took note of it."""

    user: User
    sent_at: object
    acknowledged_at: object = None


@dataclass
class Informing:
    """Who was informed of one object by notifications of one kind that ask for an
    acknowledgement: per recipient their latest notification (sent again, it asks again)."""

    kind: str
    recipients: list[Informed] = field(default_factory=list)

    @property
    def sent_at(self):
        """When it was (last) sent."""
        return max(person.sent_at for person in self.recipients)

    @property
    def first_sent_at(self):
        return min(person.sent_at for person in self.recipients)

    @property
    def acknowledged(self) -> list[Informed]:
        """The recipients who took note, earliest first."""
        return sorted(
            (person for person in self.recipients if person.acknowledged_at is not None),
            key=lambda person: person.acknowledged_at,
        )

    @property
    def waiting(self) -> list[Informed]:
        """The recipients who did not (yet) take note."""
        return [person for person in self.recipients if person.acknowledged_at is None]


def informing_of(
    targets: Iterable[models.Model], kinds: Iterable[str]
) -> dict[tuple[str, str], Informing]:
    """(target pk as text, kind) → `Informing`, for the notifications of `kinds` that asked
    for an acknowledgement about `targets` (all of one model). One query, whatever the number
    of recipients; a pair nobody was informed of is missing."""
    targets, kinds = list(targets), [str(kind) for kind in kinds]
    if not targets or not kinds:
        return {}
    rows = (
        Notification.objects.filter(
            asks_acknowledgement=True,
            object_type=targets[0]._meta.label_lower,
            object_id__in=[str(target.pk) for target in targets],
            kind__in=kinds,
        )
        .select_related("recipient")
        .order_by("created_at", "id")
    )
    found: dict[tuple[str, str], dict[int, Informed]] = {}
    for row in rows:
        found.setdefault((row.object_id, row.kind), {})[row.recipient_id] = Informed(
            user=row.recipient, sent_at=row.created_at, acknowledged_at=row.acknowledged_at
        )
    return {
        key: Informing(
            kind=key[1],
            recipients=sorted(people.values(), key=lambda person: str(person.user)),
        )
        for key, people in found.items()
    }


# --- preferences ----------------------------------------------------------------------------


def notification_preferences_of(user: User) -> dict[str, str]:
    """kind name → the user's delivery, for every declared kind (IMMEDIATE without a row)."""
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "delivery"))
    return {name: chosen.get(name, Delivery.IMMEDIATE) for name in declared_kinds()}


@transaction.atomic
def notification_preferences_set(*, user: User, deliveries: dict[str, str]) -> None:
    """Store how `user` wants each kind delivered. Unknown kinds and deliveries are refused
    (ValueError: the form offers only declared ones); a kind not named keeps its preference.
    Applies to notifications made from now on."""
    for name, delivery in deliveries.items():
        if kind_get(name) is None or delivery not in Delivery.values:
            raise ValueError(f"Unknown kind or delivery: {name!r} {delivery!r}")
        NotificationPreference.objects.update_or_create(
            user=user, kind=name, defaults={"delivery": delivery}
        )


def unsent_immediate(max_attempts: int) -> QuerySet[Notification]:
    """Immediate notifications whose mail has not gone out and may be tried again."""
    return Notification.objects.filter(
        Q(emailed_at__isnull=True),
        delivery=Delivery.IMMEDIATE,
        email_attempts__lt=max_attempts,
    )
