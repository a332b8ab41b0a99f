"""The rules of the communication track's tasks (herstel/communication_rules.py),
as tables."""

import datetime

import pytest

from herstel.communication_rules import (
    task_problems,
    task_status_problem,
    task_update_refusal,
    updates_task,
)
from herstel.constants import Capacity, Step, TaskStatus

TODAY = datetime.date(2026, 12, 7)
IM, COM, LEAD, SBK, MEMBER = (
    Capacity.ISSUEMANAGER,
    Capacity.COMMUNICATIE,
    Capacity.LEAD_ADVISER,
    Capacity.SBK,
    Capacity.MEMBER,
)


@pytest.mark.parametrize(
    ("capacities", "is_owner", "updates"),
    [
        ({COM, IM}, False, True),  # the issuemanager: every task of the action
        ({MEMBER}, True, True),  # the owner: their own task
        (set(), True, True),
        ({COM}, False, False),  # Communicatie, not designated on this action, reads
        ({LEAD}, False, False),
        ({SBK}, False, False),
        ({MEMBER}, False, False),
        (set(), False, False),
    ],
)
def test_who_updates_a_task(capacities, is_owner, updates):
    assert updates_task(capacities=capacities, is_owner=is_owner) is updates


@pytest.mark.parametrize(
    ("capacities", "is_owner", "step", "refused"),
    [
        ({IM}, False, Step.STAP_1, None),
        ({MEMBER}, True, Step.STAP_3, None),
        ({IM}, False, Step.GESLOTEN, "afgesloten"),
        ({MEMBER}, True, Step.BEEINDIGD, "afgesloten"),
        ({LEAD}, False, Step.STAP_1, "Alleen de issuemanager en de eigenaar"),
    ],
)
def test_task_update_refusal(capacities, is_owner, step, refused):
    refusal = task_update_refusal(capacities=capacities, is_owner=is_owner, step=step)
    assert (refusal is None) if refused is None else (refused in refusal)


OPEN, U, G = TaskStatus.OPEN, TaskStatus.IN_UITVOERING, TaskStatus.GEREED


@pytest.mark.parametrize(
    ("old", "new", "allowed"),
    [
        (OPEN, OPEN, True),
        (OPEN, U, True),
        (OPEN, G, True),
        (U, OPEN, True),
        (U, G, True),
        (U, U, True),
        (G, U, True),  # reopened: something turned out to be missing
        (G, OPEN, False),
        (G, G, True),
    ],
)
def test_task_status_moves(old, new, allowed):
    assert (task_status_problem(old, new) is None) is allowed


def problems(**overrides):
    values = {
        "discipline": "woordvoering",
        "business_unit_id": None,
        "owner_name": "Wout Woord",
        "due_on": TODAY + datetime.timedelta(days=14),
        "status": OPEN,
        "done": "",
        "today": TODAY,
    } | overrides
    return task_problems(**values)


@pytest.mark.parametrize(
    ("overrides", "fields"),
    [
        ({}, set()),
        ({"discipline": "divisie"}, {"business_unit"}),
        ({"discipline": "divisie", "business_unit_id": 3}, set()),
        ({"business_unit_id": 3}, {"business_unit"}),
        ({"owner_name": "  "}, {"owner_name"}),
        ({"status": G}, {"done"}),
        ({"status": G, "done": "Persbericht verstuurd."}, set()),
        ({"due_on": None}, {"due_on"}),
        ({"due_on": TODAY}, set()),
        ({"due_on": TODAY - datetime.timedelta(days=1)}, {"due_on"}),
        # An overdue task keeps its date and can still be updated.
        (
            {
                "due_on": TODAY - datetime.timedelta(days=30),
                "previous_due_on": TODAY - datetime.timedelta(days=30),
            },
            set(),
        ),
        ({"due_on": TODAY + datetime.timedelta(days=2 * 366)}, set()),
        ({"due_on": datetime.date(2062, 12, 7)}, {"due_on"}),  # a mistyped year
    ],
)
def test_task_problems(overrides, fields):
    assert set(problems(**overrides)) == fields


def test_the_due_date_problems_speak_dutch():
    assert "of later" in problems(due_on=TODAY - datetime.timedelta(days=1))["due_on"]
    assert "7 december 2026" in problems(due_on=TODAY - datetime.timedelta(days=1))["due_on"]
    assert "jaartal" in problems(due_on=datetime.date(2062, 1, 1))["due_on"]
