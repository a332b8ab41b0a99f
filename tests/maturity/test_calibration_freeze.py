"""Closing calibration after the last session freezes every score; reopening it needs a reason.
Both are kept and shown as history; while frozen nothing in calibration changes."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from audits.models import AuditCycle, Exclusion
from maturity.models import CalibrationClosure, ScoreChange
from maturity.selectors import is_calibration_frozen
from maturity.services import (
    calibration_close,
    calibration_reopen,
    calibration_session_close,
    calibration_session_open,
    score_calibrate,
    score_reopen_for_auditor,
)
from tests.factories import ScoreFactory, principle
from uwvkms.models import AuditEvent

PERSONAS = ["auditor", "other_auditor", "board_member", "unit_board", "outsider"]


@pytest.fixture
def score(calibrating, uitkeren):
    return ScoreFactory(
        cycle=calibrating, unit=uitkeren, principle=principle("klantgerichtheid"), level=2
    )


def hold_round(cycle, coordinator):
    session = calibration_session_open(
        actor=coordinator,
        cycle=cycle,
        held_on=datetime.date(2031, 11, 4),
        participants=[coordinator],
    )
    return calibration_session_close(actor=coordinator, session=session)


@pytest.fixture
def held(calibrating, coordinator, score):
    hold_round(calibrating, coordinator)
    return calibrating


def close_url(year=2031):
    return reverse("maturity:calibration_close", args=[year])


def reopen_url(year=2031):
    return reverse("maturity:calibration_reopen", args=[year])


def test_coordinator_closes_calibration_after_the_last_session(client, coordinator, held):
    client.force_login(coordinator)
    response = client.post(close_url())
    assert response.status_code == 302
    assert is_calibration_frozen(held)
    closure = CalibrationClosure.objects.get(cycle=held)
    assert (closure.closed_by, closure.reopened_at) == (coordinator, None)
    assert AuditEvent.objects.filter(event="maturity.calibration.closed").count() == 1
    html = client.get(reverse("maturity:calibration", args=[2031])).content.decode()
    assert "Kalibratie afgesloten." in html
    assert "nog afgesloten" in html  # the history row
    assert "Kalibratie heropenen" in html
    assert "Nieuwe sessie openen" not in html


def test_not_while_a_session_is_open(client, coordinator, auditor, held):
    calibration_session_open(
        actor=coordinator, cycle=held, held_on=datetime.date(2031, 11, 18), participants=[auditor]
    )
    client.force_login(coordinator)
    response = client.post(close_url())
    assert response.status_code == 400
    assert "Ronde 2 is nog open: sluit eerst de sessie, dan de kalibratie." in (
        response.content.decode()
    )
    assert not is_calibration_frozen(held)


def test_not_before_any_session(coordinator, calibrating):
    with pytest.raises(ValidationError, match="nog geen kalibratiesessie gehouden"):
        calibration_close(actor=coordinator, cycle=calibrating)


def test_not_while_a_reopened_score_is_with_its_auditor(coordinator, calibrating, score):
    session = calibration_session_open(
        actor=coordinator,
        cycle=calibrating,
        held_on=datetime.date(2031, 11, 4),
        participants=[coordinator],
    )
    score_reopen_for_auditor(actor=coordinator, score=score, reason="Herzien.", expected_version=1)
    calibration_session_close(actor=coordinator, session=session)
    with pytest.raises(ValidationError, match="Er staat nog 1 score op concept"):
        calibration_close(actor=coordinator, cycle=calibrating)


def test_a_concept_of_an_excluded_unit_does_not_block(coordinator, held, communicatie):
    ScoreFactory(cycle=held, unit=communicatie, level=1, concept=True)
    Exclusion.objects.create(
        cycle=held, unit=communicatie, reason="Reorganisatie.", excluded_by=coordinator
    )
    calibration_close(actor=coordinator, cycle=held)
    assert is_calibration_frozen(held)


def test_only_in_the_calibration_phase(coordinator, held):
    AuditCycle.objects.filter(pk=held.pk).update(status="oprollen")
    held.refresh_from_db()
    with pytest.raises(ValidationError, match="kan alleen in de fase Kalibratie"):
        calibration_close(actor=coordinator, cycle=held)


def test_while_frozen_no_score_changes_in_calibration(client, coordinator, auditor, held, score):
    calibration_close(actor=coordinator, cycle=held)
    with pytest.raises(
        ValidationError, match="De kalibratie van 2031 is afgesloten: de scores liggen vast"
    ):
        score_calibrate(actor=coordinator, score=score, level=3, reason="Toch.", expected_version=1)
    with pytest.raises(ValidationError, match="De kalibratie van 2031 is afgesloten"):
        score_reopen_for_auditor(actor=coordinator, score=score, reason="Toch.", expected_version=1)
    with pytest.raises(ValidationError, match="De kalibratie van 2031 is afgesloten"):
        calibration_session_open(
            actor=coordinator,
            cycle=held,
            held_on=datetime.date(2031, 12, 1),
            participants=[auditor],
        )
    client.force_login(coordinator)
    page = client.get(reverse("maturity:calibration_score", args=[2031, score.pk])).content.decode()
    assert "De kalibratie is afgesloten: deze score ligt vast." in page
    assert "Score bijstellen" not in page
    response = client.post(
        reverse("maturity:calibration_score_adjust", args=[2031, score.pk]),
        {"level": 3, "reason": "Toch.", "version": 1},
    )
    assert response.status_code == 400
    assert "De kalibratie van 2031 is afgesloten" in response.content.decode()
    score.refresh_from_db()
    assert score.level == 2
    assert not ScoreChange.objects.filter(event="maturity.score.calibrated").exists()


def test_closing_twice_is_refused(coordinator, held):
    calibration_close(actor=coordinator, cycle=held)
    with pytest.raises(ValidationError, match="afgesloten"):
        calibration_close(actor=coordinator, cycle=held)
    assert CalibrationClosure.objects.count() == 1


def test_reopen_with_a_reason_then_close_again_keeps_both(client, coordinator, held, score):
    calibration_close(actor=coordinator, cycle=held)
    client.force_login(coordinator)
    response = client.post(reopen_url(), {"reason": "Nieuw bewijs van Uitkeren."})
    assert response.status_code == 302
    assert not is_calibration_frozen(held)
    first = CalibrationClosure.objects.get()
    assert (first.reopened_by, first.reopen_reason) == (coordinator, "Nieuw bewijs van Uitkeren.")
    assert first.reopened_at is not None
    event = AuditEvent.objects.get(event="maturity.calibration.reopened")
    assert event.reason == "Nieuw bewijs van Uitkeren."

    # Calibration works again: a new round adjusts the score, then calibration closes anew.
    session = calibration_session_open(
        actor=coordinator,
        cycle=held,
        held_on=datetime.date(2031, 12, 2),
        participants=[coordinator],
    )
    score_calibrate(actor=coordinator, score=score, level=3, reason="Bewijs.", expected_version=1)
    calibration_session_close(actor=coordinator, session=session)
    assert client.post(close_url()).status_code == 302
    assert CalibrationClosure.objects.count() == 2
    assert is_calibration_frozen(held)
    html = client.get(reverse("maturity:calibration", args=[2031])).content.decode()
    assert "Nieuw bewijs van Uitkeren." in html
    assert "nog afgesloten" in html


@pytest.mark.parametrize("reason", ["", "   "])
def test_reopening_needs_a_reason(client, coordinator, held, reason):
    calibration_close(actor=coordinator, cycle=held)
    client.force_login(coordinator)
    response = client.post(reopen_url(), {"reason": reason})
    assert response.status_code == 400
    assert "Geef de reden van het heropenen." in response.content.decode()
    assert is_calibration_frozen(held)


def test_reopening_what_is_not_closed_is_refused(client, coordinator, held):
    client.force_login(coordinator)
    response = client.post(reopen_url(), {"reason": "Zomaar."})
    assert response.status_code == 400
    assert "De kalibratie van 2031 is niet afgesloten." in response.content.decode()


def test_the_database_keeps_one_active_closure_and_a_reopening_has_a_reason(coordinator, held):
    CalibrationClosure.objects.create(cycle=held, closed_by=coordinator)
    with pytest.raises(IntegrityError), transaction.atomic():
        CalibrationClosure.objects.create(cycle=held, closed_by=coordinator)
    with pytest.raises(IntegrityError), transaction.atomic():
        CalibrationClosure.objects.filter(cycle=held).update(
            reopened_at=datetime.datetime(2031, 12, 1, tzinfo=datetime.UTC), reopen_reason=""
        )


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_coordination_team_closes_and_reopens(client, request, persona, coordinator, held):
    client.force_login(request.getfixturevalue(persona))
    assert client.post(close_url()).status_code == 403
    assert not is_calibration_frozen(held)
    calibration_close(actor=coordinator, cycle=held)
    assert client.post(reopen_url(), {"reason": "Graag."}).status_code == 403
    assert is_calibration_frozen(held)


def test_close_and_reopen_accept_only_post(client, coordinator, held):
    client.force_login(coordinator)
    assert client.get(close_url()).status_code == 405
    assert client.get(reopen_url()).status_code == 405


def test_reopening_only_in_the_calibration_phase(coordinator, held):
    calibration_close(actor=coordinator, cycle=held)
    AuditCycle.objects.filter(pk=held.pk).update(status="oprollen")
    held.refresh_from_db()
    with pytest.raises(ValidationError, match="alleen in de fase Kalibratie worden heropend"):
        calibration_reopen(actor=coordinator, cycle=held, reason="Later gezien.")
    assert is_calibration_frozen(held)
