"""Plausible dates of decisions (issue 17): a decision of the DT, the RvB or the minister, its
correction and the go/no-go are dated today or earlier and not before the wrong the action
remedies began (`wrong_since`). Decisions are never removed, so a mistyped year is refused with
an instruction, and the page gives back what was typed."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from herstel.constants import Forum, GoBody, GoOutcome, Outcome
from herstel.models import Decision, GoDecision
from herstel.services.decisions import decision_correct, decision_record
from herstel.services.execution import go_decision_record
from tests.herstel.flow import decide, go, submit, to_execution


# Read when a test runs, not when the module loads: a run that passes midnight would otherwise
# take "tomorrow" for today.
def tomorrow() -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=1)


def years_ahead() -> datetime.date:
    """A mistyped year."""
    return timezone.localdate() + datetime.timedelta(days=5 * 365)


BEFORE_THE_WRONG = datetime.date(2023, 12, 31)  # the flow's wrong began on 1 January 2024


@pytest.mark.parametrize(
    ("decided_on", "message"),
    [
        (tomorrow, "Kies een datum van vandaag"),
        (years_ahead, "Kies een datum van vandaag"),
        (
            lambda: BEFORE_THE_WRONG,
            "Kies een datum op of na het begin van de fout die de herstelactie herstelt "
            "(1 januari 2024).",
        ),
    ],
)
def test_a_decision_out_of_range_is_refused(action, adviser, dt_member, decided_on, message):
    decided_on = decided_on()
    submit(action, adviser)
    action.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        decision_record(
            actor=dt_member,
            herstelactie=action,
            forum=Forum.DT,
            outcome=Outcome.BESLUIT,
            body="Besloten.",
            decided_on=decided_on,
        )
    assert refused.value.message_dict["decided_on"][0].startswith(message)
    assert not Decision.objects.exists()


def test_the_first_day_of_the_wrong_and_today_are_accepted(action, adviser, dt_member):
    submit(action, adviser)
    action.refresh_from_db()
    first = decision_record(
        actor=dt_member,
        herstelactie=action,
        forum=Forum.DT,
        outcome=Outcome.VOORGENOMEN_BESLUIT,
        body="Eerste lezing.",
        decided_on=datetime.date(2024, 1, 1),
    )
    decision_correct(
        actor=dt_member,
        decision=first,
        outcome=Outcome.BESLUIT,
        body="Besloten.",
        decided_on=timezone.localdate(),
        reason="Vandaag definitief besloten.",
    )
    assert Decision.objects.count() == 2


def test_a_correction_is_held_to_the_same_dates(action, adviser, dt_member):
    submit(action, adviser)
    wrong = decide(action, dt_member, Forum.DT, Outcome.VOORGENOMEN_BESLUIT)
    with pytest.raises(ValidationError) as refused:
        decision_correct(
            actor=dt_member,
            decision=wrong,
            outcome=Outcome.BESLUIT,
            body="Definitief.",
            decided_on=datetime.date(2020, 1, 1),
            reason="Was definitief.",
        )
    assert "decided_on" in refused.value.message_dict
    assert not Decision.objects.filter(corrects=wrong).exists()


def test_a_go_no_go_out_of_range_is_refused(action, adviser, dt_member, board_member):
    to_execution(action, adviser, dt_member, board_member)
    for day in (tomorrow(), BEFORE_THE_WRONG):
        action.refresh_from_db()
        with pytest.raises(ValidationError) as refused:
            go_decision_record(
                actor=dt_member,
                herstelactie=action,
                body=GoBody.DT,
                outcome=GoOutcome.GO,
                decided_on=day,
            )
        assert "decided_on" in refused.value.message_dict
    assert not GoDecision.objects.exists()
    go(action, dt_member)  # the flow's day is fine
    assert GoDecision.objects.count() == 1


def test_the_page_refuses_a_future_date_and_keeps_what_was_typed(
    client, action, adviser, dt_member
):
    submit(action, adviser)
    client.force_login(dt_member)
    typed = years_ahead()
    body = "Het DT besluit tot herstel zoals geadviseerd."
    response = client.post(
        reverse("herstel:decision_record", args=[action.pk, "dt"]),
        {
            "besluit-dt-outcome": "besluit",
            "besluit-dt-decided_on": typed.isoformat(),
            "besluit-dt-body": body,
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Kies een datum van vandaag" in html
    assert body in html and f'value="{typed.isoformat()}"' in html
    assert not Decision.objects.exists()
