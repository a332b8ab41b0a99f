"""The per-tertaal overview of follow-up actions: per unit, the actions due in the chosen tertaal
(default the current one) that are open, overdue, done without effect measured (a gap, never a
success) and done with effect measured, plus what is still not done from earlier tertalen.
Counted by the database, in agreement with `findings.rules.follow_up_state`, with a constant
number of queries. The coordination team sees every unit, a unit's board its own."""

import datetime
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from findings.rules import FollowUpState, Tertaal, follow_up_state
from findings.selectors.follow_up import tertaal_choices, tertaal_overview
from tests.factories import (
    BusinessUnitFactory,
    EffectMeasurementFactory,
    FollowUpActionFactory,
    RecommendationFactory,
    UserFactory,
)
from uwvkms.constants import Role

TODAY = datetime.date(2032, 6, 15)  # in T2 2032 (May–August)
T2 = Tertaal(2032, 2)
URL = reverse("findings:tertaal_overview")


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)
    return TODAY


def make_action(cycle, unit, *, status, due_on, measured=False):
    action = FollowUpActionFactory(
        recommendation=RecommendationFactory(cycle=cycle, unit=unit), status=status, due_on=due_on
    )
    if measured:
        EffectMeasurementFactory(action=action)
    return action


DUE_DATES = [
    datetime.date(2032, 3, 1),  # T1: an earlier tertaal
    datetime.date(2032, 5, 1),  # T2, before today
    datetime.date(2032, 6, 15),  # T2, today
    datetime.date(2032, 8, 31),  # T2, after today
    datetime.date(2032, 9, 1),  # T3
]
STATUSES = ["gepland", "in_uitvoering", "gereed", "vervallen"]


def test_the_database_counts_agree_with_the_follow_up_rule(cycle, uitkeren):
    actions = [
        make_action(cycle, uitkeren, status=status, due_on=due_on, measured=measured)
        for status, due_on, measured in itertools.product(STATUSES, DUE_DATES, [False, True])
    ]
    expected = {state: 0 for state in vars(FollowUpState).values() if isinstance(state, str)}
    backlog = 0
    for action in actions:
        state = follow_up_state(
            status=action.status,
            due_on=action.due_on,
            has_effect_measurement=action.measurements.exists(),
            today=TODAY,
        )
        if T2.start <= action.due_on <= T2.end:
            expected[state] += 1
        elif action.due_on < T2.start and action.status in ("gepland", "in_uitvoering"):
            backlog += 1
    overview = tertaal_overview(tertaal=T2, today=TODAY)
    (row,) = [r for r in overview.rows if r.unit == uitkeren]
    counts = row.counts
    assert counts.open == expected[FollowUpState.OPEN]
    assert counts.overdue == expected[FollowUpState.OVERDUE]
    assert counts.done_without_effect == expected[FollowUpState.DONE_WITHOUT_EFFECT]
    assert counts.done_with_effect == expected[FollowUpState.DONE_WITH_EFFECT]
    assert counts.cancelled == expected[FollowUpState.CANCELLED]
    assert counts.due == counts.open + counts.overdue + counts.done_without_effect + (
        counts.done_with_effect
    )
    assert row.backlog == backlog == 4
    # Three due dates in T2 × two measured states: per status six actions.
    assert (counts.open, counts.overdue, counts.done_without_effect, counts.done_with_effect) == (
        8,
        4,
        3,
        3,
    )


@pytest.mark.parametrize(
    ("status", "due_on", "measured", "column"),
    [
        ("gepland", datetime.date(2032, 7, 1), False, "open"),
        ("in_uitvoering", datetime.date(2032, 6, 1), False, "overdue"),
        ("gereed", datetime.date(2032, 6, 1), False, "done_without_effect"),
        ("gereed", datetime.date(2032, 6, 1), True, "done_with_effect"),
        ("vervallen", datetime.date(2032, 6, 1), False, "cancelled"),
    ],
)
def test_each_action_lands_in_one_column(cycle, uitkeren, status, due_on, measured, column):
    make_action(cycle, uitkeren, status=status, due_on=due_on, measured=measured)
    counts = tertaal_overview(tertaal=T2, today=TODAY, unit=uitkeren).rows[0].counts
    columns = ["open", "overdue", "done_without_effect", "done_with_effect", "cancelled"]
    assert {c: getattr(counts, c) for c in columns} == {c: int(c == column) for c in columns}
    assert counts.due == (0 if column == "cancelled" else 1)


