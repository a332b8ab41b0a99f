"""Outliers in the calibration matrix from the database: a submitted score two or more levels from
the principle's median, or one that cites no evidence at all (neither an interview nor a
document). The rule itself is table-tested in test_rules.py."""

import pytest

from audits.models import AssessedPrinciple, Exclusion
from maturity.rules import OutlierReason
from maturity.selectors.calibration import calibration_matrix
from tests.factories import (
    BusinessUnitFactory,
    DocumentCheckFactory,
    InterviewFactory,
    ScoreFactory,
    principle,
)


@pytest.fixture
def klant(db):
    return principle("klantgerichtheid")


def unit_with_score(cycle, klant, name, level, *, interview=False, document=False, **kwargs):
    unit = BusinessUnitFactory(name=name)
    AssessedPrinciple.objects.get_or_create(cycle=cycle, unit=unit, principle=klant)
    score = ScoreFactory(cycle=cycle, unit=unit, principle=klant, level=level, **kwargs)
    if interview:
        score.cited_interviews.add(InterviewFactory(cycle=cycle, unit=unit, bevestigd=True))
    if document:
        score.cited_documents.add(DocumentCheckFactory(cycle=cycle, unit=unit, geleverd=True))
    return unit


def reasons(cycle, klant):
    matrix = calibration_matrix(cycle)
    return {
        row.unit.name: cell.reasons
        for row in matrix.rows
        for cell in row.cells
        if cell.principle == klant and cell.score is not None
    }


def test_an_interview_or_a_document_is_evidence(cycle, klant):
    unit_with_score(cycle, klant, "A", 3, interview=True)
    unit_with_score(cycle, klant, "B", 3, document=True)
    unit_with_score(cycle, klant, "C", 3, interview=True, document=True)
    unit_with_score(cycle, klant, "D", 3)
    assert reasons(cycle, klant) == {
        "A": (),
        "B": (),
        "C": (),
        "D": (OutlierReason.NO_EVIDENCE,),
    }


def test_far_from_the_median_of_submitted_scores_only(cycle, klant):
    unit_with_score(cycle, klant, "A", 2, document=True)
    unit_with_score(cycle, klant, "B", 2, document=True)
    unit_with_score(cycle, klant, "C", 4, document=True)
    # A concept 5 would move the median of 2, 2, 4 (= 2) to 3; it does not count.
    unit_with_score(cycle, klant, "D", 5, document=True, concept=True)
    assert reasons(cycle, klant) == {
        "A": (),
        "B": (),
        "C": (OutlierReason.FAR_FROM_MEDIAN,),
        "D": (),
    }


def test_an_excluded_unit_is_out_of_the_median(cycle, klant, coordinator):
    unit_with_score(cycle, klant, "A", 3, document=True)
    unit_with_score(cycle, klant, "B", 3, document=True)
    excluded = unit_with_score(cycle, klant, "C", 1, document=True)
    unit_with_score(cycle, klant, "D", 1, document=True)
    # With C the median of 1, 1, 3, 3 is 2 and nobody is 2 away; without it it is 3.
    Exclusion.objects.create(cycle=cycle, unit=excluded, reason="x", excluded_by=coordinator)
    assert reasons(cycle, klant) == {
        "A": (),
        "B": (),
        "C": (),
        "D": (OutlierReason.FAR_FROM_MEDIAN,),
    }


def test_a_stray_score_where_the_principle_is_absent_is_not_compared(cycle, communicatie):
    ok = principle("operationele-kwaliteit")  # absent at Communicatie
    ScoreFactory(cycle=cycle, unit=communicatie, principle=ok, level=5)
    matrix = calibration_matrix(cycle)
    row = next(r for r in matrix.rows if r.unit == communicatie)
    cell = next(c for c in row.cells if c.principle == ok)
    assert (cell.state, cell.reasons) == ("absent", ())
