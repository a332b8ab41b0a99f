"""One way to record a change (`uwvkms.changes`): plain JSON-safe values and the diff
`{field: [old, new]}` of the fields that changed."""

import datetime
import json
from decimal import Decimal

import pytest

from audits.constants import CycleStatus
from tests.factories import BusinessUnitFactory
from uwvkms.changes import changes_between, created, plain


@pytest.mark.parametrize(
    ("value", "stored"),
    [
        (None, None),
        (True, True),
        (3, 3),
        (2.5, 2.5),
        ("tekst", "tekst"),
        (Decimal("90.00"), "90.00"),
        (Decimal("-0.5"), "-0.5"),
        (datetime.date(2026, 12, 7), "2026-12-07"),
        (
            datetime.datetime(2026, 12, 6, 23, 30, tzinfo=datetime.UTC),
            "2026-12-06T23:30:00+00:00",
        ),
        (datetime.time(9, 15), "09:15:00"),
        (CycleStatus.VELDWERK, "veldwerk"),
        ([datetime.date(2026, 1, 2), Decimal("1.10")], ["2026-01-02", "1.10"]),
        ((1, "a"), [1, "a"]),
        ({"b", "a"}, ["a", "b"]),
        ({"bedrag": Decimal("5.00")}, {"bedrag": "5.00"}),
    ],
)
def test_plain(value, stored):
    assert plain(value) == stored
    json.dumps(plain(value))  # the event log can store it


def test_a_record_is_stored_as_its_text(db):
    assert plain(BusinessUnitFactory(name="Uitkeren")) == "Uitkeren"


@pytest.mark.parametrize(
    ("old", "new", "diff"),
    [
        ({"a": 1}, {"a": 1}, {}),
        ({"a": 1}, {"a": 2}, {"a": [1, 2]}),
        ({}, {"a": "x"}, {"a": [None, "x"]}),  # created
        ({"a": "x"}, {}, {"a": ["x", None]}),  # removed
        ({"a": 1, "b": 2}, {"a": 1, "b": 3}, {"b": [2, 3]}),  # only what changed
        ({"bedrag": Decimal("90")}, {"bedrag": Decimal("90.00")}, {}),  # the same amount
        ({"bedrag": Decimal("90")}, {"bedrag": Decimal("91.50")}, {"bedrag": ["90", "91.50"]}),
        (
            {"due_on": datetime.date(2026, 1, 1)},
            {"due_on": None},
            {"due_on": ["2026-01-01", None]},
        ),
        ({"ids": [1, 2]}, {"ids": [1, 2, 3]}, {"ids": [[1, 2], [1, 2, 3]]}),
    ],
)
def test_changes_between(old, new, diff):
    assert changes_between(old, new) == diff


def test_created_records_the_values_it_has():
    assert created({"title": "Actie", "owner": "", "target": None, "baseline": Decimal("0")}) == {
        "title": [None, "Actie"],
        "baseline": [None, "0"],
    }
