"""An effect measurement is dated plausibly (issue 17, "plausible dates"): today or earlier, and
not before its follow-up action was recorded; refused with an instruction in Dutch, never an ISO
date. And when a follow-up action may be withdrawn (findings.rules), as a table."""

import datetime
import importlib
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from findings.models import EffectMeasurement
from findings.rules import action_withdrawal_refusal, measurement_date_problem
from findings.services.follow_up import effect_measurement_record, follow_up_action_create
from tests.factories import (
    FollowUpActionFactory,
    RecommendationFactory,
    RecommendationResponseFactory,
)

CREATED = datetime.date(2031, 10, 1)
TODAY = datetime.date(2031, 12, 1)
BEFORE = "Kies een datum op of na het vastleggen van de vervolgactie (1 oktober 2031)."
FUTURE = "Kies een datum van vandaag (1 december 2031) of eerder."


@pytest.mark.parametrize(
    ("measured_on", "problem"),
    [
        (None, None),  # "required" is the form's and the service's own message
        (CREATED, None),  # the day it was recorded
        (datetime.date(2031, 11, 15), None),
        (TODAY, None),
        (CREATED - datetime.timedelta(days=1), BEFORE),
        (datetime.date(2019, 10, 1), BEFORE),  # a mistyped year
        (TODAY + datetime.timedelta(days=1), FUTURE),
    ],
)
def test_measurement_date_problem(measured_on, problem):
    assert measurement_date_problem(measured_on, action_created_on=CREATED, today=TODAY) == problem


@pytest.mark.parametrize(
    ("is_withdrawn", "has_effect_measurement", "refused"),
    [
        (False, False, None),
        (False, True, "Van deze vervolgactie is het effect al gemeten"),
        (True, False, "Deze vervolgactie is al ingetrokken."),
        (True, True, "Deze vervolgactie is al ingetrokken."),
    ],
)
def test_action_withdrawal_refusal(is_withdrawn, has_effect_measurement, refused):
    refusal = action_withdrawal_refusal(
        is_withdrawn=is_withdrawn, has_effect_measurement=has_effect_measurement
    )
    if refused is None:
        assert refusal is None
    else:
        assert refusal.startswith(refused)


@pytest.fixture
def new_action(cycle, uitkeren, unit_board):
    """An action the board recorded today."""
    return FollowUpActionFactory(
        recommendation=RecommendationFactory(cycle=cycle, unit=uitkeren),
        updated_by=unit_board,
        created_at=timezone.now(),
    )


def test_the_service_refuses_a_measurement_before_the_action(unit_board, new_action):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as exc:
        effect_measurement_record(
            actor=unit_board,
            action=new_action,
            expected_version=new_action.version,
            measured_value=80,
            measured_on=yesterday,
            conclusion="bereikt",
        )
    [message] = exc.value.message_dict["measured_on"]
    assert message.startswith("Kies een datum op of na het vastleggen van de vervolgactie (")
    assert yesterday.isoformat() not in message and timezone.localdate().isoformat() not in message
    assert not EffectMeasurement.objects.exists()


def test_the_page_gives_the_instruction_and_what_was_typed_back(client, unit_board, new_action):
    client.force_login(unit_board)
    response = client.post(
        reverse(
            "findings:measurement_create",
            args=[new_action.cycle.year, new_action.unit_id, new_action.pk],
        ),
        {
            "measured_value": "80",
            "measured_on": "2019-06-01",
            "conclusion": "bereikt",
            "next_steps": "Borgen in het kwaliteitsplan.",
            "version": new_action.version,
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Kies een datum op of na het vastleggen van de vervolgactie" in html
    assert "Borgen in het kwaliteitsplan." in html and 'value="2019-06-01"' in html


def test_a_measurement_on_the_day_itself_is_recorded(unit_board, new_action):
    effect_measurement_record(
        actor=unit_board,
        action=new_action,
        expected_version=new_action.version,
        measured_value=80,
        measured_on=timezone.localdate(),
        conclusion="bereikt",
    )
    assert EffectMeasurement.objects.count() == 1


def test_a_new_action_knows_when_it_was_recorded(unit_board, cycle, uitkeren):
    recommendation = RecommendationResponseFactory(
        recommendation=RecommendationFactory(cycle=cycle, unit=uitkeren), recognition="herkend"
    ).recommendation
    before = timezone.now()
    action = follow_up_action_create(
        actor=unit_board,
        recommendation=recommendation,
        title="Klantpanel",
        owner="Manager",
        goal="Een panel per kwartaal.",
        due_on=timezone.localdate() + datetime.timedelta(days=30),
    )
    assert before <= action.created_at <= timezone.now()


def test_actions_recorded_before_the_field_get_the_moment_of_their_created_event(
    cycle, uitkeren, unit_board
):
    """Migration 0007 backfills `created_at` from the event log ("created" event), else from
    the earliest of its first measurement's recording and its last change."""
    from django.apps import apps

    from uwvkms.models import AuditEvent

    backfill = importlib.import_module(
        "findings.migrations.0007_followupaction_created_at"
    ).from_the_event_log
    logged, unlogged = (
        FollowUpActionFactory(recommendation=RecommendationFactory(cycle=cycle, unit=uitkeren))
        for _ in range(2)
    )
    moment = timezone.now() - datetime.timedelta(days=200)
    # Recorded at that moment: the event log is append-only, so its time is never changed after.
    with mock.patch("django.utils.timezone.now", return_value=moment):
        AuditEvent.objects.create(
            event="findings.follow_up_action.created",
            actor=unit_board,
            object_type="findings.followupaction",
            object_id=str(logged.pk),
        )
    backfill(apps, None)
    logged.refresh_from_db()
    unlogged.refresh_from_db()
    assert logged.created_at == moment
    assert unlogged.created_at == unlogged.updated_at
