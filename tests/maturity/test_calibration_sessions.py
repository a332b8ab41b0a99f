"""Calibration sessions: the coordination team opens a round in the calibration phase (one at a
time, not while calibration is frozen), which records the submitted levels; closing records them
again. Nobody else can."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from audits.models import AuditCycle
from maturity.models import CalibrationClosure, CalibrationSession
from maturity.services import calibration_session_close, calibration_session_open
from tests.factories import ScoreFactory, principle
from uwvkms.models import AuditEvent

PERSONAS = ["auditor", "other_auditor", "board_member", "unit_board", "outsider"]


@pytest.fixture
def scores(calibrating, uitkeren, communicatie):
    klant = principle("klantgerichtheid")
    return {
        "uitkeren": ScoreFactory(cycle=calibrating, unit=uitkeren, principle=klant, level=2),
        "communicatie": ScoreFactory(
            cycle=calibrating, unit=communicatie, principle=klant, level=4
        ),
        "concept": ScoreFactory(
            cycle=calibrating,
            unit=uitkeren,
            principle=principle("operationele-kwaliteit"),
            level=1,
            concept=True,
        ),
    }


def open_url(cycle):
    return reverse("maturity:calibration_session_open", args=[cycle.year])


def post_open(client, cycle, *participants, held_on="2031-11-04", notes=""):
    return client.post(
        open_url(cycle),
        {"held_on": held_on, "participants": [p.pk for p in participants], "notes": notes},
    )


def test_coordinator_opens_round_one_with_a_snapshot_of_the_submitted_levels(
    client, coordinator, auditor, calibrating, scores, uitkeren, communicatie
):
    client.force_login(coordinator)
    form = client.get(open_url(calibrating))
    assert form.status_code == 200
    html = form.content.decode()
    assert "Anouk Toetser" in html  # auditors and coordinators to choose from
    response = post_open(client, calibrating, auditor, coordinator, notes="Eerste ronde.")
    session = CalibrationSession.objects.get(cycle=calibrating)
    assert response.status_code == 302
    assert response.url == reverse("maturity:calibration_session", args=[2031, 1])
    assert (session.number, session.status, session.held_on) == (
        1,
        "open",
        datetime.date(2031, 11, 4),
    )
    assert set(session.participants.all()) == {auditor, coordinator}
    assert session.opened_by == coordinator
    klant = principle("klantgerichtheid")
    # Only submitted scores: the concept at Uitkeren / Operationele Kwaliteit is not in it.
    assert sorted(map(tuple, session.levels_at_open)) == sorted(
        [(uitkeren.id, klant.id, 2), (communicatie.id, klant.id, 4)]
    )
    event = AuditEvent.objects.get(event="maturity.calibration_session.opened")
    assert (event.actor, event.object_id) == (coordinator, str(session.pk))
    assert event.changes["number"] == [None, 1]


def test_the_session_page_shows_the_round(client, coordinator, auditor, calibrating, scores):
    client.force_login(coordinator)
    post_open(client, calibrating, auditor)
    html = client.get(reverse("maturity:calibration_session", args=[2031, 1])).content.decode()
    assert "Kalibratieronde 1 (2031)" in html
    assert "Anouk Toetser" in html
    assert "Ronde 1 sluiten" in html
    assert "Alle scores per onderdeel en principe" in html  # the matrix while it is open


def test_only_one_session_at_a_time(client, coordinator, auditor, calibrating):
    client.force_login(coordinator)
    post_open(client, calibrating, auditor)
    response = post_open(client, calibrating, auditor)
    assert response.status_code == 400
    assert "Ronde 1 is nog open: sluit die eerst." in response.content.decode()
    assert CalibrationSession.objects.count() == 1


def test_the_database_refuses_a_second_open_session(calibrating, coordinator):
    CalibrationSession.objects.create(
        cycle=calibrating, number=1, held_on=datetime.date(2031, 11, 1), opened_by=coordinator
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        CalibrationSession.objects.create(
            cycle=calibrating, number=2, held_on=datetime.date(2031, 11, 2), opened_by=coordinator
        )


def test_closing_records_the_levels_and_the_next_round_is_two(
    client, coordinator, auditor, calibrating, scores, uitkeren
):
    client.force_login(coordinator)
    post_open(client, calibrating, auditor)
    scores["uitkeren"].level = 3
    scores["uitkeren"].save()
    response = client.post(
        reverse("maturity:calibration_session_close", args=[2031, 1]),
        {"notes": "Uitkeren besproken."},
    )
    assert response.status_code == 302
    session = CalibrationSession.objects.get(number=1)
    assert (session.status, session.closed_by, session.notes) == (
        "gesloten",
        coordinator,
        "Uitkeren besproken.",
    )
    assert session.closed_at is not None
    assert [uitkeren.id, principle("klantgerichtheid").id, 3] in session.levels_at_close
    assert AuditEvent.objects.filter(event="maturity.calibration_session.closed").count() == 1

    post_open(client, calibrating, auditor, held_on="2031-11-18")
    assert CalibrationSession.objects.get(status="open").number == 2


def test_a_closed_session_cannot_be_closed_again(coordinator, auditor, calibrating):
    session = calibration_session_open(
        actor=coordinator,
        cycle=calibrating,
        held_on=datetime.date(2031, 11, 4),
        participants=[auditor],
    )
    calibration_session_close(actor=coordinator, session=session)
    with pytest.raises(ValidationError, match="Ronde 1 is al gesloten"):
        calibration_session_close(actor=coordinator, session=session)


@pytest.mark.parametrize("status", ["voorbereiding", "veldwerk", "oprollen", "gepubliceerd"])
def test_sessions_only_in_the_calibration_phase(client, coordinator, auditor, cycle, status):
    AuditCycle.objects.filter(pk=cycle.pk).update(status=status)
    client.force_login(coordinator)
    response = post_open(client, cycle, auditor)
    assert response.status_code == 400
    assert "kan alleen in de fase Kalibratie" in response.content.decode()
    assert not CalibrationSession.objects.exists()


def test_no_session_while_calibration_is_frozen(client, coordinator, auditor, calibrating):
    CalibrationClosure.objects.create(cycle=calibrating, closed_by=coordinator)
    client.force_login(coordinator)
    response = post_open(client, calibrating, auditor)
    assert response.status_code == 400
    assert "De kalibratie van 2031 is afgesloten" in response.content.decode()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"held_on": "", "participants": []}, "held_on"),
        ({"held_on": "4 november", "participants": []}, "held_on"),
        ({"held_on": "2031-11-04"}, "participants"),
    ],
)
def test_date_and_participants_are_required(client, coordinator, calibrating, data, field):
    client.force_login(coordinator)
    response = client.post(open_url(calibrating), data)
    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert not CalibrationSession.objects.exists()


def test_participants_are_auditors_or_coordinators(
    client, coordinator, board_member, outsider, calibrating
):
    client.force_login(coordinator)
    response = post_open(client, calibrating, board_member)
    assert response.status_code == 400
    assert response.context["form"].errors["participants"]
    with pytest.raises(ValidationError):
        calibration_session_open(
            actor=coordinator,
            cycle=calibrating,
            held_on=datetime.date(2031, 11, 4),
            participants=[outsider],
        )
    assert not CalibrationSession.objects.exists()


def test_overview_lists_the_rounds_and_offers_what_is_possible(
    client, coordinator, auditor, calibrating
):
    client.force_login(coordinator)
    url = reverse("maturity:calibration", args=[2031])
    html = client.get(url).content.decode()
    assert "Nieuwe sessie openen" in html
    assert "Kalibratie afsluiten" not in html  # no session held yet
    post_open(client, calibrating, auditor)
    html = client.get(url).content.decode()
    assert "Ronde 1 is open." in html
    assert "Nieuwe sessie openen" not in html
    client.post(reverse("maturity:calibration_session_close", args=[2031, 1]), {})
    html = client.get(url).content.decode()
    assert "Nieuwe sessie openen" in html
    assert "Kalibratie afsluiten: scores vastleggen" in html


def test_report_page_links_coordinators_to_calibration(
    client, coordinator, board_member, calibrating
):
    report = reverse("findings:maturity_report", args=[2031])
    calibration = reverse("maturity:calibration", args=[2031])
    client.force_login(coordinator)
    assert calibration in client.get(report).content.decode()
    client.force_login(board_member)
    assert calibration not in client.get(report).content.decode()


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_coordination_team_runs_sessions(
    client, request, persona, coordinator, auditor, calibrating
):
    session = calibration_session_open(
        actor=coordinator,
        cycle=calibrating,
        held_on=datetime.date(2031, 11, 4),
        participants=[auditor],
    )
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("maturity:calibration", args=[2031])).status_code == 403
    assert client.get(open_url(calibrating)).status_code == 403
    assert post_open(client, calibrating, auditor).status_code == 403
    assert client.get(reverse("maturity:calibration_session", args=[2031, 1])).status_code == 403
    assert client.get(reverse("maturity:calibration_matrix", args=[2031])).status_code == 403
    close = client.post(reverse("maturity:calibration_session_close", args=[2031, 1]), {})
    assert close.status_code == 403
    session.refresh_from_db()
    assert session.status == "open"
    assert CalibrationSession.objects.count() == 1


def test_anonymous_is_sent_to_login(client, calibrating):
    response = client.get(reverse("maturity:calibration", args=[2031]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_unknown_cycle_or_round_is_404(client, coordinator, calibrating):
    client.force_login(coordinator)
    assert client.get(reverse("maturity:calibration", args=[2099])).status_code == 404
    assert client.get(reverse("maturity:calibration_session", args=[2031, 7])).status_code == 404
