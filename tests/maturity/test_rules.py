"""The maturity rules: exact means rounded half up, the roll-up of aggregate buckets, and the
outliers that calibration discusses. Pure functions, table-driven."""

from decimal import Decimal
from fractions import Fraction

import pytest

from maturity.constants import OUTLIER_DISTANCE
from maturity.rules import (
    CalibrationScore,
    OutlierReason,
    ScopeBucket,
    ScoreBucket,
    buckets_from_levels,
    mean_change,
    mean_level,
    principle_outliers,
    principle_rollup,
    round_half_up,
)


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


# --- principle_rollup: aggregate buckets → figures (DOMAIN.md §3) ----------------------------

KLANT, OK = 1, 2


def bucket(principle_id=KLANT, *, levels, assessed=True, excluded=False, execution=False):
    """A bucket as the database returns it, built from the levels it aggregates."""
    return ScoreBucket(
        principle_id=principle_id,
        assessed=assessed,
        excluded=excluded,
        execution=execution,
        count=len(levels),
        total=sum(levels),
        minimum=min(levels),
        maximum=max(levels),
        per_level=tuple(levels.count(level) for level in range(1, 6)),
    )


def scope(principle_id=KLANT, *, units, excluded=False, execution=False):
    return ScopeBucket(
        principle_id=principle_id, excluded=excluded, execution=execution, units=units
    )


def summary(figures):
    """(unrounded, rounded, min, max, distribution, assessed units), or ("geen score", …)."""
    if figures.mean is None:
        return ("geen score", None, None, None, figures.distribution, figures.assessed_units)
    return (
        str(figures.mean.unrounded),
        figures.mean.rounded,
        figures.minimum,
        figures.maximum,
        figures.distribution,
        figures.assessed_units,
    )


NONE_0 = ("geen score", None, None, None, (0, 0, 0, 0, 0), 0)


@pytest.mark.parametrize(
    ("buckets", "scopes", "expected"),
    [
        pytest.param([], [], {}, id="no units: no figures, no error"),
        pytest.param(
            [bucket(levels=[2, 3], execution=True)],
            [scope(units=2, execution=True)],
            {
                KLANT: {
                    "all": ("2.50", 3, 2, 3, (0, 1, 1, 0, 0), 2),
                    "execution": ("2.50", 3, 2, 3, (0, 1, 1, 0, 0), 2),
                    "other": NONE_0,
                }
            },
            id="2.5 rounds half up to 3",
        ),
        pytest.param(
            [bucket(levels=[3] * 51 + [4] * 49)],
            [scope(units=100)],
            {
                KLANT: {
                    "all": ("3.49", 3, 3, 4, (0, 0, 51, 49, 0), 100),
                    "execution": NONE_0,
                    "other": ("3.49", 3, 3, 4, (0, 0, 51, 49, 0), 100),
                }
            },
            id="3.49 rounds down to 3",
        ),
        pytest.param(
            [
                bucket(levels=[4], execution=True),
                bucket(levels=[1, 4], execution=False),
                bucket(levels=[5]),  # a second bucket of the same kind adds up
            ],
            [scope(units=2, execution=True), scope(units=4)],
            {
                KLANT: {
                    "all": ("3.50", 4, 1, 5, (1, 0, 0, 2, 1), 6),
                    "execution": ("4.00", 4, 4, 4, (0, 0, 0, 1, 0), 2),
                    "other": ("3.33", 3, 1, 5, (1, 0, 0, 1, 1), 4),
                }
            },
            id="with and without execution processes",
        ),
        pytest.param(
            [bucket(levels=[1], assessed=False), bucket(OK, levels=[5], assessed=False)],
            [scope(units=1)],
            {KLANT: {"all": NONE_0[:5] + (1,), "execution": NONE_0, "other": NONE_0[:5] + (1,)}},
            id="absent principle: its stray score is left out, never a zero",
        ),
        pytest.param(
            [bucket(levels=[1], excluded=True), bucket(levels=[4])],
            [scope(units=1, excluded=True), scope(units=2)],
            {
                KLANT: {
                    "all": ("4.00", 4, 4, 4, (0, 0, 0, 1, 0), 2),
                    "execution": NONE_0,
                    "other": ("4.00", 4, 4, 4, (0, 0, 0, 1, 0), 2),
                }
            },
            id="excluded unit: neither its score nor its scope counts",
        ),
        pytest.param(
            [bucket(levels=[2], excluded=True)],
            [scope(units=1, excluded=True)],
            {},
            id="only an excluded unit: the principle has no figures",
        ),
        pytest.param(
            [],
            [scope(units=3, execution=True), scope(OK, units=1)],
            {
                KLANT: {
                    "all": NONE_0[:5] + (3,),
                    "execution": NONE_0[:5] + (3,),
                    "other": NONE_0,
                },
                OK: {"all": NONE_0[:5] + (1,), "execution": NONE_0, "other": NONE_0[:5] + (1,)},
            },
            id="assessed but nothing submitted yet: geen score, not 0",
        ),
        pytest.param(
            [bucket(levels=[2, 2, 3]), bucket(OK, levels=[5], execution=True)],
            [],
            {
                KLANT: {
                    "all": ("2.33", 2, 2, 3, (0, 2, 1, 0, 0), 0),
                    "execution": NONE_0,
                    "other": ("2.33", 2, 2, 3, (0, 2, 1, 0, 0), 0),
                },
                OK: {
                    "all": ("5.00", 5, 5, 5, (0, 0, 0, 0, 1), 0),
                    "execution": ("5.00", 5, 5, 5, (0, 0, 0, 0, 1), 0),
                    "other": NONE_0,
                },
            },
            id="principles apart",
        ),
    ],
)
def test_principle_rollup(buckets, scopes, expected):
    result = principle_rollup(buckets, scopes)
    assert {
        principle_id: {
            "all": summary(rollup.all),
            "execution": summary(rollup.execution),
            "other": summary(rollup.other),
        }
        for principle_id, rollup in result.items()
    } == expected


