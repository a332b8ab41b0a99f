"""Exports read as Dutch: dates as 7-12-2026, moments in local time (Europe/Amsterdam, never
UTC or ISO), amounts with a decimal comma (issue 17, "readable everywhere")."""

import datetime
from decimal import Decimal

import pytest

from uwvkms.exports import to_csv


def cells(value) -> str:
    text = to_csv([(None, ["waarde"], [[value]])]).decode("utf-8-sig")
    return text.splitlines()[1]


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (datetime.date(2026, 12, 7), "7-12-2026"),
        (datetime.date(2025, 3, 31), "31-3-2025"),
        # 23:30 UTC on 6 December is 00:30 on 7 December in Amsterdam (winter time).
        (datetime.datetime(2026, 12, 6, 23, 30, tzinfo=datetime.UTC), "7-12-2026 00:30"),
        # 22:15 UTC on 30 June is 00:15 on 1 July (summer time, two hours ahead).
        (datetime.datetime(2026, 6, 30, 22, 15, tzinfo=datetime.UTC), "1-7-2026 00:15"),
        (Decimal("1234.5"), "1234,50"),
        ("=SOM(A1)", "'=SOM(A1)"),
    ],
)
def test_a_csv_cell_reads_as_dutch(value, shown):
    assert cells(value) == shown
