"""Adjusting a score in an open calibration session (new level and a mandatory reason, kept in
the history with the session), or reopening it for its auditor; optimistic locking as for the
auditor's own saves. The score page shows level, justification, evidence and history to everyone
who may see the score: its assigned auditors and the coordination team."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from audits.models import AuditCycle
from maturity.models import Score, ScoreChange
from maturity.services import (
    calibration_session_close,
    calibration_session_open,
    score_calibrate,
    score_record,
    score_reopen_for_auditor,
)
from tests.factories import (
    AuditCycleFactory,
    DocumentCheckFactory,
    InterviewFactory,
    ScoreFactory,
    principle,
)
from uwvkms.versioning import EditConflict

PERSONAS = ["auditor", "other_auditor", "board_member", "unit_board", "outsider"]


@pytest.fixture
def score(calibrating, uitkeren, auditor):
    klant = principle("klantgerichtheid")
    score = ScoreFactory(
        cycle=calibrating,
        unit=uitkeren,
        principle=klant,
        level=2,
        justification="Het jaarplan noemt klantsignalen niet.",
        updated_by=auditor,
    )
    # Reviewed fieldwork (issue 21 §3): the reopened score can be submitted again.
    interview = InterviewFactory(
        cycle=calibrating,
        unit=uitkeren,
        bevestigd=True,
        reviewed=True,
        created_by=auditor,
        principles=[klant],
    )
    document = DocumentCheckFactory(
        cycle=calibrating,
        unit=uitkeren,
        geleverd=True,
        reviewed=True,
        document_type__name="Jaarplan",
        principles=[klant],
    )
    score.cited_interviews.add(interview)
    score.cited_documents.add(document)
    return score


def score_url(score, name="calibration_score"):
    return reverse(f"maturity:{name}", args=[score.cycle.year, score.pk])


def adjust(client, score, *, level, reason="Vergeleken met Handhaving is 3 passend.", version=None):
    return client.post(
        score_url(score, "calibration_score_adjust"),
        {
            "level": level,
            "reason": reason,
            "version": score.version if version is None else version,
        },
    )


def reopen(client, score, *, reason="Onderbouwing mist de werking.", version=None):
    return client.post(
        score_url(score, "calibration_score_reopen"),
        {"reason": reason, "version": score.version if version is None else version},
    )


def test_the_score_page_shows_level_justification_evidence_and_forms(
    client, coordinator, session, score
):
    client.force_login(coordinator)
    response = client.get(score_url(score))
    assert response.status_code == 200
    html = response.content.decode()
    assert "2 Initieel" in html
    assert "Het jaarplan noemt klantsignalen niet." in html
    assert "Jaarplan" in html and "Interview" in html
    assert "Bijstellen in ronde 1" in html
    assert "Terugzetten naar de toetser" in html


def test_coordinator_adjusts_with_a_reason_kept_in_the_history(client, coordinator, session, score):
    client.force_login(coordinator)
    response = adjust(client, score, level=3)
    assert response.status_code == 302
    assert response.url == reverse("maturity:calibration_session", args=[2031, 1])
    score.refresh_from_db()
    assert (score.level, score.version, score.updated_by, score.status) == (
        3,
        2,
        coordinator,
        "ingediend",
    )
    change = ScoreChange.objects.get(event="maturity.score.calibrated")
    assert (change.old_level, change.new_level, change.changed_by, change.session) == (
        2,
        3,
        coordinator,
        session,
    )
    assert change.reason == "Vergeleken met Handhaving is 3 passend."
    assert change.changed_at is not None
    html = client.get(score_url(score)).content.decode()
    assert "bijgesteld in kalibratieronde 1" in html
    assert "Vergeleken met Handhaving is 3 passend." in html
    session_html = client.get(reverse("maturity:calibration_session", args=[2031, 1])).content
    assert "2 → 3" in session_html.decode()


@pytest.mark.parametrize("reason", ["", "   "])
def test_the_reason_is_mandatory(client, coordinator, session, score, reason):
    client.force_login(coordinator)
    response = adjust(client, score, level=3, reason=reason)
    assert response.status_code == 400
    assert "Geef de reden van de bijstelling." in response.content.decode()
    score.refresh_from_db()
    assert score.level == 2
    assert not ScoreChange.objects.exists()


@pytest.mark.parametrize("level", ["", "0", "6", "drie"])
def test_the_level_is_1_to_5(client, coordinator, session, score, level):
    client.force_login(coordinator)
    response = adjust(client, score, level=level)
    assert response.status_code == 400
    assert response.context["adjust_form"].errors["level"]
    assert not ScoreChange.objects.exists()


def test_the_same_level_is_no_adjustment(client, coordinator, session, score):
    client.force_login(coordinator)
    response = adjust(client, score, level=2)
    assert response.status_code == 400
    assert "Kies een ander niveau dan het huidige (2)." in response.content.decode()


def test_a_stale_version_is_refused_and_changes_nothing(client, coordinator, session, score):
    client.force_login(coordinator)
    Score.objects.filter(pk=score.pk).update(version=5, level=4)
    response = adjust(client, score, level=3, version=1)
    assert response.status_code == 400
    assert "Deze score is intussen gewijzigd door" in response.content.decode()
    score.refresh_from_db()
    assert (score.level, score.version) == (4, 5)
    assert not ScoreChange.objects.exists()
    with pytest.raises(EditConflict):
        score_calibrate(
            actor=coordinator, score=score, level=3, reason="Besproken.", expected_version=1
        )


def test_no_adjustment_without_an_open_session(client, coordinator, calibrating, score):
    client.force_login(coordinator)
    page = client.get(score_url(score)).content.decode()
    assert "Bijstellen kan alleen tijdens een open kalibratiesessie." in page
    assert "Score bijstellen" not in page
    response = adjust(client, score, level=3)
    assert response.status_code == 400
    assert "kan alleen tijdens een open kalibratiesessie" in response.content.decode()
    session = calibration_session_open(
        actor=coordinator,
        cycle=calibrating,
        held_on=datetime.date(2031, 11, 4),
        participants=[coordinator],
    )
    calibration_session_close(actor=coordinator, session=session)
    assert adjust(client, score, level=3).status_code == 400
    assert not ScoreChange.objects.exists()


def test_no_adjustment_outside_the_calibration_phase(client, coordinator, session, score):
    AuditCycle.objects.filter(pk=score.cycle_id).update(status="oprollen")
    client.force_login(coordinator)
    response = adjust(client, score, level=3)
    assert response.status_code == 400
    assert "kan alleen in de fase Kalibratie" in response.content.decode()


def test_a_concept_is_not_adjusted(coordinator, session, calibrating, communicatie):
    concept = ScoreFactory(cycle=calibrating, unit=communicatie, level=2, concept=True)
    with pytest.raises(ValidationError, match="staat op concept bij de toetser"):
        score_calibrate(
            actor=coordinator, score=concept, level=3, reason="Besproken.", expected_version=1
        )


# --- reopen for the auditor -----------------------------------------------------------------


def test_coordinator_reopens_a_score_for_its_auditor(client, coordinator, session, score):
    client.force_login(coordinator)
    response = reopen(client, score)
    assert response.status_code == 302
    score.refresh_from_db()
    assert (score.status, score.level, score.version, score.submitted_at) == (
        "concept",
        2,
        2,
        None,
    )
    change = ScoreChange.objects.get(event="maturity.score.reopened")
    assert (change.old_status, change.new_status, change.session, change.changed_by) == (
        "ingediend",
        "concept",
        session,
        coordinator,
    )
    assert change.reason == "Onderbouwing mist de werking."
    html = client.get(score_url(score)).content.decode()
    assert "teruggezet naar de toetser in ronde 1" in html
    assert "Terugzetten naar de toetser</button>" not in html  # already with the auditor


@pytest.mark.parametrize("reason", ["", "  "])
def test_reopening_needs_a_reason(client, coordinator, session, score, reason):
    client.force_login(coordinator)
    response = reopen(client, score, reason=reason)
    assert response.status_code == 400
    assert "Geef aan waarom de toetser de score moet herzien." in response.content.decode()
    score.refresh_from_db()
    assert score.status == "ingediend"


def test_reopening_a_stale_version_is_refused(coordinator, session, score):
    Score.objects.filter(pk=score.pk).update(version=3)
    with pytest.raises(EditConflict):
        score_reopen_for_auditor(
            actor=coordinator, score=score, reason="Herzien.", expected_version=1
        )
    score.refresh_from_db()
    assert score.status == "ingediend"


def test_a_reopened_score_drops_out_of_the_session_snapshot(coordinator, score, session, uitkeren):
    # `score` before `session`: the session opens with the score submitted.
    score_reopen_for_auditor(actor=coordinator, score=score, reason="Herzien.", expected_version=1)
    closed = calibration_session_close(actor=coordinator, session=session)
    assert [uitkeren.id, score.principle_id, 2] in closed.levels_at_open
    assert [uitkeren.id, score.principle_id, 2] not in closed.levels_at_close


# --- who sees the history, who acts ---------------------------------------------------------


def test_the_assigned_auditor_sees_the_history_without_the_forms(
    client, coordinator, auditor, session, score
):
    score_calibrate(
        actor=coordinator, score=score, level=3, reason="Zoals besproken.", expected_version=1
    )
    client.force_login(auditor)
    response = client.get(score_url(score))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Zoals besproken." in html
    assert "bijgesteld in kalibratieronde 1" in html
    assert "Score bijstellen" not in html and "Terugzetten naar de toetser" not in html


@pytest.mark.parametrize("persona", ["other_auditor", "board_member", "unit_board", "outsider"])
def test_others_do_not_see_the_score(client, request, persona, session, score):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(score_url(score)).status_code == 403


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_coordination_team_adjusts_and_reopens(client, request, persona, session, score):
    client.force_login(request.getfixturevalue(persona))
    assert adjust(client, score, level=4).status_code == 403
    assert reopen(client, score).status_code == 403
    score.refresh_from_db()
    assert (score.level, score.status) == (2, "ingediend")
    assert not ScoreChange.objects.exists()


def test_a_score_of_another_cycle_is_404(client, coordinator, session, score, uitkeren):
    other = AuditCycleFactory(year=2030, created_by=coordinator)
    elsewhere = ScoreFactory(cycle=other, unit=uitkeren)
    client.force_login(coordinator)
    assert (
        client.get(reverse("maturity:calibration_score", args=[2031, elsewhere.pk])).status_code
        == 404
    )
    assert client.get(reverse("maturity:calibration_score", args=[2031, 999999])).status_code == 404


def test_adjust_and_reopen_accept_only_post(client, coordinator, session, score):
    client.force_login(coordinator)
    assert client.get(score_url(score, "calibration_score_adjust")).status_code == 405
    assert client.get(score_url(score, "calibration_score_reopen")).status_code == 405


def test_the_auditor_reworks_and_resubmits_a_reopened_score(
    coordinator, auditor, score, session, uitkeren
):
    """The loop with the auditor's own service: reopened in the session, resubmitted by the
    auditor (with a reason, as the level changes), and counted again in the next snapshot."""
    score_reopen_for_auditor(
        actor=coordinator, score=score, reason="Werking ontbreekt.", expected_version=1
    )
    score.refresh_from_db()
    score_record(
        actor=auditor,
        cycle=score.cycle,
        unit=uitkeren,
        principle=score.principle,
        level=3,
        justification="Nu met de werking uit twee interviews.",
        reason="Herzien na kalibratie.",
        expected_version=score.version,
        interviews=score.cited_interviews.all(),
        documents=score.cited_documents.all(),
    )
    score.refresh_from_db()
    assert (score.status, score.level) == ("ingediend", 3)
    closed = calibration_session_close(actor=coordinator, session=session)
    assert [uitkeren.id, score.principle_id, 3] in closed.levels_at_close