def test_principle_rollup_mean_is_an_exact_decimal():
    rollup = principle_rollup([bucket(levels=[2, 3])])[KLANT]
    assert rollup.all.mean.unrounded == Decimal("2.50")
    assert isinstance(rollup.all.mean.unrounded, Decimal)


def test_buckets_from_levels_groups_a_snapshot_like_the_database():
    # [unit, principle, level]; unit 10 has execution processes, unit 30 is excluded,
    # principle OK is not assessed at unit 20.
    levels = [[10, KLANT, 2], [20, KLANT, 3], [30, KLANT, 1], [10, OK, 4], [20, OK, 5]]
    buckets = buckets_from_levels(
        levels,
        assessed={(10, KLANT), (20, KLANT), (30, KLANT), (10, OK)},
        excluded_units={30},
        execution_units={10},
    )
    assert sorted(buckets, key=lambda b: (b.principle_id, b.execution, b.excluded)) == [
        bucket(levels=[3]),
        bucket(levels=[1], excluded=True),
        bucket(levels=[2], execution=True),
        bucket(OK, levels=[5], assessed=False),
        bucket(OK, levels=[4], execution=True),
    ]
    figures = principle_rollup(buckets)
    assert str(figures[KLANT].all.mean.unrounded) == "2.50"
    assert str(figures[OK].all.mean.unrounded) == "4.00"


# --- principle_outliers (DOMAIN.md §3, calibration) ------------------------------------------

FAR, NONE = OutlierReason.FAR_FROM_MEDIAN, OutlierReason.NO_EVIDENCE


def scores(*levels, evidence=True, submitted=True, counted=True, start=1):
    return [
        CalibrationScore(
            unit_id=start + i,
            level=level,
            submitted=submitted,
            has_evidence=evidence,
            counted=counted,
        )
        for i, level in enumerate(levels)
    ]


@pytest.mark.parametrize(
    ("given", "median", "reasons"),
    [
        pytest.param([], None, {}, id="no scores: no median"),
        pytest.param(scores(4), 4, {}, id="one score is its own median"),
        pytest.param(scores(1, 3, 3), 3, {1: (FAR,)}, id="odd count: the middle value"),
        pytest.param(scores(2, 3, 3, 5), 3, {4: (FAR,)}, id="even count: 3 and 3 → 3"),
        pytest.param(
            scores(1, 2, 4, 5), Fraction(3), {1: (FAR,), 4: (FAR,)}, id="even: (2 + 4) / 2 = 3"
        ),
        pytest.param(scores(2, 3), Fraction(5, 2), {}, id="even: (2 + 3) / 2 = 2.5"),
        pytest.param(scores(1, 4), Fraction(5, 2), {}, id="1.5 from 2.5 is not 2"),
        pytest.param(scores(1, 1, 2, 4), Fraction(3, 2), {4: (FAR,)}, id="2.5 from 1.5 is ≥ 2"),
        pytest.param(scores(3, 4, 5), 4, {}, id="one level apart is ordinary"),
        pytest.param(
            scores(3, 3) + scores(3, evidence=False, start=3),
            3,
            {3: (NONE,)},
            id="no cited evidence, even at the median",
        ),
        pytest.param(
            scores(1, 3) + scores(5, evidence=False, start=3),
            3,
            {1: (FAR,), 3: (FAR, NONE)},
            id="both reasons",
        ),
        pytest.param(
            scores(3, 3) + scores(1, submitted=False, evidence=False, start=3),
            3,
            {},
            id="a concept is neither compared nor counted",
        ),
        pytest.param(
            scores(3, 3, 3) + scores(None, submitted=False, evidence=False, start=4),
            3,
            {},
            id="a concept without level",
        ),
        pytest.param(
            scores(3, 3) + scores(1, 1, 1, counted=False, start=3),
            3,
            {},
            id="excluded units stay out of the median and the comparison",
        ),
        pytest.param(
            scores(3, 3) + scores(5, counted=False, evidence=False, start=3),
            3,
            {3: (NONE,)},
            id="an excluded unit's score without evidence is still flagged",
        ),
    ],
)
def test_principle_outliers(given, median, reasons):
    result = principle_outliers(given)
    assert result.median == median
    assert result.reasons == reasons


def test_outlier_distance_is_configurable_and_defaults_to_two():
    assert OUTLIER_DISTANCE == 2
    assert principle_outliers(scores(2, 3, 3), distance=1).reasons == {1: (FAR,)}


def test_principle_outliers_accepts_a_generator():
    assert principle_outliers(iter(scores(1, 3, 3))).reasons == {1: (FAR,)}


@pytest.mark.parametrize(
    ("first", "last", "change"),
    [
        ((7, 3), (8, 3), Decimal("0.33")),  # 2.33 → 2.67 shown, but the change is 1/3
        ((8, 3), (7, 3), Decimal("-0.33")),
        ((5, 2), (5, 2), Decimal("0.00")),
        ((10, 4), (11, 4), Decimal("0.25")),
        ((1, 8), (2, 8), Decimal("0.13")),  # 0.125 rounds half up
    ],
)
def test_mean_change_uses_the_exact_means(first, last, change):
    assert (
        mean_change(
            mean_level(total=first[0], count=first[1]), mean_level(total=last[0], count=last[1])
        )
        == change
    )
