"""Retention (AVG, Archiefwet; issue 19 §5): personal data is kept only as long as its term.

Apps above the core say what they keep and for how long: a `RetentionKind` per kind of data,
registered in `RETENTION_KINDS` from their AppConfig.ready() (the core never imports them). Each
kind names its term in `settings.RETENTION_YEARS`, finds what passed it on a given day (`due`),
describes each item for the dry run and the Beheerder's page, and pseudonymises or deletes it
(`apply`). Published reports are archived documents and never a kind: they stay.

`retention_apply` is the one way to run it: the daily job (`manage.py bewaartermijnen_toepassen`)
and the Beheerder's button call it; with `dry_run` it only lists. Each item is handled in its own
transaction with its event row, so a failure halfway keeps what was done and records it.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from uwvkms.constants import Role
from uwvkms.eventlog import retention_permit
from uwvkms.events import LOGIN_FAILED, LOGIN_LOCKED_OUT, RETENTION_APPLIED, event_label
from uwvkms.formats import local_datetime
from uwvkms.models import AuditEvent, User
from uwvkms.services import audit_event_record

# How many items of a kind the dry run and the page name; the count is always whole.
LISTED_PER_KIND = 50
# Security events whose object is the user name someone typed at the login (maybe a mistyped
# password): personal data of whoever typed it.
TYPED_NAME_EVENTS = (LOGIN_FAILED, LOGIN_LOCKED_OUT)
# What an event row shows instead of a value removed at the end of its term.
REMOVED_VALUE = "(verwijderd na bewaartermijn)"


@dataclass(frozen=True)
class RetentionKind:
    """One kind of kept data. `due(today, years)` is a queryset of what passed its term on
    `today`; `describe(item)` one line for a person; `apply(item, today)` pseudonymises or
    deletes one item, inside the caller's transaction, and writes its event row."""

    key: str
    label: Promise | str
    what_happens: Promise | str
    counted_from: Promise | str
    due: Callable[[datetime.date, int], models.QuerySet]
    describe: Callable[[models.Model], str]
    apply: Callable[[models.Model, datetime.date], None] | None = None
    # For many small rows (the event log): handle everything due in one statement, returning the
    # count, instead of one transaction per item.
    apply_all: Callable[[datetime.date, int], int] | None = None
    # The key of the term in `settings.RETENTION_YEARS` when the kind shares another's term (the
    # files delivered on a request list keep the evidence files' term); the kind's own key else.
    term: str = ""

    @property
    def years(self) -> int:
        return retention_years(self.term or self.key)


RETENTION_KINDS: dict[str, RetentionKind] = {}


def retention_kind_register(kind: RetentionKind) -> None:
    """Register `kind` (from an AppConfig.ready()); registering the same key again replaces it."""
    RETENTION_KINDS[kind.key] = kind


def retention_years(key: str) -> int:
    """The term of a kind in whole years, from `settings.RETENTION_YEARS`."""
    return settings.RETENTION_YEARS[key]


def term_ended(start: datetime.date, years: int, today: datetime.date) -> bool:
    """Whether a term of `years` counted from `start` has passed on `today`: on the same day of
    the month `years` later it has (29 February counts on to 1 March in a year without one)."""
    try:
        end = start.replace(year=start.year + years)
    except ValueError:  # 29 February
        end = datetime.date(start.year + years, 3, 1)
    return today >= end


def latest_start(years: int, today: datetime.date) -> datetime.date:
    """The latest start whose term of `years` has passed on `today` (the query form of
    `term_ended`: due when start <= latest_start)."""
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # today is 29 February: 28 February of that year is the last day
        return datetime.date(today.year - years, 2, 28)


def audit_events_scrub(*, target: models.Model, key_of: Callable[[str], str] | None = None) -> int:
    """Replace the old and new values in the event rows about `target` with `REMOVED_VALUE`:
    which fields changed, who changed them, when and why stay; the values (names and notes among
    them) go with the data they described. A key that itself holds personal data (an app records
    a confirmation as "confirmed.<name>") is renamed by `key_of`. Returns the rows scrubbed.

    The event log is append-only (uwvkms.eventlog): this is the one change the retention door
    lets through."""
    rename = key_of or (lambda key: key)
    with retention_permit():
        rows = list(
            AuditEvent.objects.filter(
                object_type=target._meta.label_lower, object_id=str(target.pk)
            ).exclude(changes={})
        )
        for row in rows:
            row.changes = {rename(key): [REMOVED_VALUE, REMOVED_VALUE] for key in row.changes}
        AuditEvent.objects.bulk_update(rows, ["changes"])
    return len(rows)


