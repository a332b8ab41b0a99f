"""The pure rules of step 2 beside the decisions (the process guide, steps 2A and 2B): who may
raise the mandate, when and to what (only upwards, only by the RvB, only in 2B, never by the
DT); who may enrich the advice (a DT, in 2A, under an RvB or minister mandate); who records a
view (the DT of an involved division, in 2A); and the obligations after a raise."""

import pytest

from herstel.constants import OBLIGATIONS, Capacity, Forum, Mandate, Obligation, Outcome, Step
from herstel.rules import (
    DecisionFacts,
    enrichment_refusal,
    mandate_raise_refusal,
    obligations_checklist,
    raisable_mandates,
    view_refusal,
)

RVB = frozenset({Capacity.RVB})
DT = frozenset({Capacity.DT})
INVOLVED = frozenset({Capacity.INVOLVED_DT})
ADVISER = frozenset({Capacity.LEAD_ADVISER})
SBK = frozenset({Capacity.SBK})

# (current, new, step, capacities) → refused?
RAISES = [
    # The RvB in 2B: every upward raise.
    (Mandate.DT, Mandate.RVB, Step.STAP_2B, RVB, False),
    (Mandate.DT, Mandate.RVB_MINISTER, Step.STAP_2B, RVB, False),
    (Mandate.RVB, Mandate.RVB_MINISTER, Step.STAP_2B, RVB, False),
    # Never down, never sideways.
    (Mandate.RVB_MINISTER, Mandate.RVB, Step.STAP_2B, RVB, True),
    (Mandate.RVB_MINISTER, Mandate.DT, Step.STAP_2B, RVB, True),
    (Mandate.RVB, Mandate.DT, Step.STAP_2B, RVB, True),
    (Mandate.RVB, Mandate.RVB, Step.STAP_2B, RVB, True),
    (Mandate.RVB_MINISTER, Mandate.RVB_MINISTER, Step.STAP_2B, RVB, True),
    # Never by the DT (lead or involved), the advisers or SBK, in any step.
    (Mandate.DT, Mandate.RVB, Step.STAP_2A, DT, True),
    (Mandate.DT, Mandate.RVB, Step.STAP_2B, DT, True),
    (Mandate.RVB, Mandate.RVB_MINISTER, Step.STAP_2B, INVOLVED, True),
    (Mandate.RVB, Mandate.RVB_MINISTER, Step.STAP_2B, ADVISER, True),
    (Mandate.RVB, Mandate.RVB_MINISTER, Step.STAP_2B, SBK, True),
    # Only in 2B: not in 1, 2A, the minister's part or later.
    (Mandate.RVB, Mandate.RVB_MINISTER, Step.STAP_1, RVB, True),
    (Mandate.RVB, Mandate.RVB_MINISTER, Step.STAP_2A, RVB, True),
    (Mandate.RVB, Mandate.RVB_MINISTER, Step.MINISTER, RVB, True),
    (Mandate.RVB, Mandate.RVB_MINISTER, Step.STAP_3, RVB, True),
    (Mandate.DT, Mandate.RVB, Step.GESLOTEN, RVB, True),
    # An RvB member who also holds another capacity still raises.
    (Mandate.RVB, Mandate.RVB_MINISTER, Step.STAP_2B, RVB | SBK, False),
    # Without a mandate (still in step 1) nothing to raise; an unknown mandate is refused.
    (None, Mandate.RVB, Step.STAP_2B, RVB, True),
    (Mandate.DT, "koning", Step.STAP_2B, RVB, True),
]


@pytest.mark.parametrize(("current", "new", "step", "capacities", "refused"), RAISES)
def test_the_mandate_is_raised_only_upwards_only_by_the_rvb_only_in_2b(
    current, new, step, capacities, refused
):
    refusal = mandate_raise_refusal(current=current, new=new, step=step, capacities=capacities)
    assert (refusal is not None) == refused, refusal


def test_the_refusals_say_why():
    assert "Alleen de RvB" in mandate_raise_refusal(
        current=Mandate.DT, new=Mandate.RVB, step=Step.STAP_2B, capacities=DT
    )
    assert "alleen omhoog" in mandate_raise_refusal(
        current=Mandate.RVB_MINISTER, new=Mandate.RVB, step=Step.STAP_2B, capacities=RVB
    )
    assert "stap 2B" in mandate_raise_refusal(
        current=Mandate.RVB, new=Mandate.RVB_MINISTER, step=Step.STAP_2A, capacities=RVB
    )


