"""The rule for ending a herstelactie without execution (rules.move_blockers): only from step 3,
only by the advisers of the lead division (the table), and only when the latest go/no-go says
no-go."""

import pytest

from herstel.constants import STEP_TRANSITIONS, Capacity, Mandate, Step, StepMove
from herstel.rules import DecisionFacts, ExecutionFacts, move_blockers

REFUSED = [
    "Een herstelactie wordt alleen zonder uitvoering beëindigd na een no-go bij het "
    "go/no-go-moment; het laatste besluit is geen no-go."
]


@pytest.mark.parametrize(
    ("execution", "expected"),
    [
        (ExecutionFacts(), REFUSED),  # no go/no-go yet
        (ExecutionFacts(go=True), REFUSED),  # the latest says go
        (ExecutionFacts(go=True, dossiers=5, unhandled=2), REFUSED),
        (ExecutionFacts(no_go=True), []),
        (ExecutionFacts(no_go=True, dossiers=3, unhandled=3), []),  # a go, dossiers, then no-go
    ],
)
def test_ending_needs_a_no_go(execution, expected):
    assert (
        move_blockers(
            step=Step.STAP_3,
            move=StepMove.END_WITHOUT_EXECUTION,
            mandate=Mandate.DT,
            advice_gaps=[],
            facts=DecisionFacts(latest={}),
            execution=execution,
        )
        == expected
    )


def test_only_from_step_3_by_the_lead_advisers():
    ending = {
        step: transition
        for (step, move), transition in STEP_TRANSITIONS.items()
        if move == StepMove.END_WITHOUT_EXECUTION
    }
    assert set(ending) == {Step.STAP_3}
    assert ending[Step.STAP_3].target == Step.BEEINDIGD
    assert ending[Step.STAP_3].by == {Capacity.LEAD_ADVISER}
    assert not any(step == Step.BEEINDIGD for step, _move in STEP_TRANSITIONS)  # an end state
