"""Mandate routing (DOMAIN.md §6, "Decision mandate"): every one of the 32 combinations of the
five criteria, with the mandate the most demanding applicable rule gives and whether the RvB rule
applied too but was outweighed."""

import itertools

import pytest

from herstel.constants import Mandate
from herstel.rules import MandateCriteria, criteria_from, mandate_for, mandate_rule_text

DT, RVB, MIN = Mandate.DT, Mandate.RVB, Mandate.RVB_MINISTER

# within law, impact high, sensitivity high, large client impact, large money-flow call,
# → mandate, RvB rule outweighed
# fmt: off
TABLE = [
    (True,  True,  True,  True,  True,  MIN, True),
    (True,  True,  True,  True,  False, MIN, True),
    (True,  True,  True,  False, True,  MIN, True),
    (True,  True,  True,  False, False, RVB, False),
    (True,  True,  False, True,  True,  MIN, True),
    (True,  True,  False, True,  False, MIN, True),
    (True,  True,  False, False, True,  MIN, True),
    (True,  True,  False, False, False, RVB, False),
    (True,  False, True,  True,  True,  MIN, True),
    (True,  False, True,  True,  False, MIN, True),
    (True,  False, True,  False, True,  MIN, True),
    (True,  False, True,  False, False, RVB, False),
    (True,  False, False, True,  True,  MIN, False),
    (True,  False, False, True,  False, MIN, False),
    (True,  False, False, False, True,  MIN, False),
    (True,  False, False, False, False, DT,  False),
    (False, True,  True,  True,  True,  MIN, False),
    (False, True,  True,  True,  False, MIN, False),
    (False, True,  True,  False, True,  MIN, False),
    (False, True,  True,  False, False, MIN, False),
    (False, True,  False, True,  True,  MIN, False),
    (False, True,  False, True,  False, MIN, False),
    (False, True,  False, False, True,  MIN, False),
    (False, True,  False, False, False, MIN, False),
    (False, False, True,  True,  True,  MIN, False),
    (False, False, True,  True,  False, MIN, False),
    (False, False, True,  False, True,  MIN, False),
    (False, False, True,  False, False, MIN, False),
    (False, False, False, True,  True,  MIN, False),
    (False, False, False, True,  False, MIN, False),
    (False, False, False, False, True,  MIN, False),
    (False, False, False, False, False, MIN, False),
]
# fmt: on


def test_the_table_covers_every_combination_once():
    assert sorted(row[:5] for row in TABLE) == sorted(itertools.product([True, False], repeat=5))


@pytest.mark.parametrize(
    ("within_law", "impact", "sensitivity", "clients", "money", "expected", "outweighed"), TABLE
)
def test_mandate_for(within_law, impact, sensitivity, clients, money, expected, outweighed):
    routing = mandate_for(
        MandateCriteria(
            within_law=within_law,
            organisational_impact_high=impact,
            political_sensitivity_high=sensitivity,
            large_client_impact=clients,
            large_money_flow_call=money,
        )
    )
    assert routing.mandate == expected
    assert routing.rule == mandate_rule_text(expected)
    assert routing.reasons, "the rule that decided always names its reasons"
    assert routing.outweighed == ((RVB,) if outweighed else ())


def test_the_reasons_name_the_criteria_that_decided():
    routing = mandate_for(MandateCriteria(False, True, False, False, True))
    assert routing.mandate == MIN
    assert routing.reasons == (
        "past niet binnen wet- en regelgeving of de taken en bevoegdheden van UWV",
        "groot beroep op de grote geldstroom",
    )
    routing = mandate_for(MandateCriteria(True, False, True, False, False))
    assert (routing.mandate, routing.reasons) == (RVB, ("grote politieke gevoeligheid",))


def test_an_open_criterion_gives_no_mandate_yet():
    judged = {
        "within_law": True,
        "organisational_impact": False,
        "political_sensitivity": False,
        "client_impact": False,
        "money_flow": None,
    }
    assert criteria_from(judged) is None
    assert criteria_from(judged | {"money_flow": False}) == MandateCriteria(
        True, False, False, False, False
    )