@pytest.mark.parametrize(
    ("current", "step", "capacities", "offered"),
    [
        (Mandate.DT, Step.STAP_2B, RVB, [Mandate.RVB, Mandate.RVB_MINISTER]),
        (Mandate.RVB, Step.STAP_2B, RVB, [Mandate.RVB_MINISTER]),
        (Mandate.RVB_MINISTER, Step.STAP_2B, RVB, []),
        (Mandate.RVB, Step.STAP_2A, RVB, []),
        (Mandate.RVB, Step.STAP_2B, DT, []),
    ],
)
def test_the_mandates_offered_are_those_the_rule_allows(current, step, capacities, offered):
    assert raisable_mandates(current=current, step=step, capacities=capacities) == offered


# (mandate, step, capacities) → refused?
ENRICHMENTS = [
    (Mandate.RVB, Step.STAP_2A, DT, False),
    (Mandate.RVB_MINISTER, Step.STAP_2A, DT, False),
    (Mandate.RVB, Step.STAP_2A, INVOLVED, False),
    # Under a DT mandate the DT decides itself: nothing goes on to the RvB to enrich.
    (Mandate.DT, Step.STAP_2A, DT, True),
    (Mandate.DT, Step.STAP_2A, INVOLVED, True),
    # Only a DT.
    (Mandate.RVB, Step.STAP_2A, ADVISER, True),
    (Mandate.RVB, Step.STAP_2A, RVB, True),
    (Mandate.RVB, Step.STAP_2A, SBK, True),
    # Only in 2A, before the advice goes to the RvB.
    (Mandate.RVB, Step.STAP_1, DT, True),
    (Mandate.RVB, Step.STAP_2B, DT, True),
    (Mandate.RVB_MINISTER, Step.MINISTER, DT, True),
]


@pytest.mark.parametrize(("mandate", "step", "capacities", "refused"), ENRICHMENTS)
def test_the_dt_enriches_the_advice_in_2a_under_a_higher_mandate(
    mandate, step, capacities, refused
):
    refusal = enrichment_refusal(mandate=mandate, step=step, capacities=capacities)
    assert (refusal is not None) == refused, refusal


@pytest.mark.parametrize(
    ("step", "capacities", "refused"),
    [
        (Step.STAP_2A, INVOLVED, False),
        (Step.STAP_2A, INVOLVED | DT, False),
        (Step.STAP_2A, DT, True),  # the lead DT decides instead
        (Step.STAP_2A, RVB, True),
        (Step.STAP_2A, frozenset({Capacity.MEMBER}), True),
        (Step.STAP_1, INVOLVED, True),
        (Step.STAP_2B, INVOLVED, True),
    ],
)
def test_a_view_is_recorded_by_an_involved_divisions_dt_in_2a(step, capacities, refused):
    refusal = view_refusal(step=step, capacities=capacities)
    assert (refusal is not None) == refused, refusal


def test_after_a_raise_the_obligations_follow_the_new_path_and_the_dts_part_stands():
    """Raised from a DT mandate in 2B: the DT decided (not took note) in 2A. Its part stands
    for taking note; the RvB's intended decision and the minister's part are open."""
    facts = DecisionFacts(
        latest={Forum.DT: Outcome.BESLUIT, Forum.RVB: Outcome.KENNISNAME}, mandate_raised=True
    )
    checklist = dict(obligations_checklist(Mandate.RVB_MINISTER, facts))
    assert list(checklist) == list(OBLIGATIONS[Mandate.RVB_MINISTER])
    assert checklist[Obligation.DT_NOTED] is True
    assert checklist[Obligation.RVB_INFORMED] is True
    assert checklist[Obligation.RVB_INTENDED] is False
    assert checklist[Obligation.MINISTER_NOTE] is False
    # Without a raise a DT decision is no taking note (unchanged meaning).
    unraised = DecisionFacts(latest={Forum.DT: Outcome.BESLUIT})
    assert dict(obligations_checklist(Mandate.RVB, unraised))[Obligation.DT_NOTED] is False
    # A raise without any DT record meets nothing.
    empty = DecisionFacts(latest={}, mandate_raised=True)
    assert dict(obligations_checklist(Mandate.RVB, empty))[Obligation.DT_NOTED] is False
