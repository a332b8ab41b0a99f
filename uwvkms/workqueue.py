"""The work queue ("Wat vraagt uw aandacht", issue 16 §1): per user what needs them now, most
urgent first, each line linking to the page where it is done.

The core knows no app: each app registers a provider in its `AppConfig.ready()`, a callable
`provider(user, today) -> list[WorkItem]` that answers in a fixed number of queries whatever the
data size (and in none for a user whose roles give it nothing to say). `work_queue_for` merges
them and orders them by `queue_order`, a pure rule."""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import IntEnum

from django.utils import timezone


class Urgency(IntEnum):
    """How urgently an item asks for its person; lower sorts first."""

    # Someone is held up by this person now: sent back, failed, refused, past its date.
    URGENT = 0
    # This person's to do, nothing waits on it yet.
    ACTION = 1
    # Where this person's work stands, or what waits on others: for information.
    PROGRESS = 2


@dataclass(frozen=True)
class WorkItem:
    """One line of the work queue: what (title), why or how far (detail), where it is done (url),
    what kind of work it is (kind, a Dutch label), how urgent, and by when (due_on, if any)."""

    kind: str
    title: str
    url: str
    urgency: Urgency = Urgency.ACTION
    detail: str = ""
    due_on: datetime.date | None = None

    def is_overdue(self, today: datetime.date) -> bool:
        """Past its date (today itself is still in time)."""
        return self.due_on is not None and self.due_on < today


Provider = Callable[..., list[WorkItem]]

_providers: list[Provider] = []


def register(provider: Provider) -> None:
    """Add an app's provider (called from `AppConfig.ready()`; registering twice adds it once)."""
    if provider not in _providers:
        _providers.append(provider)


def queue_sort_key(item: WorkItem, today: datetime.date) -> tuple:
    """The order of the work queue: overdue work counts as urgent whatever its provider said;
    then by urgency, then the earliest date first (undated after dated), then by title.

    >>> queue_sort_key(WorkItem("k", "b", "/", Urgency.ACTION, due_on=datetime.date(2026, 1, 1)),
    ...                datetime.date(2026, 6, 1))[0]
    <Urgency.URGENT: 0>"""
    urgency = Urgency.URGENT if item.is_overdue(today) else item.urgency
    return (urgency, item.due_on is None, item.due_on or datetime.date.max, item.title)


def queue_order(items: Iterable[WorkItem], today: datetime.date) -> list[WorkItem]:
    """`items` most urgent first (see `queue_sort_key`)."""
    return sorted(items, key=lambda item: queue_sort_key(item, today))


def work_queue_for(user, *, today: datetime.date | None = None) -> list[WorkItem]:
    """Everything the registered providers say needs `user` now, most urgent first. Empty for an
    anonymous or inactive user."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    today = today or timezone.localdate()
    items: list[WorkItem] = []
    for provider in _providers:
        items.extend(provider(user, today))
    return queue_order(items, today)
