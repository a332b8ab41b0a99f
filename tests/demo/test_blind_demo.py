"""The demo shows blind scoring (issue 21 part 2): 2025 scores blind; at one unit both auditors
gave their own score, two levels apart (the phase closed, the cell flagged in the matrix); at
another one of two has scored (the phase still open)."""

from django.urls import reverse

from audits.models import AuditCycle
from maturity.models import BlindPhaseClosure, IndividualScore
from maturity.selectors.blind import blind_scoring_on
from maturity.selectors.calibration import calibration_matrix
from uwvkms.models import User


def test_the_demo_has_own_scores_and_one_spread_of_two(client, demo_data, db):
    cycle = AuditCycle.objects.get(year=2025)
    assert blind_scoring_on(cycle)
    assert IndividualScore.objects.filter(cycle=cycle).count() == 3
    closure = BlindPhaseClosure.objects.get(cycle=cycle)
    assert closure.all_scored
    matrix = calibration_matrix(cycle)
    assert matrix.spread_flag_count == 1
    cells = [c.blind for row in matrix.rows for c in row.cells if c.blind]
    assert sorted((c.closed, c.scored) for c in cells) == [(False, 1), (True, 2)]
    client.force_login(User.objects.get(username="coordinatie"))
    page = client.get(reverse("maturity:calibration_matrix", args=[2025])).content.decode()
    assert "toetsers verschilden 2 niveaus" in page
    assert "blind: 1 van 2 gescoord" in page
