"""The confirmation window (issue 17: "the unit board's 'Ter bevestiging (1)' is a dead end"). A
record sent during fieldwork stays confirmable until calibration closes; when the cycle moves on
to the roll-up the open requests lapse (back to concept, with an event), the badge and the queue
line go, and nobody is offered a button the app would refuse."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from audits.constants import InterviewAction
from audits.models import AuditCycle
from audits.services.confirmations import (
    interview_answer_by_interviewee,
    interviewee_confirmation_record,
)
from tests.factories import InterviewFactory, ScoreFactory, principle
from uwvkms.models import AuditEvent
from uwvkms.workqueue import work_queue_for

HELD_ON = datetime.date(2025, 9, 15)


@pytest.fixture
def waiting(cycle, uitkeren, auditor, unit_board):
    """A record waiting for the unit's board member (linked) and one unlinked interviewee."""
    return InterviewFactory(
        cycle=cycle,
        unit=uitkeren,
        created_by=auditor,
        held_on=HELD_ON,
        ter_bevestiging=True,
        interviewees=[("Directie", "Directeur", unit_board), ("Piet Bakker", "Medewerker")],
    )


def set_status(cycle, status):
    AuditCycle.objects.filter(pk=cycle.pk).update(status=status)
    cycle.refresh_from_db()


def badge(client, user):
    client.force_login(user)
    return "Ter bevestiging (" in client.get(reverse("home")).content.decode()


def test_during_calibration_both_still_confirm(client, cycle, waiting, unit_board, auditor):
    set_status(cycle, "kalibratie")
    assert badge(client, unit_board)
    detail = reverse("audits:confirmation_detail", args=[waiting.pk])
    assert ">Bevestigen</button>" in client.get(detail).content.decode()
    interview_answer_by_interviewee(
        actor=unit_board,
        interview=waiting,
        action=InterviewAction.CONFIRM,
        expected_version=waiting.version,
    )
    client.force_login(auditor)
    page = client.get(waiting.get_absolute_url())
    assert page.context["confirmation_form"] is not None  # the team records Piet's
    assert "Interview wijzigen" not in page.content.decode()  # but evidence is fixed
    interviewee_confirmation_record(
        actor=auditor,
        interview=waiting,
        interviewee=waiting.interviewees.get(name="Piet Bakker"),
        confirmed_on=HELD_ON,
        confirmed_via="email",
    )
    waiting.refresh_from_db()
    assert waiting.status == "bevestigd"


def close_calibration_and_advance(client, cycle, coordinator, uitkeren, communicatie, fez):
    """The guarded move to the roll-up, its rules met (scores, a closed calibration)."""
    from maturity.services import (
        calibration_close,
        calibration_session_close,
        calibration_session_open,
    )

    for unit in (uitkeren, communicatie, fez):
        for code in ("klantgerichtheid", "operationele-kwaliteit"):
            ScoreFactory(cycle=cycle, unit=unit, principle=principle(code))
    set_status(cycle, "kalibratie")
    session = calibration_session_open(
        actor=coordinator, cycle=cycle, held_on=HELD_ON, participants=[coordinator]
    )
    calibration_session_close(actor=coordinator, session=session)
    calibration_close(actor=coordinator, cycle=cycle)
    client.force_login(coordinator)
    client.post(reverse("audits:cycle_advance", args=[cycle.year]), {"status": "kalibratie"})
    cycle.refresh_from_db()
    assert cycle.status == "oprollen"


