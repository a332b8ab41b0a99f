"""The readiness rules of a cycle's next phase (issue 17): one pure function, table-tested."""

import pytest

from audits.rules import PhaseFacts, phase_readiness

READY = PhaseFacts(
    period_set=True,
    units_in_scope=("Uitkeren", "Communicatie"),
    calibration_closed=True,
    definitief_published=True,
)


def failing(status, facts):
    return [(rule.text, rule.units) for rule in phase_readiness(status, facts) if not rule.holds]


@pytest.mark.parametrize(
    ("status", "facts", "expected"),
    [
        ("voorbereiding", READY, []),
        (
            "voorbereiding",
            PhaseFacts(units_in_scope=("Uitkeren",)),
            [("De periode van het veldwerk is vastgelegd.", ())],
        ),
        (
            "voorbereiding",
            PhaseFacts(period_set=True),
            [
                ("Er zijn onderdelen met principes in scope.", ()),
                ("Elk onderdeel in scope heeft een toetsteam met een lead.", ()),
            ],
        ),
        (
            "voorbereiding",
            PhaseFacts(
                period_set=True,
                units_in_scope=("FEZ", "Uitkeren"),
                units_without_lead=("FEZ",),
            ),
            [("Elk onderdeel in scope heeft een toetsteam met een lead.", ("FEZ",))],
        ),
        ("veldwerk", READY, []),
        (
            "veldwerk",
            PhaseFacts(units_with_scores_missing=("Communicatie",)),
            [
                (
                    "Elk getoetst onderdeel heeft voor elk principe in scope een ingediende score.",
                    ("Communicatie",),
                )
            ],
        ),
        ("kalibratie", READY, []),
        (
            "kalibratie",
            PhaseFacts(),
            [("De kalibratie is afgesloten: de scores liggen vast.", ())],
        ),
        ("oprollen", READY, []),
        ("oprollen", PhaseFacts(), [("Er is een Definitief rapport gepubliceerd.", ())]),
        # After publication: no next phase, no rules.
        ("gepubliceerd", PhaseFacts(), []),
    ],
)
def test_phase_readiness(status, facts, expected):
    assert failing(status, facts) == expected


def test_each_move_lists_its_rules_when_they_hold_too():
    assert [len(phase_readiness(s, READY)) for s in ("voorbereiding", "veldwerk")] == [3, 1]
    assert all(rule.holds for rule in phase_readiness("voorbereiding", READY))
