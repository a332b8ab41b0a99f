"""The district draw rule: random, reproducible, central and decentral both covered."""

import random

import pytest

from audits.rules import draw_districts

C, D = "centraal", "decentraal"
HOOFDKANTOOR, STAF = ("Hoofdkantoor", C), ("Staf", C)
AMSTERDAM, ROTTERDAM, ZWOLLE = ("Amsterdam", D), ("Rotterdam", D), ("Zwolle", D)
MIXED = [AMSTERDAM, HOOFDKANTOOR, ROTTERDAM, STAF, ZWOLLE]
SEEDS = range(200)


@pytest.mark.parametrize(
    ("candidates", "count", "centrals", "decentrals"),
    [
        # both kinds present: at least one of each, whatever the seed
        (MIXED, 2, 1, 1),
        ([HOOFDKANTOOR, AMSTERDAM], 2, 1, 1),
        ([HOOFDKANTOOR, AMSTERDAM, ROTTERDAM, ZWOLLE], 2, 1, 1),
        # only one kind: the draw takes what there is
        ([AMSTERDAM, ROTTERDAM, ZWOLLE], 2, 0, 2),
        ([HOOFDKANTOOR, STAF], 2, 2, 0),
    ],
)
def test_draw_covers_central_and_decentral_when_both_exist(candidates, count, centrals, decentrals):
    for seed in SEEDS:
        drawn = draw_districts(candidates, seed=seed, count=count)
        assert len(drawn) == count == len(set(drawn))
        assert set(drawn) <= set(candidates)
        assert sum(kind == C for _name, kind in drawn) == centrals
        assert sum(kind == D for _name, kind in drawn) == decentrals


@pytest.mark.parametrize(
    ("candidates", "count", "min_central", "min_decentral"),
    [(MIXED, 3, 1, 1), (MIXED, 4, 1, 2), (MIXED, 5, 2, 3), ([STAF, ZWOLLE, AMSTERDAM], 3, 1, 2)],
)
def test_larger_draws_still_hold_both_kinds(candidates, count, min_central, min_decentral):
    for seed in SEEDS:
        drawn = draw_districts(candidates, seed=seed, count=count)
        assert len(set(drawn)) == count
        assert sum(kind == C for _name, kind in drawn) >= min_central
        assert sum(kind == D for _name, kind in drawn) >= min_decentral


@pytest.mark.parametrize(
    ("candidates", "seed", "count", "expected"),
    [
        # Pinned results: the documented method, redone by anyone with Python's random module.
        (MIXED, 20310901, 3, [HOOFDKANTOOR, ROTTERDAM, AMSTERDAM]),
        (MIXED, 1, 2, [HOOFDKANTOOR, ZWOLLE]),
        ([AMSTERDAM, STAF], 1, 2, [STAF, AMSTERDAM]),
    ],
)
def test_same_seed_and_list_give_the_same_result(candidates, seed, count, expected):
    assert draw_districts(candidates, seed=seed, count=count) == expected
    assert draw_districts(list(candidates), seed=seed, count=count) == expected


@pytest.mark.parametrize("seed", [0, 7, 2**62 + 11, 2**63 - 1])  # secrets.randbits(63) range
def test_the_method_is_the_documented_one(seed):
    """Redo the draw by hand, following the docstring, and compare."""
    rng = random.Random(seed)
    first = [rng.choice([HOOFDKANTOOR, STAF]), rng.choice([AMSTERDAM, ROTTERDAM, ZWOLLE])]
    by_hand = first + rng.sample([c for c in MIXED if c not in first], 1)
    assert draw_districts(MIXED, seed=seed, count=3) == by_hand


def test_lists_as_stored_in_json_work_too():
    as_json = [list(c) for c in MIXED]
    assert draw_districts(as_json, seed=5, count=2) == draw_districts(MIXED, seed=5, count=2)


def test_different_seeds_give_different_draws():
    results = {tuple(draw_districts(MIXED, seed=seed, count=2)) for seed in SEEDS}
    assert len(results) == 6  # every central × decentral pair turns up


@pytest.mark.parametrize(
    ("candidates", "count"),
    [
        (MIXED, 0),
        (MIXED, 6),
        ([], 1),
        ([("Amsterdam", D), ("amsterdam", D)], 2),
    ],
)
def test_impossible_draws_are_refused(candidates, count):
    with pytest.raises(ValueError):
        draw_districts(candidates, seed=1, count=count)
