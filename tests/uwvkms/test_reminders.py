"""The daily job `manage.py stuur_herinneringen` (issue 16 §3): the board of a follow-up
action's unit is reminded before its date and when it is overdue; what stays overdue is
escalated to the coordination team too; an action done without an effect measurement is
reminded to its board once. Every reminder is recorded, so a second run (or a
second node) sends nothing again; another unit's board hears nothing."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings

from tests.factories import EffectMeasurementFactory, FollowUpActionFactory
from uwvkms.models import Notification, ReminderSent
from uwvkms.reminders import reminders_send

TODAY = datetime.date(2032, 3, 1)


@pytest.fixture
def action_due(cycle, uitkeren):
    def make(due_on, **kwargs):
        return FollowUpActionFactory(
            recommendation__cycle=cycle,
            recommendation__unit=uitkeren,
            title="Klantsignalen maandelijks bespreken",
            due_on=due_on,
            **kwargs,
        )

    return make


def told(kind) -> set[str]:
    return set(Notification.objects.filter(kind=kind).values_list("recipient__username", flat=True))


def test_due_soon_reminds_the_units_board_once(action_due, unit_board, other_dt, coordinator):
    action_due(TODAY + datetime.timedelta(days=10))
    action_due(TODAY + datetime.timedelta(days=40))  # not yet
    assert reminders_send(today=TODAY) == 1
    assert reminders_send(today=TODAY) == 0
    assert told("findings.follow_up.due") == {"directie"}
    notification = Notification.objects.get(recipient=unit_board)
    assert notification.title == (
        "Klantsignalen maandelijks bespreken (UIT): uiterlijk gereed op 11 maart 2032"
    )
    assert notification.url.endswith(f"/vervolgacties/{notification_unit(notification)}/")
    assert ReminderSent.objects.filter(recipient=unit_board, occasion="due").count() == 1


def notification_unit(notification) -> int:
    from findings.models import FollowUpAction

    return FollowUpAction.objects.get(pk=notification.object_id).unit_id


def test_overdue_then_escalated(action_due, unit_board, other_dt, coordinator, auditor):
    action = action_due(TODAY - datetime.timedelta(days=3))
    reminders_send(today=TODAY)
    assert told("findings.follow_up.overdue") == {"directie"}
    assert told("findings.follow_up.escalated") == set()
    with override_settings(FOLLOW_UP_ESCALATION_DAYS=30):
        reminders_send(today=action.due_on + datetime.timedelta(days=31))
        reminders_send(today=action.due_on + datetime.timedelta(days=32))
    assert told("findings.follow_up.escalated") == {"directie", "coordinator"}
    assert Notification.objects.filter(kind="findings.follow_up.escalated").count() == 2


def test_done_actions_with_their_effect_measured_are_not_reminded(action_due, unit_board):
    measured = action_due(TODAY - datetime.timedelta(days=3), status="gereed")
    EffectMeasurementFactory(action=measured)
    action_due(TODAY + datetime.timedelta(days=3), status="vervallen")
    assert reminders_send(today=TODAY) == 0


def test_done_without_an_effect_measurement_reminds_the_board_once(
    client, action_due, unit_board, other_dt, coordinator, auditor
):
    action = action_due(TODAY - datetime.timedelta(days=60), status="gereed")
    assert reminders_send(today=TODAY) == 1
    assert reminders_send(today=TODAY + datetime.timedelta(days=40)) == 0  # never escalated
    assert told("findings.follow_up.no_effect") == {"directie"}
    notification = Notification.objects.get(kind="findings.follow_up.no_effect")
    assert notification.title == (
        "Klantsignalen maandelijks bespreken (UIT): gereed, leg het effect vast"
    )
    client.force_login(unit_board)
    assert client.get(notification.url).status_code == 200
    # Once measured, it is done: a later run finds nothing.
    EffectMeasurementFactory(action=action)
    ReminderSent.objects.all().delete()
    assert reminders_send(today=TODAY) == 0


def test_the_command_twice_sends_one_mail(
    action_due, unit_board, django_capture_on_commit_callbacks
):
    action_due(datetime.date.today() + datetime.timedelta(days=5))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("stuur_herinneringen")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("stuur_herinneringen")
    assert Notification.objects.count() == 1
    assert [m.to for m in mail.outbox] == [[unit_board.email]]
    assert mail.outbox[0].subject == "uwvkms: Vervolgactie binnenkort gereed te melden"
