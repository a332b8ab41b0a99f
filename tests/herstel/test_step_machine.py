"""The step machine (STEP_TRANSITIONS): only the moves in the table exist, each made by the
capacities the table names, with its conditions (rules.move_blockers); a forbidden move is refused
with a reason, and every move is recorded. The page offers only the moves this user may make."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from herstel.constants import STEP_TRANSITIONS, Capacity, Forum, Mandate, Outcome, Step, StepMove
from herstel.rules import (
    DecisionFacts,
    StepMoveNotAllowed,
    move_blockers,
    moves_for,
    step_transition,
)
from tests.herstel.flow import DT_PATH, MINISTER_PATH, decide, move, submit
from uwvkms.models import AuditEvent

FORBIDDEN = [
    (step, step_move)
    for step in Step
    for step_move in StepMove
    if (step, step_move) not in STEP_TRANSITIONS
]


@pytest.mark.parametrize(("step", "step_move"), FORBIDDEN)
def test_moves_outside_the_table_are_refused_with_a_reason(step, step_move):
    with pytest.raises(StepMoveNotAllowed) as refused:
        step_transition(step, step_move)
    assert refused.value.messages == [
        f"De herstelactie staat in {step.label}; “{step_move.label}” kan vanuit deze stap niet."
    ]


def test_the_table():
    assert {(s, m): (t.target, set(t.by)) for (s, m), t in STEP_TRANSITIONS.items()} == {
        (Step.STAP_1, StepMove.SUBMIT_ADVICE): (Step.STAP_2A, {Capacity.LEAD_ADVISER}),
        (Step.STAP_2A, StepMove.RETURN_TO_ADVICE): (
            Step.STAP_1,
            {Capacity.LEAD_ADVISER, Capacity.DT},
        ),
        (Step.STAP_2A, StepMove.TO_RVB): (Step.STAP_2B, {Capacity.LEAD_ADVISER, Capacity.DT}),
        (Step.STAP_2B, StepMove.RETURN_TO_ADVICE): (
            Step.STAP_1,
            {Capacity.LEAD_ADVISER, Capacity.RVB},
        ),
        (Step.STAP_2B, StepMove.TO_MINISTER): (
            Step.MINISTER,
            {Capacity.LEAD_ADVISER, Capacity.SBK},
        ),
        (Step.STAP_2B, StepMove.TO_EXECUTION): (Step.STAP_3, {Capacity.LEAD_ADVISER}),
        (Step.MINISTER, StepMove.BACK_TO_RVB): (
            Step.STAP_2B,
            {Capacity.LEAD_ADVISER, Capacity.SBK},
        ),
        (Step.MINISTER, StepMove.TO_EXECUTION): (Step.STAP_3, {Capacity.LEAD_ADVISER}),
        (Step.STAP_3, StepMove.TO_EVALUATION): (Step.STAP_4, {Capacity.LEAD_ADVISER}),
        (Step.STAP_4, StepMove.CLOSE): (Step.GESLOTEN, {Capacity.LEAD_ADVISER}),
        (Step.STAP_3, StepMove.END_WITHOUT_EXECUTION): (Step.BEEINDIGD, {Capacity.LEAD_ADVISER}),
    }


@pytest.mark.parametrize(
    ("step", "capacities", "expected"),
    [
        (Step.STAP_1, {Capacity.LEAD_ADVISER}, [StepMove.SUBMIT_ADVICE]),
        (Step.STAP_1, {Capacity.DT, Capacity.RVB, Capacity.SBK, Capacity.MEMBER}, []),
        (Step.STAP_2A, {Capacity.DT}, [StepMove.RETURN_TO_ADVICE, StepMove.TO_RVB]),
        (Step.STAP_2B, {Capacity.RVB}, [StepMove.RETURN_TO_ADVICE]),
        (Step.STAP_2B, {Capacity.SBK}, [StepMove.TO_MINISTER]),
        (Step.MINISTER, {Capacity.LEAD_ADVISER}, [StepMove.BACK_TO_RVB, StepMove.TO_EXECUTION]),
        (Step.STAP_3, set(Capacity) - {Capacity.LEAD_ADVISER}, []),
        (
            Step.STAP_3,
            {Capacity.LEAD_ADVISER},
            [StepMove.TO_EVALUATION, StepMove.END_WITHOUT_EXECUTION],
        ),
        (Step.STAP_4, {Capacity.LEAD_ADVISER}, [StepMove.CLOSE]),
        (Step.GESLOTEN, set(Capacity), []),
        (Step.BEEINDIGD, set(Capacity), []),
    ],
)
def test_moves_for(step, capacities, expected):
    assert moves_for(step, capacities) == expected


NO_FACTS = DecisionFacts(latest={})


@pytest.mark.parametrize(
    ("step", "step_move", "mandate", "facts", "expected"),
    [
        (
            Step.STAP_2A,
            StepMove.TO_RVB,
            Mandate.DT,
            NO_FACTS,
            ["Nog niet gedaan: De DT heeft besloten (stap 2A)"],
        ),
        (
            Step.STAP_2A,
            StepMove.TO_RVB,
            Mandate.DT,
            DecisionFacts({Forum.DT: Outcome.VOORGENOMEN_BESLUIT}),
            [],
        ),
        (
            Step.STAP_2A,
            StepMove.TO_RVB,
            Mandate.RVB,
            DecisionFacts({Forum.DT: Outcome.BESLUIT}),
            ["Nog niet gedaan: De DT heeft kennisgenomen van het advies aan de RvB (stap 2A)"],
        ),
        (
            Step.STAP_2B,
            StepMove.TO_MINISTER,
            Mandate.RVB,
            DecisionFacts({Forum.RVB: Outcome.BESLUIT}),
            ["Alleen bij een mandaat van RvB en minister gaat de actie naar de minister."],
        ),
        (
            Step.MINISTER,
            StepMove.BACK_TO_RVB,
            Mandate.RVB_MINISTER,
            DecisionFacts({Forum.MINISTER: Outcome.AKKOORD}),
            ["Alleen nadat de minister niet akkoord is gegaan, gaat de actie terug naar de RvB."],
        ),
        (
            Step.STAP_2B,
            StepMove.TO_EXECUTION,
            Mandate.RVB_MINISTER,
            DecisionFacts({Forum.RVB: Outcome.VOORGENOMEN_BESLUIT}),
            ["Zonder akkoord van de minister wordt de actie niet uitgevoerd."],
        ),
        (
            Step.STAP_2B,
            StepMove.TO_EXECUTION,
            Mandate.DT,
            DecisionFacts({Forum.DT: Outcome.BESLUIT, Forum.RVB: Outcome.BIJSTURING}),
            [],
        ),
        (Step.STAP_2B, StepMove.RETURN_TO_ADVICE, Mandate.RVB, NO_FACTS, []),
    ],
)
def test_move_blockers(step, step_move, mandate, facts, expected):
    assert (
        move_blockers(step=step, move=step_move, mandate=mandate, advice_gaps=[], facts=facts)
        == expected
    )


def test_every_move_is_recorded(adviser, action, dt_member):
    submit(action, adviser, DT_PATH)
    move(action, dt_member, StepMove.RETURN_TO_ADVICE, reason="Doelgroep scherper omschrijven.")
    events = list(AuditEvent.objects.filter(event="herstel.step.moved").order_by("id"))
    assert [(e.actor, e.changes["step"], e.changes["move"][1], e.reason) for e in events] == [
        (adviser, ["stap_1", "stap_2a"], "submit_advice", ""),
        (dt_member, ["stap_2a", "stap_1"], "return_to_advice", "Doelgroep scherper omschrijven."),
    ]
    action.refresh_from_db()
    assert (action.step, action.version) == (Step.STAP_1, 4)


def test_going_back_needs_a_reason(adviser, action):
    submit(action, adviser)
    with pytest.raises(ValidationError) as refused:
        move(action, adviser, StepMove.RETURN_TO_ADVICE)
    assert refused.value.message_dict == {"reason": ["Geef een reden voor deze stap terug."]}


def test_a_move_outside_ones_capacity_is_refused(
    adviser, action, dt_member, board_member, sbk_adviser
):
    for user in (dt_member, board_member, sbk_adviser):
        with pytest.raises(PermissionDenied):
            move(action, user, StepMove.SUBMIT_ADVICE)
    submit(action, adviser, MINISTER_PATH)
    decide(action, dt_member, Forum.DT, Outcome.KENNISNAME)
    with pytest.raises(PermissionDenied):
        move(action, board_member, StepMove.TO_RVB)
    action.refresh_from_db()
    assert action.step == Step.STAP_2A


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("adviser", ["Terug naar stap 1 (advies aanpassen)", "Voorleggen aan de RvB"]),
        ("dt_member", ["Terug naar stap 1 (advies aanpassen)", "Voorleggen aan de RvB"]),
        ("board_member", []),
        ("sbk_adviser", []),
        ("wg_member", []),
    ],
)
def test_the_page_shows_only_the_allowed_moves(client, request, adviser, action, persona, expected):
    submit(action, adviser)
    client.force_login(request.getfixturevalue(persona))
    page = client.get(action.get_absolute_url())
    assert [option.label for option, _form in page.context["move_forms"]] == expected


def test_a_refused_move_through_the_page_says_why(client, adviser, action):
    client.force_login(adviser)
    response = client.post(
        reverse("herstel:move", args=[action.pk]),
        {"to_execution-move": "to_execution", "to_execution-version": action.version},
    )
    assert response.status_code == 400
    assert response.context["move_errors"] == [
        "De herstelactie staat in Stap 1 · situatie en advies; “Door naar stap 3 · uitvoering” "
        "kan vanuit deze stap niet."
    ]
    action.refresh_from_db()
    assert action.step == Step.STAP_1
    assert not AuditEvent.objects.filter(event="herstel.step.moved").exists()


def test_a_move_through_the_page(client, adviser, action, dt_member):
    submit(action, adviser)
    decide(action, dt_member, Forum.DT, Outcome.BESLUIT)
    client.force_login(dt_member)
    action.refresh_from_db()
    response = client.post(
        reverse("herstel:move", args=[action.pk]),
        {"to_rvb-move": "to_rvb", "to_rvb-version": action.version, "bevestigd": "1"},
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.step == Step.STAP_2B
