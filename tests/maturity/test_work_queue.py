"""Scoring on the work queue (issue 16 §1): the auditor sees each unit's progress and a score
sent back in calibration with the coordinator's reason and round, labelled "Teruggestuurd" (not
"concept") on the home page, the score page and the work page; the coordination team sees it
again once re-submitted. Another team's auditor sees none of it."""

import datetime

import pytest
from django.urls import reverse

from audits.models import AuditCycle
from maturity.services import calibration_session_open, score_reopen_for_auditor
from maturity.services.scores import score_record
from tests.factories import DocumentCheckFactory, InterviewFactory, ScoreFactory, principle
from uwvkms.workqueue import work_queue_for

REASON = "Onderbouw het niveau met de bevestigde interviews."


@pytest.fixture
def sent_back(calibrating, session, coordinator, uitkeren, auditor):
    score = ScoreFactory(
        cycle=calibrating,
        unit=uitkeren,
        principle=principle("klantgerichtheid"),
        level=2,
        updated_by=auditor,
    )
    return score_reopen_for_auditor(
        actor=coordinator, score=score, reason=REASON, expected_version=score.version
    )


def titles(user):
    return [item.title for item in work_queue_for(user)]


def test_the_auditor_sees_the_sent_back_score_with_reason_and_round(client, auditor, sent_back):
    [line] = [i for i in work_queue_for(auditor) if i.kind == "Teruggestuurd"]
    assert line.title == "Score Klantgerichtheid bij Uitkeren is teruggestuurd"
    assert line.detail == f"Kalibratieronde 1: {REASON}"
    client.force_login(auditor)
    html = client.get(reverse("home")).content.decode()
    assert "Score Klantgerichtheid bij Uitkeren is teruggestuurd" in html
    assert f"Kalibratieronde 1: {REASON}" in html
    assert client.get(line.url).status_code == 200


def test_another_teams_auditor_and_the_board_do_not_see_it(
    other_auditor, unit_board, coordinator, sent_back
):
    for user in (other_auditor, unit_board, coordinator):
        assert not any("teruggestuurd" in t for t in titles(user))


def test_the_score_page_shows_the_banner_and_the_label(client, auditor, sent_back):
    client.force_login(auditor)
    html = client.get(
        reverse(
            "maturity:score_edit",
            args=[sent_back.cycle.year, sent_back.unit_id, "klantgerichtheid"],
        )
    ).content.decode()
    assert '<span class="badge text-bg-danger">Teruggestuurd</span>' in html
    assert "Teruggestuurd in kalibratieronde 1</h2>" in html
    assert REASON in html
    assert ">Concept</span>" not in html


def test_the_work_page_labels_it_teruggestuurd(client, auditor, sent_back):
    client.force_login(auditor)
    html = client.get(
        reverse("maturity:auditor_work", args=[sent_back.cycle.year])
    ).content.decode()
    assert '<span class="badge text-bg-danger">Teruggestuurd</span>' in html
    assert html.count(">concept</span>") == 0


def test_a_concept_never_sent_back_keeps_its_label(client, auditor, calibrating, uitkeren):
    ScoreFactory(cycle=calibrating, unit=uitkeren, concept=True, updated_by=auditor)
    client.force_login(auditor)
    html = client.get(
        reverse("maturity:score_edit", args=[calibrating.year, uitkeren.pk, "klantgerichtheid"])
    ).content.decode()
    assert "Teruggestuurd" not in html
    assert not any("teruggestuurd" in t for t in titles(auditor))


def test_once_resubmitted_it_leaves_the_auditor_and_reaches_the_coordination_team(
    client, auditor, coordinator, sent_back, uitkeren
):
    score_record(
        actor=auditor,
        cycle=sent_back.cycle,
        unit=uitkeren,
        principle=sent_back.principle,
        level=3,
        justification="Twee bevestigde interviews tonen het aan.",
        expected_version=sent_back.version,
        reason="Herzien na de kalibratie.",
    )
    assert not any("teruggestuurd" in t for t in titles(auditor))
    [line] = [i for i in work_queue_for(coordinator) if i.kind == "Opnieuw ingediend"]
    assert line.title == "Score Klantgerichtheid bij Uitkeren is opnieuw ingediend"
    client.force_login(coordinator)
    assert client.get(line.url).status_code == 200
    assert "opnieuw ingediend" not in " ".join(titles(auditor))


def test_the_auditor_sees_each_units_progress(client, auditor, other_auditor, cycle, uitkeren):
    DocumentCheckFactory(cycle=cycle, unit=uitkeren, geleverd=True)
    InterviewFactory(cycle=cycle, unit=uitkeren, bevestigd=True)
    InterviewFactory(cycle=cycle, unit=uitkeren)
    ScoreFactory(cycle=cycle, unit=uitkeren, principle=principle("klantgerichtheid"))
    lines = {i.title: i for i in work_queue_for(auditor) if i.kind == "Voortgang"}
    assert set(lines) == {"Uitkeren 2031", "Communicatie 2031"}
    detail = lines["Uitkeren 2031"].detail
    assert "interviews bevestigd 1 van 2" in detail
    assert "scores ingediend 1 van 2 principes" in detail
    assert "Documenten beoordeeld 1 van " in detail
    client.force_login(auditor)
    assert client.get(lines["Uitkeren 2031"].url).status_code == 200
    assert not [i for i in work_queue_for(other_auditor) if i.kind == "Voortgang"]


def test_the_coordination_team_sees_the_outliers_of_the_cycle_in_calibration(
    client, coordinator, auditor, unit_board, cycle, uitkeren, communicatie
):
    ScoreFactory(cycle=cycle, unit=uitkeren, principle=principle("klantgerichtheid"))
    assert "Kalibratie" not in [i.kind for i in work_queue_for(coordinator)]  # fieldwork still
    AuditCycle.objects.filter(pk=cycle.pk).update(status="kalibratie")
    # A submitted score citing no evidence at all is an outlier (the matrix's rule).
    [line] = [i for i in work_queue_for(coordinator) if i.kind == "Kalibratie"]
    assert line.title == "Kalibratie 2031: 1 afwijkende score te bespreken"
    ScoreFactory(cycle=cycle, unit=communicatie, principle=principle("klantgerichtheid"))
    [line] = [i for i in work_queue_for(coordinator) if i.kind == "Kalibratie"]
    assert line.title == "Kalibratie 2031: 2 afwijkende scores te bespreken"
    assert line.detail == "Open een kalibratiesessie om ze te bespreken."
    client.force_login(coordinator)
    assert "Nieuwe sessie openen" in client.get(line.url).content.decode()
    # With a round open, the line leads to it, where the matrix is discussed.
    calibration_session_open(
        actor=coordinator,
        cycle=AuditCycle.objects.get(pk=cycle.pk),
        held_on=datetime.date(2031, 11, 4),
        participants=[coordinator],
    )
    [line] = [i for i in work_queue_for(coordinator) if i.kind == "Kalibratie"]
    assert line.detail == "Bespreek ze in kalibratieronde 1."
    html = client.get(line.url).content.decode()
    assert "Kalibratieronde 1" in html and "Uitkeren" in html
    for user in (auditor, unit_board):
        assert "Kalibratie" not in [i.kind for i in work_queue_for(user)]
