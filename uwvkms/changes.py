"""One way to record what a change did (STYLE.md practice 14): the event log stores
`{field: [old, new]}` for the fields that changed, in plain JSON values. Services build the two
snapshots they care about and call `changes_between`; they never write the diff by hand.

Stored values are plain so the log stays readable and comparable: dates as ISO text (the
history display turns them into local time), amounts as exact decimal text, a record as the
text people know it by. Labels that only one app knows (an interview by date and place) stay
in that app's snapshot."""

import datetime
import enum
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils.functional import Promise


def plain(value: Any) -> Any:
    """`value` as the event log stores it (JSON-safe): None, booleans, numbers and text as they
    are; a choice as its stored value; Decimal as exact text ("90.00"); a date, time or moment
    as ISO text; a model instance as its text; lists, tuples and sets as lists; dicts with
    plain values. Anything else becomes its text."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, enum.Enum):
        return plain(value.value)
    if isinstance(value, str):
        return str(value)
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime.date | datetime.time):  # datetime is a date too
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [plain(item) for item in value]
        return sorted(items, key=str) if isinstance(value, set | frozenset) else items
    if isinstance(value, models.Model | Promise):
        return str(value)
    return str(value)


def changes_between(old: Mapping[str, Any], new: Mapping[str, Any]) -> dict[str, list]:
    """`{field: [old, new]}` in plain values for every field whose value differs between two
    snapshots; a field missing from one side counts as None (created or removed). Compared
    before they are made plain, so 90 and 90.00 are the same amount."""
    return {
        key: [plain(old.get(key)), plain(new.get(key))]
        for key in {**old, **new}
        if old.get(key) != new.get(key)
    }


def created(values: Mapping[str, Any]) -> dict[str, list]:
    """The changes of a new record: `[None, value]` for every field that has a value."""
    return changes_between(
        {}, {key: value for key, value in values.items() if value not in (None, "")}
    )
