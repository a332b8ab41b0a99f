"""Reads of the organisation core."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models
from django.db.models import Q, QuerySet

from uwvkms.constants import Role
from uwvkms.events import RETENTION_APPLIED
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
    ready to show with `components/history.html`. One query however many rows; none for no
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
    if oldest_first:
        rows = rows.order_by("occurred_at", "id")
    return history_entries(rows, fmt)


def api_tokens_of(user: User) -> QuerySet[ApiToken]:
    """A user's own API tokens, newest first; the only way views reach a token."""
    return ApiToken.objects.filter(user=user)


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
