"""The plausible-date rules (issue 17), table-tested."""

import datetime

import pytest

from uwvkms.dates import fieldwork_period_problems, happened_between, not_before, not_in_future

D = datetime.date
TODAY = D(2026, 12, 7)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),
        (TODAY, None),
        (D(2020, 1, 1), None),
        (D(2026, 12, 8), "Kies een datum van vandaag (7 december 2026) of eerder."),
        (D(2031, 5, 1), "Kies een datum van vandaag (7 december 2026) of eerder."),
    ],
)
def test_not_in_future(value, expected):
    assert not_in_future(value, today=TODAY) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),
        (D(2025, 3, 3), None),
        (D(2025, 3, 4), None),
        (
            D(2025, 3, 2),
            "Kies een datum op of na de start van de herstelactie (3 maart 2025).",
        ),
    ],
)
def test_not_before(value, expected):
    assert (
        not_before(value, earliest=D(2025, 3, 3), what="de start van de herstelactie") == expected
    )


@pytest.mark.parametrize(
    ("value", "ok"),
    [(D(2025, 3, 3), True), (TODAY, True), (D(2020, 1, 1), False), (D(2031, 1, 1), False)],
)
def test_happened_between(value, ok):
    problem = happened_between(value, earliest=D(2025, 3, 3), what="de start", today=TODAY)
    assert (problem is None) == ok


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (None, None, {}),
        (D(2025, 7, 1), D(2025, 11, 30), {}),
        (D(2025, 9, 1), D(2026, 3, 31), {}),  # on into the next year's first quarter
        (D(2025, 9, 1), D(2026, 4, 1), {"period_end": "… uiterlijk 31 maart 2026."}),
        (
            D(2024, 9, 1),
            D(2025, 3, 1),
            {"period_start": "Kies een begin van het veldwerk in 2025."},
        ),
        (
            D(2025, 9, 1),
            D(2025, 8, 1),
            {"period_end": "Kies een einde van het veldwerk na het begin."},
        ),
        (None, D(2024, 12, 1), {"period_end": "… uiterlijk 31 maart 2026."}),
    ],
)
def test_fieldwork_period_problems(start, end, expected):
    problems = fieldwork_period_problems(start, end, year=2025)
    assert set(problems) == set(expected)
    for field, text in expected.items():
        if text.startswith("…"):
            assert problems[field].endswith(text[2:])
        else:
            assert problems[field] == text
