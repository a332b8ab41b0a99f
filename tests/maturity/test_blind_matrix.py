"""Blind scoring in the calibration matrix (issue 21 part 2): per cell how many of the team gave
their own score while the blind phase is open, the spread once it is closed, and the cells where
the auditors differed by two or more flagged; a constant number of queries however many units,
auditors and own scores."""

import pytest
from django.urls import reverse

from audits.models import Assignment
from maturity.models import BlindPhaseClosure
from maturity.selectors.calibration import calibration_matrix
from tests.factories import (
    BlindScoringFactory,
    IndividualScoreFactory,
    UserFactory,
    principle,
)
from tests.maturity.blind import score_own
from tests.maturity.test_matrix import build_cycle
from uwvkms.constants import Role


def _cell(matrix, unit, code="klantgerichtheid"):
    row = next(r for r in matrix.rows if r.unit == unit)
    return next(c for c in row.cells if c.principle.code == code)


def test_open_cells_show_a_count_and_closed_ones_the_spread(
    blind_cycle, uitkeren, communicatie, auditor, colleague
):
    score_own(auditor, blind_cycle, uitkeren, 2)
    score_own(auditor, blind_cycle, communicatie, 3)  # a team of one: closed at once

    matrix = calibration_matrix(blind_cycle)
    open_cell = _cell(matrix, uitkeren)
    assert (open_cell.blind.scored, open_cell.blind.team_size, open_cell.blind.closed) == (
        1,
        2,
        False,
    )
    assert open_cell.blind.spread is None  # no levels while open
    closed_cell = _cell(matrix, communicatie)
    assert closed_cell.blind.closed and closed_cell.blind.spread.difference == 0
    assert not closed_cell.blind.flagged
    assert matrix.blind_on and matrix.spread_flag_count == 0

    score_own(colleague, blind_cycle, uitkeren, 4)
    matrix = calibration_matrix(blind_cycle)
    cell = _cell(matrix, uitkeren)
    assert (cell.blind.spread.low, cell.blind.spread.high, cell.blind.flagged) == (2, 4, True)
    assert matrix.spread_flag_count == 1


def test_a_difference_of_one_is_not_flagged(blind_cycle, uitkeren, auditor, colleague):
    score_own(auditor, blind_cycle, uitkeren, 3)
    score_own(colleague, blind_cycle, uitkeren, 4)
    assert not _cell(calibration_matrix(blind_cycle), uitkeren).blind.flagged


def test_an_early_closed_cell_shows_the_spread_of_who_scored(
    blind_cycle, uitkeren, auditor, colleague
):
    from maturity.services import blind_phase_close

    score_own(auditor, blind_cycle, uitkeren, 5)
    blind_phase_close(
        actor=auditor,
        cycle=blind_cycle,
        unit=uitkeren,
        principle=principle("klantgerichtheid"),
        reason="Collega ziek.",
    )
    cell = _cell(calibration_matrix(blind_cycle), uitkeren)
    assert cell.blind.closed and cell.blind.spread.count == 1


def test_without_blind_scoring_the_matrix_is_as_before(cycle, uitkeren, auditor):
    matrix = calibration_matrix(cycle)
    assert not matrix.blind_on
    assert all(cell.blind is None for row in matrix.rows for cell in row.cells)


def _blind_world(cycle, coordinator):
    """Two auditors on every unit of `cycle` with their own scores on each assessed principle,
    levels apart by 0..2, every blind phase closed."""
    BlindScoringFactory(cycle=cycle)
    for unit_id in set(cycle.scope.values_list("unit_id", flat=True)):
        if Assignment.objects.filter(cycle=cycle, unit_id=unit_id).exists():
            continue
        team = [UserFactory(roles=[Role.TOETSER]) for _ in range(2)]
        for user in team:
            Assignment.objects.create(
                cycle=cycle, unit_id=unit_id, auditor=user, assigned_by=coordinator
            )
        for index, principle_id in enumerate(
            cycle.scope.filter(unit_id=unit_id).values_list("principle_id", flat=True)
        ):
            for offset, user in enumerate(team):
                IndividualScoreFactory(
                    cycle=cycle,
                    unit_id=unit_id,
                    principle_id=principle_id,
                    auditor=user,
                    level=1 + offset * (index % 3),
                )


@pytest.mark.parametrize("page", ["calibration_matrix", "calibration_session"])
def test_blind_matrix_queries_do_not_grow(client, coordinator, page, django_assert_max_num_queries):
    import datetime

    from maturity.services import calibration_session_open

    cycle = build_cycle(coordinator, units=2)
    _blind_world(cycle, coordinator)
    calibration_session_open(
        actor=coordinator,
        cycle=cycle,
        held_on=datetime.date(2033, 11, 4),
        participants=[coordinator],
    )
    args = [2033] if page == "calibration_matrix" else [2033, 1]
    url = reverse(f"maturity:{page}", args=args)
    client.force_login(coordinator)
    client.get(url)
    with django_assert_max_num_queries(30) as small:
        client.get(url)
    build_cycle(coordinator, units=12)
    _blind_world(cycle, coordinator)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)
    matrix = response.context["matrix"]
    assert len(matrix.rows) == 12
    assert matrix.spread_flag_count > 0
    page_html = response.content.decode()
    assert "toetsers verschilden 2 niveaus" in page_html
    assert not BlindPhaseClosure.objects.exists()  # closed because everyone scored
