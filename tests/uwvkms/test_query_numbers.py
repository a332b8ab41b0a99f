"""A whole number in a query string is ASCII digits within stated bounds (`parse_int`); Python's
int() and str.isdigit() accept more ("²", "١", " 1"), which made pages answer 500."""

import pytest

from uwvkms.query import INT_MAX, parse_int


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1", 1),
        ("0042", 42),
        (str(INT_MAX), INT_MAX),
        (str(INT_MAX + 1), None),
        ("99999999999999999999", None),
        ("9" * 5000, None),  # int() would refuse it with a ValueError of its own
        ("²", None),  # isdigit() says yes, int() says no
        ("١", None),  # Arabic-Indic one: int() reads 1
        ("１", None),  # fullwidth one
        ("-1", None),
        ("+1", None),
        ("1e3", None),
        ("1.0", None),
        ("1_000", None),
        (" 1", None),
        ("1 ", None),
        ("1\n", None),
        ("", None),
        (None, None),
        (1, None),
    ],
)
def test_parse_int(raw, expected):
    assert parse_int(raw) == expected


def test_bounds():
    assert parse_int("0") == 0
    assert parse_int("0", minimum=1) is None
    assert parse_int("2100", minimum=2000, maximum=2100) == 2100
    assert parse_int("2101", minimum=2000, maximum=2100) is None
