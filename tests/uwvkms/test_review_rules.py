"""The rules of the review before submission (issue 21 §3, `uwvkms.review`): who may review,
the moves, and the gate a unit's scores wait for. Pure functions, tables."""

import pytest

from uwvkms.review import (
    REVIEW_TRANSITIONS,
    GateItem,
    ReviewCounts,
    Standing,
    fieldwork_gate,
    may_request_review,
    may_review,
    review_counts_text,
    review_next_status,
)

ME, LEAD, OTHER_LEAD, COLLEAGUE = 1, 2, 3, 4

TEAM = Standing(is_team_auditor=True, lead_ids=frozenset({LEAD}))
LEADING = Standing(is_team_auditor=True, is_lead=True, lead_ids=frozenset({ME}))
COORDINATOR = Standing(is_coordinator=True, lead_ids=frozenset({LEAD}))
OUTSIDE = Standing(lead_ids=frozenset({LEAD}))  # another team's auditor, a board, the RvB


@pytest.mark.parametrize(
    ("standing", "authors", "allowed"),
    [
        # The lead reviews another's work, never their own (nor what they asked review of).
        (LEADING, {COLLEAGUE}, True),
        (LEADING, {ME}, False),
        (LEADING, {COLLEAGUE, ME}, False),
        # Another auditor of the team: only where the lead is the author.
        (TEAM, {COLLEAGUE}, False),
        (TEAM, {LEAD}, True),
        (TEAM, {LEAD, COLLEAGUE}, True),
        (TEAM, {ME}, False),
        (TEAM, {LEAD, ME}, False),
        # Two leads: the other lead is free, so not an ordinary auditor.
        (Standing(is_team_auditor=True, lead_ids=frozenset({LEAD, OTHER_LEAD})), {LEAD}, False),
        # No lead at all: another auditor of the team or the coordination team.
        (Standing(is_team_auditor=True), {COLLEAGUE}, True),
        (Standing(is_coordinator=True), {COLLEAGUE}, True),
        # The coordination team: only where the lead is the author.
        (COORDINATOR, {COLLEAGUE}, False),
        (COORDINATOR, {LEAD}, True),
        (Standing(is_coordinator=True, lead_ids=frozenset({LEAD})), {ME, LEAD}, False),
        # Anyone else never, not even where the lead is the author.
        (OUTSIDE, {LEAD}, False),
        (OUTSIDE, {COLLEAGUE}, False),
        (Standing(), set(), False),
    ],
)
def test_who_may_review(standing, authors, allowed):
    assert may_review(user_id=ME, author_ids=authors, standing=standing) is allowed


@pytest.mark.parametrize(
    ("standing", "allowed"),
    [(TEAM, True), (LEADING, True), (COORDINATOR, False), (OUTSIDE, False), (Standing(), False)],
)
def test_who_may_mark_ready(standing, allowed):
    assert may_request_review(standing) is allowed


@pytest.mark.parametrize(
    ("status", "action", "to"),
    [
        ("concept", "request", "klaar"),
        ("teruggestuurd", "request", "klaar"),
        ("klaar", "approve", "beoordeeld"),
        ("klaar", "send_back", "teruggestuurd"),
        ("klaar", "request", None),
        ("concept", "approve", None),
        ("concept", "send_back", None),
        ("beoordeeld", "approve", None),
        ("beoordeeld", "send_back", None),
        ("beoordeeld", "request", None),
        ("teruggestuurd", "approve", None),
    ],
)
def test_the_moves(status, action, to):
    assert review_next_status(status, action) == to
    assert ((status, action) in REVIEW_TRANSITIONS) is (to is not None)


def _item(key, status, reviewer=None, authors=(COLLEAGUE,)):
    return GateItem(key=key, status=status, reviewed_by_id=reviewer, author_ids=frozenset(authors))


@pytest.mark.parametrize(
    ("items", "waiting"),
    [
        # Nothing to review: nothing to wait for.
        ([], []),
        ([_item("a", "beoordeeld", LEAD)], []),
        ([_item("a", "beoordeeld", LEAD), _item("b", "beoordeeld", ME)], []),
        # Anything not beoordeeld waits, in the given order.
        ([_item("a", "concept"), _item("b", "beoordeeld", LEAD)], ["a"]),
        (
            [_item("a", "klaar"), _item("b", "teruggestuurd", LEAD), _item("c", "concept")],
            ["a", "b", "c"],
        ),
        # Beoordeeld by its own author (old or bad data) does not count.
        ([_item("a", "beoordeeld", COLLEAGUE)], ["a"]),
        ([_item("a", "beoordeeld", None)], ["a"]),
    ],
)
def test_the_submission_gate(items, waiting):
    decision = fieldwork_gate(items)
    assert [item.key for item in decision.waiting] == waiting
    assert decision.open is (not waiting)


@pytest.mark.parametrize(
    ("counts", "text"),
    [
        (None, "–"),
        (ReviewCounts(), "–"),
        (ReviewCounts(total=3, beoordeeld=3), "alles beoordeeld"),
        (ReviewCounts(total=4, klaar=2, beoordeeld=2), "2 te beoordelen"),
        (
            ReviewCounts(total=6, klaar=2, teruggestuurd=1, concept=3),
            "2 te beoordelen · 1 teruggestuurd · 3 concept",
        ),
        (ReviewCounts(total=1, teruggestuurd=1), "1 teruggestuurd"),
    ],
)
def test_the_cockpit_words(counts, text):
    assert review_counts_text(counts) == text


def test_counts_add_up():
    total = ReviewCounts(total=2, klaar=1, beoordeeld=1) + ReviewCounts(total=1, concept=1)
    assert total == ReviewCounts(total=3, concept=1, klaar=1, beoordeeld=1)
    assert total.waiting == 2
