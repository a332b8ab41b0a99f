"""Reads of the organisation core."""

import datetime
import ipaddress
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models
from django.db.models import Q, QuerySet
from django.utils import timezone

from uwvkms.constants import Role
from uwvkms.eventlog_scope import EventLogScope, event_log_scope_q
from uwvkms.events import RETENTION_APPLIED, SECURITY_EVENTS
from uwvkms.history import PLAIN, ChangeFormat, HistoryEntry, history_entries
from uwvkms.models import ApiToken, AuditEvent, BusinessUnit, User
from uwvkms.retention import RETENTION_KINDS


def users_with_role(role: Role) -> QuerySet[User]:
    """Active users holding `role`, with their unit."""
    return (
        User.objects.filter(is_active=True, groups__name=role.value)
        .select_related("business_unit")
        .distinct()
    )


def business_units() -> QuerySet[BusinessUnit]:
    return BusinessUnit.objects.all()


def audit_events_for(obj) -> QuerySet[AuditEvent]:
    """The event log of one object, newest first."""
    return AuditEvent.objects.filter(
        object_type=obj._meta.label_lower, object_id=str(obj.pk)
    ).select_related("actor")


def _about(target: models.Model | Q | None) -> Q | None:
    if isinstance(target, Q):
        return target
    if target is None or target.pk is None:
        return None
    return Q(object_type=target._meta.label_lower, object_id=str(target.pk))


def history_for(
    *targets: models.Model | Q | None,
    events: Iterable[str] | None = None,
    fmt: ChangeFormat = PLAIN,
    oldest_first: bool = False,
) -> list[HistoryEntry]:
    """The one way to read a history: every recorded change of these objects (or of the event
    log rows a `Q` picks), optionally only these `events`, newest first unless `oldest_first`,
    ready to show with `components/history.html`; without `events`, the security log's reads and
    logins (`uwvkms.events.SECURITY_EVENTS`) are left out. One query however many rows; none for no
    stored target (an unsaved object or None)."""
    abouts = [about for target in targets if (about := _about(target)) is not None]
    if not abouts:
        return []
    query = abouts[0]
    for about in abouts[1:]:
        query |= about
    rows = AuditEvent.objects.filter(query).select_related("actor")
    if events is not None:
        rows = rows.filter(event__in=[str(name) for name in events])
    else:
        # A history is the object's changes: who downloaded or exported it, or logged in as it,
        # is the security log's, shown on the event-log page.
        rows = rows.exclude(event__in=SECURITY_EVENTS)
    if oldest_first:
        rows = rows.order_by("occurred_at", "id")
    return history_entries(rows, fmt)


def api_tokens_of(user: User) -> QuerySet[ApiToken]:
    """A user's own API tokens, newest first; the only way views reach a token."""
    return ApiToken.objects.filter(user=user)


@dataclass(frozen=True)
class EventLogFilters:
    """What the event-log page narrows the log to; every part optional. `who`: words that must
    each occur in the actor's username, first or last name (or the whole of it is the client
    address); `event`: a dotted event name; `date_from`/`date_to`: local days, both included;
    `about`: ``<app>.<model>`` or ``<app>.<model>:<id>`` for one kind of object or one object,
    else words in the object's name or its id."""

    who: str = ""
    event: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    about: str = ""


_OBJECT_KEY = re.compile(r"(?P<type>[a-z_]+\.[a-z_]+)(:(?P<id>\S+))?")


def event_log_rows(filters: EventLogFilters, *, scope: EventLogScope) -> QuerySet[AuditEvent]:
    """The event log (every app's changes and the security log) as far as a reader with `scope`
    may see it (`uwvkms.eventlog_scope`; rows outside it are left out entirely), newest first,
    narrowed by `filters`, with each row's actor: one query for a page however many rows."""
    rows = AuditEvent.objects.select_related("actor").filter(event_log_scope_q(scope))
    who = filters.who.strip()
    if who:
        by_name = Q()
        for word in who.split():
            by_name &= (
                Q(actor__username__icontains=word)
                | Q(actor__first_name__icontains=word)
                | Q(actor__last_name__icontains=word)
            )
        if (address := _address(who)) is not None:
            by_name |= Q(client_address=address)
        rows = rows.filter(by_name)
    if filters.event:
        rows = rows.filter(event=filters.event)
    if filters.date_from is not None:
        rows = rows.filter(occurred_at__gte=_local_midnight(filters.date_from))
    if filters.date_to is not None:
        rows = rows.filter(
            occurred_at__lt=_local_midnight(filters.date_to + datetime.timedelta(days=1))
        )
    about = filters.about.strip()
    if about:
        key = _OBJECT_KEY.fullmatch(about.lower())
        if key:
            rows = rows.filter(object_type=key["type"])
            if key["id"]:
                rows = rows.filter(object_id=key["id"])
        else:
            rows = rows.filter(Q(object_repr__icontains=about) | Q(object_id=about))
    return rows


def _address(text: str) -> str | None:
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        return None


def _local_midnight(day: datetime.date) -> datetime.datetime:
    """The start of `day` in local time (Europe/Amsterdam), as the log's moments are compared."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


@dataclass(frozen=True)
class RetentionRun:
    """One kind handled in one run: when, by whom (None: the daily job), what and how many."""

    at: datetime.datetime
    actor: User | None
    kind: str
    count: int


def retention_runs(limit: int = 10) -> list[RetentionRun]:
    """The latest runs of the retention job or button (one event per kind that handled
    something), newest first."""
    rows = AuditEvent.objects.filter(event=RETENTION_APPLIED).select_related("actor")[:limit]
    runs = []
    for row in rows:
        key = (row.changes.get("kind") or [None, ""])[1]
        kind = RETENTION_KINDS.get(key)
        runs.append(
            RetentionRun(
                at=row.occurred_at,
                actor=row.actor,
                kind=str(kind.label) if kind else key,
                count=(row.changes.get("count") or [None, 0])[1],
            )
        )
    return runs
