"""One way to read a recorded history: the event log's rows as `HistoryEntry` rows (when, who,
what in words, old → new per field in plain display values, why), for the one template component
`components/history.html`.

The event log stores JSON-safe values (`uwvkms.services.audit_event_record`: a field maps to
``[old, new]``; dates and moments as ISO text). Here they become text a person reads: a moment in
local time, a date as "15 september 2031", a yes/no in Dutch, a stored code by its label, an empty
value as "–". What differs per history (a field's name, a code's label, a key built from a record
id) is said by a `ChangeFormat`, never by a history class of its own.
"""

import datetime
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import formats
from django.utils.translation import gettext as _

from uwvkms.events import event_label
from uwvkms.formats import local_datetime
from uwvkms.models import AuditEvent, User

EMPTY = "–"
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)?")


class Change(NamedTuple):
    """One field of one recorded change, in words: ``(field, old, new)``."""

    field: str
    old: str
    new: str


@dataclass(frozen=True)
class HistoryEntry:
    """One recorded change, ready to read."""

    occurred_at: datetime.datetime
    actor: User | None
    event: str  # the dotted name, for a page that treats one kind of event apart
    label: str
    changes: list[Change]
    reason: str = ""
    stored: Mapping = field(default_factory=dict, repr=False)  # as recorded, for a page's extras


@dataclass(frozen=True)
class ChangeFormat:
    """How the changes of one history read. Every part is optional; without any, a field shows as
    stored and a value in its plain display form.

    - `fields`: a stored key → its label; else the `model`'s verbose name; else the key itself.
    - `values`: a key → its codes' labels (a mapping or a `TextChoices`), looked up by the whole
      key and then by its last dotted part (``answers.12.recognition`` → ``recognition``).
    - `hidden`: keys never shown (a record id the entry shows otherwise); `only`: the keys shown,
      when a page shows one aspect of a record's changes.
    - `skip_unchanged`: leave out a field whose old and new read the same.
    - `field_label` / `display`: for keys built from data (``notes.<principle>``) or values that
      need more than a label; return None to fall back to the rules above.
    """

    fields: Mapping[str, object] = field(default_factory=dict)
    model: type[models.Model] | None = None
    values: Mapping[str, object] = field(default_factory=dict)
    hidden: frozenset[str] = frozenset()
    only: frozenset[str] | None = None
    skip_unchanged: bool = False
    field_label: Callable[[str], str | None] | None = None
    display: Callable[[str, object], str | None] | None = None

    def label_of(self, key: str) -> str:
        """The words for a stored key."""
        if self.field_label is not None and (label := self.field_label(key)) is not None:
            return str(label)
        if key in self.fields:
            return str(self.fields[key])
        if self.model is not None:
            try:
                return str(self.model._meta.get_field(key).verbose_name)
            except FieldDoesNotExist:
                pass
        return key

    def show(self, key: str, value) -> str:
        """The words for a stored value of `key`."""
        if self.display is not None and (shown := self.display(key, value)) is not None:
            return shown
        labels = self.values.get(key, self.values.get(key.rpartition(".")[2]))
        if labels is not None and isinstance(value, str | int) and not isinstance(value, bool):
            return code_label(labels, value)
        return display_value(value)


PLAIN = ChangeFormat()


def code_label(labels, value) -> str:
    """A stored code in words, by a mapping or a `TextChoices`; the code itself if unknown."""
    if isinstance(labels, Mapping):
        return str(labels.get(value, value))
    try:
        return str(labels(value).label)
    except ValueError:
        return str(value)


def display_value(value) -> str:
    """A JSON-safe stored value as plain text: "–" for nothing, Dutch yes/no, a moment in local
    time, a date in words, a list joined with "; "."""
    if value is None or value == "" or value == [] or value == {}:
        return EMPTY
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if isinstance(value, str):
        return _display_text(value)
    if isinstance(value, list | tuple):
        return "; ".join(display_value(item) for item in value)
    if isinstance(value, dict):
        return ", ".join(f"{key}: {display_value(item)}" for key, item in value.items())
    return str(value)


def _display_text(value: str) -> str:
    if _ISO_DATE.fullmatch(value):
        try:
            return formats.date_format(datetime.date.fromisoformat(value), "j F Y")
        except ValueError:
            return value
    if _ISO_MOMENT.fullmatch(value):
        try:
            return local_datetime(datetime.datetime.fromisoformat(value))
        except ValueError:
            return value
    return value


def changes_in_words(changes: Mapping, fmt: ChangeFormat = PLAIN) -> list[Change]:
    """The stored ``{field: [old, new]}`` of one event as `Change` rows, in stored order. A value
    stored bare (not as a pair) is shown as new."""
    rows = []
    for key, pair in (changes or {}).items():
        if key in fmt.hidden or (fmt.only is not None and key not in fmt.only):
            continue
        old, new = pair if isinstance(pair, list | tuple) and len(pair) == 2 else (None, pair)
        shown_old, shown_new = fmt.show(key, old), fmt.show(key, new)
        if fmt.skip_unchanged and shown_old == shown_new:
            continue
        rows.append(Change(fmt.label_of(key), shown_old, shown_new))
    return rows


def history_entry(event: AuditEvent, fmt: ChangeFormat = PLAIN) -> HistoryEntry:
    """One event log row, ready to read."""
    return HistoryEntry(
        occurred_at=event.occurred_at,
        actor=event.actor,
        event=event.event,
        label=event_label(event.event),
        changes=changes_in_words(event.changes, fmt),
        reason=event.reason,
        stored=event.changes or {},
    )


def history_entries(events: Iterable[AuditEvent], fmt: ChangeFormat = PLAIN) -> list[HistoryEntry]:
    """Event log rows, ready to read, in the order given."""
    return [history_entry(event, fmt) for event in events]
