"""Business rules of the communication track (issue 20, the process guide's "Communicatie"):
who may update a discipline's task, how its status moves, and when its due date is plausible.
Pure functions over plain values, no ORM; table-driven tests in
tests/herstel/test_communication_rules.py."""

import datetime
from collections.abc import Iterable

from django.utils.translation import gettext as _

from herstel.constants import ALL_STEPS, TASK_TRANSITIONS, Capacity, Discipline, TaskStatus
from uwvkms.dates import dutch

# A task is for the near term of a communication approach: a due date further ahead than this
# is a typing mistake (a wrong year), not a plan.
TASK_HORIZON_DAYS = 2 * 366


def updates_task(*, capacities: Iterable[str], is_owner: bool) -> bool:
    """Who updates a task: the issuemanager every task of their action; a task's owner (when a
    user) their own."""
    return Capacity.ISSUEMANAGER in set(capacities) or is_owner


def task_update_refusal(*, capacities: Iterable[str], is_owner: bool, step: str) -> str | None:
    """Why this person cannot update a task now (None: they can): they are not who updates it
    (`updates_task`), or the action is closed (read-only)."""
    if not updates_task(capacities=capacities, is_owner=is_owner):
        return _("Alleen de issuemanager en de eigenaar van de taak werken een taak bij.")
    if step not in ALL_STEPS:
        return _("De herstelactie is afgesloten; het communicatiespoor is alleen nog te lezen.")
    return None


def task_status_problem(old: str, new: str) -> str | None:
    """Whether a task may move from status `old` to `new` (TASK_TRANSITIONS; staying is
    always allowed)."""
    if old == new:
        return None
    if TaskStatus(new) not in TASK_TRANSITIONS[TaskStatus(old)]:
        return _("Een taak met status %(old)s kan niet naar %(new)s.") % {
            "old": TaskStatus(old).label,
            "new": TaskStatus(new).label,
        }
    return None


def task_problems(
    *,
    discipline: str,
    business_unit_id: int | None,
    owner_name: str,
    due_on: datetime.date | None,
    status: str,
    done: str,
    today: datetime.date,
    previous_due_on: datetime.date | None = None,
) -> dict[str, str]:
    """What is wrong with a task as entered, per field. A division's task names the division
    (and only it); every task has an owner; a finished task says what was done; the due date is
    not in the past (unless it was already set so: an overdue task can still be updated) and not
    more than two years ahead."""
    problems = {}
    if discipline == Discipline.DIVISIE and business_unit_id is None:
        problems["business_unit"] = _("Kies de divisie waarvan dit de taak is.")
    if discipline != Discipline.DIVISIE and business_unit_id is not None:
        problems["business_unit"] = _("Een divisie hoort alleen bij de discipline Divisie.")
    if not owner_name.strip():
        problems["owner_name"] = _("Kies een gebruiker of vul de naam van de eigenaar in.")
    if status == TaskStatus.GEREED and not done.strip():
        problems["done"] = _("Schrijf op wat er is gedaan voordat u de taak gereed meldt.")
    if due_on is None:
        problems["due_on"] = _("Geef de datum waarop de taak gereed moet zijn.")
    elif due_on != previous_due_on:
        if due_on < today:
            problems["due_on"] = _("Kies een datum van vandaag (%(today)s) of later.") % {
                "today": dutch(today)
            }
        elif due_on > today + datetime.timedelta(days=TASK_HORIZON_DAYS):
            problems["due_on"] = _(
                "Kies een datum binnen twee jaar (uiterlijk %(last)s); controleer het jaartal."
            ) % {"last": dutch(today + datetime.timedelta(days=TASK_HORIZON_DAYS))}
    return problems
