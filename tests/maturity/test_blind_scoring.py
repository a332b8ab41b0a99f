"""Blind scoring through its services (issue 21 part 2): each auditor records their own level,
versioned and with history; the blind phase closes when everyone scored or when the lead closes
it (with a reason when not everyone did); the team score waits for that; a cycle without blind
scoring works as before."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from audits.services.cycle_setup import cycle_open_based_on
from maturity.models import BlindPhaseClosure, IndividualScore
from maturity.selectors.blind import blind_scoring_on, blind_state
from maturity.selectors.rollup import rollup_by_principle
from maturity.services import (
    ScoreLocked,
    blind_phase_close,
    blind_scoring_set,
    score_record,
)
from tests.factories import principle
from tests.maturity.blind import KLANT, score_own
from uwvkms.models import AuditEvent
from uwvkms.notifications import Notification
from uwvkms.versioning import EditConflict


def _team_score(actor, cycle, unit, level=3, version=0):
    return score_record(
        actor=actor,
        cycle=cycle,
        unit=unit,
        principle=principle(KLANT),
        level=level,
        justification="Teamoordeel: jaarplan en interviews.",
        expected_version=version,
    )


def test_an_auditor_records_their_own_score_with_history(blind_cycle, uitkeren, auditor, colleague):
    own = score_own(auditor, blind_cycle, uitkeren, 2, "Weinig vastgelegd.")
    again = score_own(auditor, blind_cycle, uitkeren, 3, "Na herlezen: jaarplan.", version=1)

    assert (again.pk, again.level, again.version) == (own.pk, 3, 2)
    changes = list(again.changes.order_by("changed_at", "id"))
    assert [(c.old_level, c.new_level) for c in changes] == [(None, 2), (2, 3)]
    assert changes[1].old_justification == "Weinig vastgelegd."


def test_the_second_save_on_an_old_version_is_an_edit_conflict(
    blind_cycle, uitkeren, auditor, colleague
):
    score_own(auditor, blind_cycle, uitkeren, 2)
    score_own(auditor, blind_cycle, uitkeren, 3, version=1)
    with pytest.raises(EditConflict):
        score_own(auditor, blind_cycle, uitkeren, 4, version=1)
    assert IndividualScore.objects.get(auditor=auditor).level == 3


@pytest.mark.parametrize(
    ("level", "justification", "field"),
    [(None, "Oordeel.", "level"), (6, "Oordeel.", "level"), (3, "   ", "justification")],
)
def test_bad_input_is_refused_and_changes_nothing(
    blind_cycle, uitkeren, auditor, colleague, level, justification, field
):
    with pytest.raises(ValidationError) as caught:
        score_own(auditor, blind_cycle, uitkeren, level, justification)
    assert field in caught.value.message_dict
    assert not IndividualScore.objects.exists()


def test_the_event_log_never_holds_a_level(blind_cycle, uitkeren, auditor, colleague):
    own = score_own(auditor, blind_cycle, uitkeren, 4, "Geheim oordeel xyz.")
    events = AuditEvent.objects.filter(
        object_type="maturity.individualscore", object_id=str(own.pk)
    )
    assert events.count() == 1
    event = events.get()
    assert "level" not in event.changes and "justification" not in event.changes
    assert "xyz" not in str(event.changes) + event.object_repr + event.reason


def test_the_phase_closes_when_everyone_scored_and_the_team_is_told(
    blind_cycle, uitkeren, auditor, colleague
):
    score_own(auditor, blind_cycle, uitkeren, 2)
    assert not BlindPhaseClosure.objects.exists()
    assert not Notification.objects.filter(kind="maturity.blind_phase.closed").exists()

    score_own(colleague, blind_cycle, uitkeren, 4)

    closure = BlindPhaseClosure.objects.get()
    assert (closure.all_scored, closure.closed_by, closure.reason) == (True, colleague, "")
    told = set(
        Notification.objects.filter(kind="maturity.blind_phase.closed").values_list(
            "recipient__username", flat=True
        )
    )
    assert told == {"auditor", "colleague"}
    state = blind_state(
        viewer=auditor, cycle=blind_cycle, unit=uitkeren, principle=principle(KLANT)
    )
    assert state.closed and (state.spread.low, state.spread.high, state.spread.flagged) == (
        2,
        4,
        True,
    )


def test_after_the_phase_closed_an_own_score_no_longer_changes(
    blind_cycle, uitkeren, auditor, colleague
):
    score_own(auditor, blind_cycle, uitkeren, 2)
    score_own(colleague, blind_cycle, uitkeren, 4)
    with pytest.raises(ValidationError):
        score_own(auditor, blind_cycle, uitkeren, 3, version=1)
    assert IndividualScore.objects.get(auditor=auditor).level == 2


def test_the_lead_closes_early_only_with_a_reason(blind_cycle, uitkeren, auditor, colleague):
    score_own(auditor, blind_cycle, uitkeren, 3)
    with pytest.raises(ValidationError) as caught:
        blind_phase_close(
            actor=auditor, cycle=blind_cycle, unit=uitkeren, principle=principle(KLANT)
        )
    assert "reason" in caught.value.message_dict
    assert not BlindPhaseClosure.objects.exists()

    closure = blind_phase_close(
        actor=auditor,
        cycle=blind_cycle,
        unit=uitkeren,
        principle=principle(KLANT),
        reason="Collega langdurig ziek.",
    )
    assert (closure.all_scored, closure.reason) == (False, "Collega langdurig ziek.")
    event = AuditEvent.objects.get(event="maturity.blind_phase.closed")
    assert event.reason == "Collega langdurig ziek."
    # The colleague can no longer score blind: what is closed stays closed.
    with pytest.raises(ValidationError):
        score_own(colleague, blind_cycle, uitkeren, 4)
    with pytest.raises(ValidationError):
        blind_phase_close(
            actor=auditor, cycle=blind_cycle, unit=uitkeren, principle=principle(KLANT), reason="x"
        )


def test_only_the_lead_closes_the_phase(
    blind_cycle, uitkeren, colleague, other_auditor, coordinator
):
    for actor in (colleague, other_auditor, coordinator):
        with pytest.raises(PermissionDenied):
            blind_phase_close(
                actor=actor,
                cycle=blind_cycle,
                unit=uitkeren,
                principle=principle(KLANT),
                reason="Reden.",
            )
    assert not BlindPhaseClosure.objects.exists()


def test_the_team_score_waits_for_the_end_of_the_blind_phase(
    blind_cycle, uitkeren, auditor, colleague
):
    score_own(auditor, blind_cycle, uitkeren, 2)
    with pytest.raises(ScoreLocked, match="blinde fase"):
        _team_score(auditor, blind_cycle, uitkeren)
    score_own(colleague, blind_cycle, uitkeren, 4)

    score = _team_score(colleague, blind_cycle, uitkeren, level=3)
    assert (score.level, score.status) == (3, "ingediend")


def test_the_rollup_counts_team_scores_only(
    blind_cycle, uitkeren, communicatie, auditor, colleague
):
    # Own scores 1 and 5 at Uitkeren, and an own score of 5 at Communicatie without a team score.
    score_own(auditor, blind_cycle, uitkeren, 1)
    score_own(colleague, blind_cycle, uitkeren, 5)
    score_own(auditor, blind_cycle, communicatie, 5)
    _team_score(auditor, blind_cycle, uitkeren, level=2)

    figures = rollup_by_principle(blind_cycle)[principle(KLANT).id].all
    assert (figures.mean.count, figures.mean.total) == (1, 2)
    assert (figures.minimum, figures.maximum) == (2, 2)
    assert figures.distribution == (0, 1, 0, 0, 0)


def test_without_blind_scoring_everything_works_as_before(cycle, uitkeren, auditor):
    assert not blind_scoring_on(cycle)
    assert _team_score(auditor, cycle, uitkeren).status == "ingediend"
    with pytest.raises(ValidationError):
        score_own(auditor, cycle, uitkeren, 3)


def test_the_coordination_team_sets_it_before_scoring_starts(cycle, coordinator, uitkeren, auditor):
    setting = blind_scoring_set(actor=coordinator, cycle=cycle, enabled=True, expected_version=0)
    assert setting.enabled and blind_scoring_on(cycle)
    with pytest.raises(EditConflict):
        blind_scoring_set(actor=coordinator, cycle=cycle, enabled=False, expected_version=0)
    setting = blind_scoring_set(actor=coordinator, cycle=cycle, enabled=False, expected_version=1)
    assert not setting.enabled and setting.version == 2
    events = AuditEvent.objects.filter(event="maturity.blind_scoring.set")
    assert [e.changes["blind_scoring"] for e in events.order_by("id")] == [
        [None, True],
        [True, False],
    ]

    _team_score(auditor, cycle, uitkeren)
    with pytest.raises(ValidationError, match="al scores"):
        blind_scoring_set(actor=coordinator, cycle=cycle, enabled=True, expected_version=2)


def test_only_the_coordination_team_sets_it(cycle, auditor, board_member, unit_board, outsider):
    for actor in (auditor, board_member, unit_board, outsider):
        with pytest.raises(PermissionDenied):
            blind_scoring_set(actor=actor, cycle=cycle, enabled=True, expected_version=0)


def test_a_cycle_opened_from_the_previous_one_scores_blind(cycle, coordinator):
    following = cycle_open_based_on(actor=coordinator, previous=cycle)
    assert blind_scoring_on(following)
