"""The builders of the evaluation services (issue 21 §6) for tests/test_service_authorisation.py:
an auditor records only their own hours on their own team; only the coordination team keeps the
lessons for the next cycle."""

from decimal import Decimal

A = "audits.services."
COORDINATION_ONLY = "auditor"  # an auditor on the unit's team, but not the coordination team
OTHER_TEAM = "other_auditor"  # an auditor on no team of this unit

EVALUATION_BUILDERS = {
    # An auditor records only their own hours, on their own team; the coordination team reads.
    A + "evaluation.hours_record": (
        lambda f: {"cycle": f("cycle"), "unit": f("uitkeren"), "kind": "totaal", "hours": 10},
        OTHER_TEAM,
    ),
    A + "evaluation.hours_correct": (
        lambda f: {"entry": _hours(f), "hours": Decimal("12"), "expected_version": 1},
        OTHER_TEAM,
    ),
    A + "evaluation.hours_withdraw": (
        lambda f: {"entry": _hours(f), "reason": "Verkeerd onderdeel."},
        "coordinator",
    ),
    A + "evaluation.lesson_create": (
        lambda f: {"cycle": f("cycle"), "text": "Plan eerder."},
        COORDINATION_ONLY,
    ),
    A + "evaluation.lesson_update": (
        lambda f: {"lesson": _lesson(f), "text": "Anders.", "theme": "", "expected_version": 1},
        COORDINATION_ONLY,
    ),
    A + "evaluation.lesson_withdraw": (
        lambda f: {"lesson": _lesson(f), "reason": "Dubbel."},
        COORDINATION_ONLY,
    ),
    A + "evaluation.lesson_process": (
        lambda f: _lesson_in_next_cycle(f),
        COORDINATION_ONLY,
    ),
}


def _hours(f):
    from audits.services.evaluation import hours_record

    return hours_record(
        actor=f("auditor"), cycle=f("cycle"), unit=f("uitkeren"), kind="totaal", hours=10
    )


def _lesson(f):
    from audits.services.evaluation import lesson_create

    return lesson_create(actor=f("coordinator"), cycle=f("cycle"), text="Plan eerder.")


def _lesson_in_next_cycle(f):
    from audits.services.cycle_setup import cycle_open_based_on

    lesson = _lesson(f)
    nxt = cycle_open_based_on(actor=f("coordinator"), previous=f("cycle"))
    return {"lesson": lesson, "cycle": nxt, "note": "Verwerkt in de planning."}