@dataclass
class DueKind:
    """What one kind has due on a day: the kind, how many, and the first `LISTED_PER_KIND`."""

    kind: RetentionKind
    count: int
    listed: list[str] = field(default_factory=list)


def retention_due(*, today: datetime.date) -> list[DueKind]:
    """Per registered kind, what passed its term on `today` (the dry run and the page)."""
    result = []
    for kind in RETENTION_KINDS.values():
        due = kind.due(today, kind.years)
        items = list(due[:LISTED_PER_KIND])
        result.append(
            DueKind(kind=kind, count=due.count(), listed=[kind.describe(item) for item in items])
        )
    return result


def retention_apply(
    *, actor: User | None, today: datetime.date, dry_run: bool = False
) -> list[DueKind]:
    """Pseudonymise or delete everything that passed its term on `today`, kind by kind; with
    `dry_run` nothing changes. `actor` is the Beheerder who pressed the button, or None for the
    daily job. Returns what was (or would be) handled; the count is what was done."""
    if actor is not None and not actor.has_role(Role.BEHEERDER):
        raise PermissionDenied
    if dry_run:
        return retention_due(today=today)
    done = []
    for kind in RETENTION_KINDS.values():
        handled = DueKind(kind=kind, count=0)
        if kind.apply_all is not None:
            listed = kind.due(today, kind.years)[:LISTED_PER_KIND]
            handled.listed = [kind.describe(item) for item in listed]
            with transaction.atomic():
                handled.count = kind.apply_all(today, kind.years)
            _record_run(kind, handled, actor)
            done.append(handled)
            continue
        # One item per transaction: a long run holds no lock for long, and a failure keeps the
        # work done before it. Items are fetched again each round: handled ones are no longer due.
        while True:
            batch = list(kind.due(today, kind.years)[:LISTED_PER_KIND])
            if not batch:
                break
            for item in batch:
                with transaction.atomic():
                    kind.apply(item, today)
                handled.count += 1
                if len(handled.listed) < LISTED_PER_KIND:
                    handled.listed.append(kind.describe(item))
        _record_run(kind, handled, actor)
        done.append(handled)
    return done


def _record_run(kind: RetentionKind, handled: DueKind, actor: User | None) -> None:
    if not handled.count:
        return
    with transaction.atomic():
        audit_event_record(
            event=RETENTION_APPLIED,
            actor=actor,
            target=None,
            changes={"kind": [None, kind.key], "count": [None, handled.count]},
            reason=str(kind.what_happens),
        )


# --- the core's own kind: what the event log keeps of people ----------------------------------


def _events_due_q(today: datetime.date, years: int) -> Q:
    local_midnight = timezone.make_aware(
        datetime.datetime.combine(latest_start(years, today), datetime.time.min)
    )
    still_personal = (
        Q(client_address__isnull=False)
        | ~Q(user_agent="")
        | (Q(event__in=TYPED_NAME_EVENTS) & ~Q(object_repr=REMOVED_VALUE))
    )
    return Q(occurred_at__lt=local_midnight) & still_personal


def audit_events_due(today: datetime.date, years: int) -> models.QuerySet:
    """Event rows older than the term that still hold a client address, a browser, or (for a
    failed login) the user name someone typed."""
    return AuditEvent.objects.filter(_events_due_q(today, years)).order_by("occurred_at", "id")


def _event_describe(row: AuditEvent) -> str:
    return f"{event_label(row.event)} · {local_datetime(row.occurred_at)}"


def _events_pseudonymise(today: datetime.date, years: int) -> int:
    due = _events_due_q(today, years)
    with retention_permit():
        count = AuditEvent.objects.filter(due).count()
        # The typed names first: the second update changes what the condition reads.
        AuditEvent.objects.filter(due, event__in=TYPED_NAME_EVENTS).update(
            object_repr=REMOVED_VALUE
        )
        AuditEvent.objects.filter(due).update(client_address=None, user_agent="")
    return count


AUDIT_EVENTS = RetentionKind(
    key="events",
    label=_("Gebeurtenissenlog: adres, browser en getypte gebruikersnamen"),
    what_happens=_(
        "Adres en browser gewist, getypte namen bij mislukt inloggen vervangen; "
        "wie, wat en wanneer blijven."
    ),
    counted_from=_("het moment van de gebeurtenis"),
    due=audit_events_due,
    describe=_event_describe,
    apply_all=_events_pseudonymise,
)


def register_retention() -> None:
    retention_kind_register(AUDIT_EVENTS)