def test_when_calibration_closes_open_requests_lapse(
    client, cycle, waiting, unit_board, auditor, coordinator, uitkeren, communicatie, fez
):
    from audits.notifications import notify_interview_sent

    notify_interview_sent(waiting)
    interviewee_confirmation_record(
        actor=auditor,
        interview=waiting,
        interviewee=waiting.interviewees.get(name="Piet Bakker"),
        confirmed_on=HELD_ON,
        confirmed_via="email",
    )
    confirmed = InterviewFactory(cycle=cycle, unit=uitkeren, bevestigd=True)
    close_calibration_and_advance(client, cycle, coordinator, uitkeren, communicatie, fez)

    waiting.refresh_from_db()
    assert waiting.status == "concept"
    assert not any(p.has_confirmed for p in waiting.interviewees.all())
    event = AuditEvent.objects.get(event="audits.interview.request_closed")
    assert event.actor == coordinator
    assert event.changes["status"] == ["ter_bevestiging", "concept"]
    assert event.changes["confirmed.Piet Bakker"] == ["15 september 2025, per e-mail", None]
    confirmed.refresh_from_db()
    assert confirmed.status == "bevestigd"  # evidence stays
    # A message that asked the board member to confirm no longer waits unread.
    from uwvkms.models import Notification

    assert not Notification.objects.filter(recipient=unit_board, read_at__isnull=True).exists()

    # The dead end of the issue: no badge, no queue line, no button; a POST is refused.
    unit_board.__dict__.pop("_user_facts", None)
    assert not badge(client, unit_board)
    assert not [i for i in work_queue_for(unit_board) if "bevestiging" in i.title]
    detail = reverse("audits:confirmation_detail", args=[waiting.pk])
    assert ">Bevestigen</button>" not in client.get(detail).content.decode()
    client.post(detail, {"bevestigen-version": waiting.version})
    waiting.refresh_from_db()
    assert waiting.status == "concept"
    client.force_login(auditor)
    page = client.get(waiting.get_absolute_url())
    assert page.context["confirmation_form"] is None
    assert page.context["transition_forms"] == []
    assert not page.context["moves"].can_send


def test_a_record_left_waiting_after_calibration_offers_nothing(
    client, cycle, waiting, unit_board, auditor
):
    """A cycle moved on without the service (old data): the selectors alone keep the badge and
    the buttons away, and the services refuse."""
    set_status(cycle, "oprollen")
    assert not badge(client, unit_board)
    with pytest.raises(ValidationError, match="de kalibratie is gesloten"):
        interview_answer_by_interviewee(
            actor=unit_board,
            interview=waiting,
            action=InterviewAction.CONFIRM,
            expected_version=waiting.version,
        )
    with pytest.raises(ValidationError, match="de kalibratie is gesloten"):
        interviewee_confirmation_record(
            actor=auditor,
            interview=waiting,
            interviewee=waiting.interviewees.get(name="Piet Bakker"),
            confirmed_on=HELD_ON,
            confirmed_via="email",
        )
    client.force_login(auditor)
    assert client.get(waiting.get_absolute_url()).context["confirmation_form"] is None


def test_a_refused_record_after_calibration_still_says_why(client, cycle, waiting, auditor):
    set_status(cycle, "oprollen")
    client.force_login(auditor)
    url = reverse("audits:interviewee_confirmation", args=[cycle.year, waiting.pk])
    person = waiting.interviewees.get(name="Piet Bakker")
    response = client.post(
        url, {"interviewee": person.pk, "confirmed_on": "2025-09-16", "confirmed_via": "email"}
    )
    assert response.status_code == 400
    assert "de kalibratie is gesloten" in response.content.decode()
    assert not waiting.interviewees.get(name="Piet Bakker").has_confirmed


def test_from_calibration_on_a_correction_is_no_longer_asked(client, cycle, waiting, unit_board):
    """The team can no longer change the record after fieldwork: a correction asked then
    would strand it (nobody could change it or send it again). Confirming still can."""
    set_status(cycle, "kalibratie")
    client.force_login(unit_board)
    detail = reverse("audits:confirmation_detail", args=[waiting.pk])
    page = client.get(detail).content.decode()
    assert "Correctie vragen" not in page and "Het veldwerk is voorbij" in page
    with pytest.raises(ValidationError, match="Na het veldwerk kan het verslag niet meer"):
        interview_answer_by_interviewee(
            actor=unit_board,
            interview=waiting,
            action=InterviewAction.REQUEST_CORRECTION,
            expected_version=waiting.version,
            remarks="De naam van het team klopt niet.",
        )
    waiting.refresh_from_db()
    assert waiting.status == "ter_bevestiging"


def test_a_refused_correction_gives_back_the_remarks(client, cycle, waiting, unit_board):
    """Answered meanwhile, or the window closed: the remarks typed are on the page again."""
    client.force_login(unit_board)
    detail = reverse("audits:confirmation_detail", args=[waiting.pk])
    typed = "Mijn functie is teamleider, niet medewerker."
    stale = {"correctie-version": waiting.version - 1, "correctie-remarks": typed}
    response = client.post(detail, stale)
    assert response.status_code == 400 and typed in response.content.decode()
    set_status(cycle, "oprollen")
    response = client.post(detail, stale | {"correctie-version": waiting.version})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Uw opmerkingen zijn niet verstuurd" in html and typed in html
