"""Helpers shared by the blind-scoring tests (issue 21 part 2); the fixtures `blind_cycle` and
`colleague` are in tests/maturity/conftest.py."""

from django.urls import reverse

from maturity.services import individual_score_record
from tests.factories import principle

KLANT = "klantgerichtheid"


def score_own(actor, cycle, unit, level, justification="Eigen oordeel.", version=0, code=KLANT):
    return individual_score_record(
        actor=actor,
        cycle=cycle,
        unit=unit,
        principle=principle(code),
        level=level,
        justification=justification,
        expected_version=version,
    )


def own_url(cycle, unit, code=KLANT):
    return reverse("maturity:individual_score_save", args=[cycle.year, unit.pk, code])


def close_url(cycle, unit, code=KLANT):
    return reverse("maturity:blind_phase_close", args=[cycle.year, unit.pk, code])
