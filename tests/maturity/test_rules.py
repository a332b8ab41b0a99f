"""The roll-up arithmetic: exact means, rounded half up, None without scores."""

from decimal import Decimal
from fractions import Fraction

import pytest

from maturity.rules import mean_level, round_half_up


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Fraction(5, 2), 3),  # Python's round(2.5) would give 2
        (Fraction(7, 2), 4),
        (Fraction(9, 4), 2),
        (Fraction(11, 4), 3),
        (Fraction(3, 1), 3),
        (Fraction(1, 2), 1),
        (Fraction(249, 100), 2),
        (Fraction(-5, 2), -3),
    ],
)
def test_round_half_up(value, expected):
    assert round_half_up(value) == expected


@pytest.mark.parametrize(
    ("total", "count", "unrounded", "rounded"),
    [
        (5, 2, Decimal("2.50"), 3),
        (7, 3, Decimal("2.33"), 2),
        (8, 3, Decimal("2.67"), 3),
        (3, 1, Decimal("3.00"), 3),
        (13, 6, Decimal("2.17"), 2),
        (15, 6, Decimal("2.50"), 3),
    ],
)
def test_mean_level(total, count, unrounded, rounded):
    mean = mean_level(total=total, count=count)
    assert mean.unrounded == unrounded
    assert mean.rounded == rounded


@pytest.mark.parametrize(("total", "count"), [(None, 0), (0, 0), (None, 3)])
def test_no_scores_is_none_not_zero(total, count):
    assert mean_level(total=total, count=count) is None