def test_done_without_effect_is_shown_as_a_gap_not_as_success(
    client, coordinator, today, cycle, uitkeren
):
    make_action(cycle, uitkeren, status="gereed", due_on=datetime.date(2032, 6, 1))
    client.force_login(coordinator)
    response = client.get(URL)
    row = next(r for r in response.context["overview"].rows if r.unit == uitkeren)
    assert (row.counts.done_without_effect, row.counts.done_with_effect) == (1, 0)
    assert "gereed zonder effectmeting (hiaat)" in response.content.decode()


def test_the_default_is_the_current_tertaal(client, coordinator, today, cycle, uitkeren):
    client.force_login(coordinator)
    response = client.get(URL)
    assert response.status_code == 200
    assert response.context["overview"].tertaal == T2
    assert "Vervolgacties in T2 2032" in response.content.decode()


def test_another_tertaal_can_be_chosen(client, coordinator, today, cycle, uitkeren):
    make_action(cycle, uitkeren, status="gepland", due_on=datetime.date(2032, 10, 1))
    client.force_login(coordinator)
    response = client.get(URL, {"tertaal": "2032-3"})
    assert response.status_code == 200
    assert response.context["overview"].tertaal == Tertaal(2032, 3)
    row = next(r for r in response.context["overview"].rows if r.unit == uitkeren)
    assert (row.counts.due, row.counts.open) == (1, 1)
    # A tertaal without actions may be asked for too.
    assert client.get(URL, {"tertaal": "2040-1"}).status_code == 200


@pytest.mark.parametrize("value", ["2032-4", "T2", "2032", "-1"])
def test_an_unknown_tertaal_is_refused(client, coordinator, today, value):
    client.force_login(coordinator)
    response = client.get(URL, {"tertaal": value})
    assert response.status_code == 400
    assert "Kies een tertaal uit de lijst." in response.content.decode()


def test_the_choices_span_every_due_date_and_the_current_tertaal(cycle, uitkeren):
    make_action(cycle, uitkeren, status="gepland", due_on=datetime.date(2031, 2, 1))
    choices = tertaal_choices(today=TODAY)
    assert choices[0] == Tertaal(2031, 1) and choices[-1] == Tertaal(2032, 3)
    assert T2 in choices and len(choices) == 6


def test_the_coordinator_sees_every_unit_with_actions_and_totals(
    client, coordinator, today, cycle, uitkeren, communicatie, fez
):
    make_action(cycle, uitkeren, status="gepland", due_on=datetime.date(2032, 6, 1))
    make_action(cycle, communicatie, status="gepland", due_on=datetime.date(2032, 7, 1))
    client.force_login(coordinator)
    response = client.get(URL)
    overview = response.context["overview"]
    assert [r.unit for r in overview.rows] == [communicatie, uitkeren]  # FEZ has no actions
    assert (overview.totals.due, overview.totals.overdue, overview.totals.open) == (2, 1, 1)
    assert "Totaal" in response.content.decode()


def test_a_unit_board_sees_only_its_own_unit(
    client, unit_board, today, cycle, uitkeren, communicatie
):
    make_action(cycle, uitkeren, status="gepland", due_on=datetime.date(2032, 6, 1))
    make_action(cycle, communicatie, status="gepland", due_on=datetime.date(2032, 7, 1))
    client.force_login(unit_board)
    response = client.get(URL)
    assert response.status_code == 200
    assert [r.unit for r in response.context["overview"].rows] == [uitkeren]
    assert "Communicatie" not in response.content.decode()


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_overview_uses_a_constant_number_of_queries(
    client, coordinator, today, cycle, uitkeren, django_assert_max_num_queries
):
    make_action(cycle, uitkeren, status="gepland", due_on=datetime.date(2032, 6, 1))
    client.force_login(coordinator)
    small = _count(client, URL)
    for n in range(12):
        unit = BusinessUnitFactory()
        for status, due_on in itertools.product(STATUSES, DUE_DATES[:3]):
            make_action(cycle, unit, status=status, due_on=due_on, measured=n % 2 == 0)
    with django_assert_max_num_queries(small):
        response = client.get(URL)
    assert len(response.context["overview"].rows) >= 13


@pytest.mark.parametrize("persona", ["auditor", "other_auditor", "board_member", "outsider"])
def test_others_cannot_see_the_overview(client, request, db, persona, today):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(URL).status_code == 403


def test_a_board_member_without_a_unit_is_refused(client, db, today):
    client.force_login(UserFactory(username="los", business_unit=None, roles=[Role.DIRECTIE]))
    assert client.get(URL).status_code == 403
