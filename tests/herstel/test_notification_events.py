"""Notifications of herstelacties (issue 16 §3) beyond 2A and 2B: SBK is told when its task
towards SZW or the minister can be done, and when the minister's answer is awaited; the lead
division's advisers and DT when the action waits for its go/no-go; and, by the daily job, the
lead division's advisers when an evaluation is due within HERSTEL_EVALUATION_REMINDER_DAYS or
overdue. Nobody else: not another division's adviser or DT, not FEZ, not the RvB; SBK only
on the paths that ask something of it. Titles name the action only."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from herstel.constants import Forum, NotificationKind, Outcome, StepMove
from herstel.models import Evaluation, Herstelactie
from herstel.services.decisions import decision_correct
from tests.herstel.flow import (
    DAY,
    MINISTER_PATH,
    RVB_PATH,
    decide,
    go,
    import_rows,
    move,
    row,
    submit,
    to_execution,
)
from tests.herstel.flow import notify as inform
from uwvkms.models import Notification, ReminderSent
from uwvkms.reminders import reminders_send

TITLE = "Herstelactie ‘Te lage WW-uitkering na loonbeslag’"
EVERYONE = (
    "adviser",
    "other_adviser",
    "sbk_adviser",
    "fez_adviser",
    "dt_member",
    "other_dt",
    "board_member",
)


@pytest.fixture
def people(request):
    """Every herstel persona, so that each test sees who is told and who is not."""
    return {name: request.getfixturevalue(name) for name in EVERYONE}


def told(kind) -> set[str]:
    return set(Notification.objects.filter(kind=kind).values_list("recipient__username", flat=True))


def to_rvb(action, adviser, dt_member, values):
    """Submit the advice on a higher mandate; the DT takes note; on to the RvB (step 2B)."""
    submit(action, adviser, values)
    decide(action, dt_member, Forum.DT, Outcome.KENNISNAME)
    inform(action, adviser, NotificationKind.RVB_INFORMED)
    move(action, dt_member, StepMove.TO_RVB)


# --- SBK ------------------------------------------------------------------------------------


def test_an_rvb_decision_tells_sbk_to_inform_szw(action, people):
    to_rvb(action, people["adviser"], people["dt_member"], RVB_PATH)
    assert told("herstel.herstelactie.awaiting_sbk") == set()  # nothing decided yet
    decide(action, people["board_member"], Forum.RVB, Outcome.BESLUIT)
    assert told("herstel.herstelactie.awaiting_sbk") == {"adviseur.sbk"}
    notification = Notification.objects.get(kind="herstel.herstelactie.awaiting_sbk")
    assert notification.title == TITLE
    assert notification.url == reverse("herstel:decisions", args=[action.pk])
    assert (notification.object_type, notification.object_id) == (
        "herstel.herstelactie",
        str(action.pk),
    )
    # Informing SZW settles the task: nothing new for SBK, and never the minister's answer.
    inform(action, people["sbk_adviser"], NotificationKind.SZW_INFORMED)
    assert Notification.objects.filter(kind="herstel.herstelactie.awaiting_sbk").count() == 1
    assert told("herstel.herstelactie.awaiting_minister") == set()


def test_a_task_already_ready_is_not_told_again(action, people):
    to_rvb(action, people["adviser"], people["dt_member"], RVB_PATH)
    decision = decide(action, people["board_member"], Forum.RVB, Outcome.BESLUIT)
    decision_correct(
        actor=people["board_member"],
        decision=decision,
        outcome=Outcome.BESLUIT,
        body="Besloten, met een andere termijn.",
        decided_on=DAY,
        reason="Termijn verkeerd overgenomen.",
    )
    assert Notification.objects.filter(kind="herstel.herstelactie.awaiting_sbk").count() == 1


def test_the_minister_path_tells_sbk_of_the_note_then_of_the_answer(action, people):
    sbk_adviser = people["sbk_adviser"]
    to_rvb(action, people["adviser"], people["dt_member"], MINISTER_PATH)
    decide(action, people["board_member"], Forum.RVB, Outcome.VOORGENOMEN_BESLUIT)
    assert told("herstel.herstelactie.awaiting_sbk") == {"adviseur.sbk"}
    assert told("herstel.herstelactie.awaiting_minister") == set()
    move(action, sbk_adviser, StepMove.TO_MINISTER)
    assert Notification.objects.filter(kind="herstel.herstelactie.awaiting_sbk").count() == 1
    inform(action, sbk_adviser, NotificationKind.MINISTER_NOTE)
    assert told("herstel.herstelactie.awaiting_minister") == {"adviseur.sbk"}
    assert Notification.objects.get(kind="herstel.herstelactie.awaiting_minister").title == TITLE


def test_the_dt_path_asks_nothing_of_sbk(action, people):
    to_execution(action, people["adviser"], people["dt_member"], people["board_member"])
    assert told("herstel.herstelactie.awaiting_sbk") == set()
    assert told("herstel.herstelactie.awaiting_minister") == set()


# --- the go/no-go ---------------------------------------------------------------------------


def test_entering_execution_tells_the_lead_divisions_advisers_and_dt(action, people):
    to_execution(action, people["adviser"], people["dt_member"], people["board_member"])
    assert told("herstel.herstelactie.go_due") == {"adviseur", "dt.uitkeren"}
    notification = Notification.objects.filter(kind="herstel.herstelactie.go_due").first()
    assert notification.title == TITLE
    assert notification.url == reverse("herstel:execution", args=[action.pk])
    go(action, people["adviser"])  # recording the go tells nobody anything more
    assert Notification.objects.filter(kind="herstel.herstelactie.go_due").count() == 2


# --- the daily job: evaluations -------------------------------------------------------------


@pytest.fixture
def evaluating(action, people):
    """The action in step 4, its execution just ended: the first evaluation is planned."""
    adviser = people["adviser"]
    to_execution(action, adviser, people["dt_member"], people["board_member"])
    go(action, adviser)
    import_rows(action, adviser, [row("HA-1", "afgehandeld", "nabetalen", "10,00", 0, 0, 0)])
    move(action, adviser, StepMove.TO_EVALUATION)
    action.refresh_from_db()
    return action


def first_due(action, settings) -> datetime.date:
    return action.execution_ended_on + datetime.timedelta(days=settings.HERSTEL_EVALUATION_DUE_DAYS)


def test_an_evaluation_due_soon_reminds_the_lead_advisers_once(evaluating, settings):
    due = first_due(evaluating, settings)
    assert reminders_send(today=due - datetime.timedelta(days=15)) == 0  # not yet
    today = due - datetime.timedelta(days=settings.HERSTEL_EVALUATION_REMINDER_DAYS)
    assert reminders_send(today=today) == 1
    assert reminders_send(today=today) == 0  # run twice: one reminder
    assert reminders_send(today=due) == 0  # still the same occasion
    assert told("herstel.evaluation.due") == {"adviseur"}
    notification = Notification.objects.get(kind="herstel.evaluation.due")
    assert notification.title == TITLE
    assert notification.url == reverse("herstel:evaluation", args=[evaluating.pk])
    evaluation = Evaluation.objects.get(herstelactie=evaluating, number=1)
    assert (notification.object_type, notification.object_id) == (
        "herstel.evaluation",
        str(evaluation.pk),
    )
    assert ReminderSent.objects.filter(occasion="due", kind="herstel.evaluation.due").count() == 1


def test_an_overdue_evaluation_reminds_the_lead_advisers_once(evaluating, settings):
    due = first_due(evaluating, settings)
    assert reminders_send(today=due + datetime.timedelta(days=1)) == 1
    assert reminders_send(today=due + datetime.timedelta(days=2)) == 0
    assert told("herstel.evaluation.overdue") == {"adviseur"}
    assert told("herstel.evaluation.due") == set()


def test_an_evaluation_overdue_too_long_is_escalated_to_the_lead_divisions_dt(
    client, evaluating, people, settings
):
    due = first_due(evaluating, settings)
    days = settings.HERSTEL_EVALUATION_ESCALATION_DAYS
    assert reminders_send(today=due + datetime.timedelta(days=days)) == 1  # overdue still
    assert told("herstel.evaluation.escalated") == set()
    assert reminders_send(today=due + datetime.timedelta(days=days + 1)) == 2
    assert reminders_send(today=due + datetime.timedelta(days=days + 2)) == 0  # once
    assert told("herstel.evaluation.escalated") == {"adviseur", "dt.uitkeren"}
    notification = Notification.objects.get(
        kind="herstel.evaluation.escalated", recipient__username="dt.uitkeren"
    )
    client.force_login(people["dt_member"])
    assert client.get(notification.url).status_code == 200


def test_the_reminder_period_is_configurable(evaluating, settings):
    due = first_due(evaluating, settings)
    settings.HERSTEL_EVALUATION_REMINDER_DAYS = 3
    assert reminders_send(today=due - datetime.timedelta(days=4)) == 0
    assert reminders_send(today=due - datetime.timedelta(days=3)) == 1


def test_a_completed_evaluation_or_closed_action_is_not_reminded(evaluating, settings):
    due = first_due(evaluating, settings)
    Evaluation.objects.filter(herstelactie=evaluating).update(completed_on=timezone.localdate())
    assert reminders_send(today=due + datetime.timedelta(days=1)) == 0
    Evaluation.objects.filter(herstelactie=evaluating).update(completed_on=None)
    Herstelactie.objects.filter(pk=evaluating.pk).update(step="gesloten")
    assert reminders_send(today=due + datetime.timedelta(days=1)) == 0


def test_a_later_evaluation_is_reminded_by_its_planned_date(evaluating, people, settings):
    adviser = people["adviser"]
    Evaluation.objects.filter(herstelactie=evaluating).update(completed_on=timezone.localdate())
    planned_on = timezone.localdate() + datetime.timedelta(days=60)
    # A second evaluation, planned because a measure was not yet in place at the first.
    Evaluation.objects.create(
        herstelactie=evaluating, number=2, planned_on=planned_on, created_by=adviser
    )
    assert reminders_send(today=planned_on - datetime.timedelta(days=1)) == 1
    second = Evaluation.objects.get(herstelactie=evaluating, number=2)
    assert Notification.objects.get(kind="herstel.evaluation.due").object_id == str(second.pk)


# --- the links work for whom is told, and only for them ------------------------------------


def test_each_link_opens_for_the_recipient_and_not_for_another_division(
    client, evaluating, people, settings
):
    reminders_send(today=first_due(evaluating, settings))
    for notification in Notification.objects.select_related("recipient"):
        client.force_login(notification.recipient)
        assert client.get(notification.url).status_code == 200, notification.kind
        client.force_login(people["other_adviser"])
        assert client.get(notification.url).status_code == 404, notification.kind
    kinds = set(Notification.objects.values_list("kind", flat=True))
    assert {"herstel.herstelactie.go_due", "herstel.evaluation.due"} <= kinds


def test_sbks_link_opens_for_sbk_and_not_for_another_division(client, action, people):
    to_rvb(action, people["adviser"], people["dt_member"], RVB_PATH)
    decide(action, people["board_member"], Forum.RVB, Outcome.BESLUIT)
    url = Notification.objects.get(kind="herstel.herstelactie.awaiting_sbk").url
    client.force_login(people["sbk_adviser"])
    assert client.get(url).status_code == 200
    for outsider in ("other_adviser", "other_dt", "fez_adviser"):
        client.force_login(people[outsider])
        assert client.get(url).status_code == 404, outsider
