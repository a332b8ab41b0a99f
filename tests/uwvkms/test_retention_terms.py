"""When a retention term has passed (uwvkms.retention.term_ended) and its query form
(latest_start) agree, leap days included."""

import datetime

import pytest

from uwvkms.retention import latest_start, term_ended

D = datetime.date


@pytest.mark.parametrize(
    ("start", "years", "today", "ended"),
    [
        (D(2031, 9, 15), 3, D(2034, 9, 14), False),  # the day before
        (D(2031, 9, 15), 3, D(2034, 9, 15), True),  # the same day, years later
        (D(2031, 9, 15), 3, D(2040, 1, 1), True),
        (D(2031, 9, 15), 3, D(2031, 9, 15), False),  # the day itself
        (D(2032, 2, 29), 1, D(2033, 2, 28), False),  # a leap day counts on to 1 March
        (D(2032, 2, 29), 1, D(2033, 3, 1), True),
        (D(2032, 2, 29), 4, D(2036, 2, 29), True),  # the next leap day
        (D(2031, 12, 31), 7, D(2038, 12, 30), False),
        (D(2031, 12, 31), 7, D(2038, 12, 31), True),
    ],
)
def test_term_ended(start, years, today, ended):
    assert term_ended(start, years, today) is ended
    # The query form: due when start <= latest_start(years, today).
    assert (start <= latest_start(years, today)) is ended


@pytest.mark.parametrize(
    ("years", "today", "latest"),
    [
        (3, D(2034, 9, 15), D(2031, 9, 15)),
        (1, D(2036, 2, 29), D(2035, 2, 28)),  # no 29 February a year earlier
        (7, D(2040, 1, 1), D(2033, 1, 1)),
    ],
)
def test_latest_start(years, today, latest):
    assert latest_start(years, today) == latest
