"""Self-service confirmation (service): a linked interviewee confirms the record sent to them
(their full name and the time recorded, the event log says who did it, old → new) or asks for a
correction with required remarks. A stale answer, an answer from anyone else and an answer to a
record no longer waiting change nothing."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from audits.constants import InterviewAction
from audits.services.confirmations import (
    interview_answer_by_interviewee,
    interviewee_confirmation_record,
)
from tests.factories import InterviewFactory, UserFactory
from uwvkms.models import AuditEvent
from uwvkms.versioning import EditConflict


@pytest.fixture
def linked(db, uitkeren):
    return UserFactory(
        username="jansen", first_name="Jan", last_name="Jansen", business_unit=uitkeren
    )


@pytest.fixture
def waiting(cycle, uitkeren, auditor, linked):
    return InterviewFactory(
        cycle=cycle,
        unit=uitkeren,
        created_by=auditor,
        ter_bevestiging=True,
        version=2,
        held_on=datetime.date(2025, 9, 15),
        interviewees=[("J. Jansen", "Teamleider", linked), ("Eva de Vries", "Adviseur")],
    )


def answer(interview, actor, action, *, version=None, remarks=""):
    return interview_answer_by_interviewee(
        actor=actor,
        interview=interview,
        action=action,
        expected_version=interview.version if version is None else version,
        remarks=remarks,
    )


def events():
    return AuditEvent.objects.filter(object_type="audits.interview")


def test_the_interviewee_confirms_for_themselves_only(waiting, linked, auditor):
    answer(waiting, linked, InterviewAction.CONFIRM)
    waiting.refresh_from_db()
    # Eva de Vries has not confirmed: the record still waits, at the same version.
    assert (waiting.status, waiting.version, waiting.confirmed_by) == ("ter_bevestiging", 2, "")
    mine, eva = waiting.interviewees.all()
    assert (mine.confirmed_on, mine.confirmed_via) == (timezone.localdate(), "app")
    assert mine.confirmation_recorded_by == linked
    assert eva.confirmed_on is None
    (event,) = events()
    assert (event.event, event.actor) == ("audits.interviewee.confirmed", linked)
    assert list(event.changes) == ["confirmed.J. Jansen"]
    # A second answer of the same interviewee is refused.
    with pytest.raises(ValidationError, match="heeft dit verslag al bevestigd"):
        answer(waiting, linked, InterviewAction.CONFIRM)
    # The last confirmation completes the record.
    interviewee_confirmation_record(
        actor=auditor,
        interview=waiting,
        interviewee=eva,
        confirmed_on=timezone.localdate(),
        confirmed_via="persoonlijk",
    )
    waiting.refresh_from_db()
    assert (waiting.status, waiting.version) == ("bevestigd", 3)
    assert waiting.confirmed_by == "J. Jansen, Eva de Vries"
    assert waiting.confirmed_at is not None


def test_the_interviewee_asks_for_a_correction(waiting, linked):
    answer(waiting, linked, InterviewAction.REQUEST_CORRECTION, remarks="  De datum klopt niet. ")
    waiting.refresh_from_db()
    assert (waiting.status, waiting.version) == ("correctie_gevraagd", 3)
    assert waiting.correction_remarks == "De datum klopt niet."
    (event,) = events()
    assert (event.event, event.actor) == ("audits.interview.correction_requested", linked)
    assert event.changes["correction_remarks"] == [None, "De datum klopt niet."]


@pytest.mark.parametrize("remarks", ["", "   "])
def test_a_correction_needs_remarks(waiting, linked, remarks):
    with pytest.raises(ValidationError) as refused:
        answer(waiting, linked, InterviewAction.REQUEST_CORRECTION, remarks=remarks)
    assert refused.value.message_dict["remarks"] == [
        "Beschrijf wat er in het verslag gecorrigeerd moet worden."
    ]
    waiting.refresh_from_db()
    assert (waiting.status, waiting.version) == ("ter_bevestiging", 2)
    assert not events().exists()


@pytest.mark.parametrize("action", [InterviewAction.CONFIRM, InterviewAction.REQUEST_CORRECTION])
def test_a_stale_answer_changes_nothing(waiting, linked, action):
    with pytest.raises(EditConflict) as refused:
        answer(waiting, linked, action, version=1, remarks="x")
    assert refused.value.messages[0].startswith("Dit verslag is intussen gewijzigd door ")
    # Where it stands now, and that the interviewee answers (not edits) the current version.
    assert refused.value.messages[0].endswith(
        "Het staat nu op Ter bevestiging (versie 2). "
        "Er is niets vastgelegd; lees de actuele versie en beantwoord die."
    )
    waiting.refresh_from_db()
    assert (waiting.status, waiting.version, waiting.confirmed_by) == ("ter_bevestiging", 2, "")
    assert not events().exists()


@pytest.mark.parametrize("persona", ["unit_board", "auditor", "coordinator", "outsider"])
def test_nobody_else_may_answer(request, db, waiting, persona):
    someone = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied) as refused:
        answer(waiting, someone, InterviewAction.CONFIRM)
    assert "gekoppeld" in str(refused.value)
    waiting.refresh_from_db()
    assert waiting.status == "ter_bevestiging"
    assert not events().exists()


@pytest.mark.parametrize("action", [InterviewAction.REOPEN, InterviewAction.SEND])
def test_the_interviewee_makes_no_audit_team_moves(waiting, linked, action):
    with pytest.raises(ValidationError):
        answer(waiting, linked, action)
    waiting.refresh_from_db()
    assert waiting.status == "ter_bevestiging"


@pytest.mark.parametrize("trait", ["bevestigd", "correctie_gevraagd"])
def test_no_answer_once_the_record_is_no_longer_waiting(cycle, uitkeren, auditor, linked, trait):
    interview = InterviewFactory(
        cycle=cycle,
        unit=uitkeren,
        created_by=auditor,
        interviewees=[("Jan Jansen", "Teamleider", linked)],
        **{trait: True},
    )
    with pytest.raises(ValidationError):
        answer(interview, linked, InterviewAction.CONFIRM)
    interview.refresh_from_db()
    assert interview.status == trait
    assert not events().exists()
