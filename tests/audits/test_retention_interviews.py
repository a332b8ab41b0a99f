"""Retention of interviews (issue 19 §5): the interviewees' names and functions, the notes, who
confirmed and the remarks are removed `RETENTION_YEARS["interviews"]` after the interview, only
once its cycle is published; the record's facts stay; the log keeps counts, never the data."""

import datetime

import pytest

from audits.constants import CycleStatus
from audits.events import INTERVIEW_PERSONAL_DATA_REMOVED, INTERVIEW_UPDATED
from audits.models import AuditCycle, Interview, InterviewNote
from tests.factories import InterviewFactory, UserFactory, principle
from uwvkms.models import AuditEvent
from uwvkms.retention import retention_apply, retention_due
from uwvkms.services import audit_event_record

HELD = datetime.date(2031, 9, 15)


@pytest.fixture
def interview(cycle, uitkeren, auditor):
    linked = UserFactory()
    return InterviewFactory(
        cycle=cycle,
        unit=uitkeren,
        created_by=auditor,
        held_on=HELD,
        bevestigd=True,
        interviewees=[("Anna de Vries", "Teamleider", linked), ("Piet Bakker", "Adviseur")],
        principles=[principle("klantgerichtheid")],
    )


def publish(cycle):
    AuditCycle.objects.filter(pk=cycle.pk).update(status=CycleStatus.GEPUBLICEERD)


def due_count(today) -> int:
    return next(d.count for d in retention_due(today=today) if d.kind.key == "interviews")


def test_due_on_the_day_the_term_ends_and_not_before(interview, cycle, settings):
    settings.RETENTION_YEARS = {**settings.RETENTION_YEARS, "interviews": 3}
    publish(cycle)
    assert due_count(datetime.date(2034, 9, 14)) == 0
    assert due_count(datetime.date(2034, 9, 15)) == 1


def test_never_while_the_cycle_is_not_published(interview, cycle):
    assert due_count(datetime.date(2060, 1, 1)) == 0
    retention_apply(actor=None, today=datetime.date(2060, 1, 1))
    interview.refresh_from_db()
    assert interview.personal_data_removed_on is None
    assert interview.interviewees.filter(name="Anna de Vries").exists()


def test_names_functions_notes_and_remarks_go_the_facts_stay(interview, cycle, settings):
    settings.RETENTION_YEARS = {**settings.RETENTION_YEARS, "interviews": 3}
    publish(cycle)
    Interview.objects.filter(pk=interview.pk).update(correction_remarks="Mijn naam klopt niet.")
    version = Interview.objects.get(pk=interview.pk).version
    today = datetime.date(2034, 9, 15)

    done = retention_apply(actor=None, today=today)

    assert next(d.count for d in done if d.kind.key == "interviews") == 1
    interview.refresh_from_db()
    people = list(interview.interviewees.order_by("id").values_list("name", "function", "user"))
    assert people == [
        ("Geïnterviewde 1", "(verwijderd)", None),
        ("Geïnterviewde 2", "(verwijderd)", None),
    ]
    assert list(
        InterviewNote.objects.filter(interview=interview).values_list("notes", flat=True)
    ) == [""]
    assert interview.confirmed_by == "de geïnterviewden"
    assert interview.correction_remarks == ""
    assert interview.personal_data_removed_on == today
    assert interview.version == version + 1  # an open form can no longer save the old data
    assert (interview.held_on, interview.unit_id, interview.status) == (
        HELD,
        cycle.interviews.get().unit_id,
        "bevestigd",
    )
    event = AuditEvent.objects.get(event=INTERVIEW_PERSONAL_DATA_REMOVED)
    assert event.actor is None
    assert event.object_id == str(interview.pk)
    assert "Anna" not in str(event.changes) and "Trots" not in str(event.changes)
    assert event.changes == {"interviewees": [2, 2], "notes": [1, 0]}


def test_the_log_of_its_edits_keeps_who_and_when_not_the_names(interview, cycle, auditor, settings):
    audit_event_record(
        event=INTERVIEW_UPDATED,
        actor=auditor,
        target=interview,
        changes={"interviewees": ["Anna de Vries (Teamleider)", "Anna de Vries (Teamlid)"]},
    )
    publish(cycle)
    retention_apply(actor=None, today=datetime.date(2050, 1, 1))
    edit = AuditEvent.objects.get(event=INTERVIEW_UPDATED)
    assert edit.actor == auditor
    assert edit.changes == {
        "interviewees": ["(verwijderd na bewaartermijn)", "(verwijderd na bewaartermijn)"]
    }


def test_no_interviewee_name_stays_in_the_event_log(interview, cycle, auditor):
    # Confirmations are logged per interviewee under their name (the key, not only the value).
    audit_event_record(
        event=INTERVIEW_UPDATED,
        actor=auditor,
        target=interview,
        changes={
            "confirmed.Anna de Vries": [None, "per e-mail op 1 oktober 2031"],
            "confirmed.Iemand Anders": [None, "mondeling"],
            "confirmed_by": [None, "Anna de Vries, Piet Bakker"],
        },
    )
    publish(cycle)
    retention_apply(actor=None, today=datetime.date(2050, 1, 1))
    rows = AuditEvent.objects.filter(object_type="audits.interview", object_id=str(interview.pk))
    logged = str([(row.changes, row.reason, row.object_repr) for row in rows])
    for name in ("Anna", "Piet", "Iemand"):
        assert name not in logged
    edit = rows.get(event=INTERVIEW_UPDATED)
    assert set(edit.changes) == {
        "confirmed.Geïnterviewde 1",
        "confirmed.(verwijderd)",
        "confirmed_by",
    }


def test_a_second_run_finds_nothing_more(interview, cycle):
    publish(cycle)
    today = datetime.date(2050, 1, 1)
    retention_apply(actor=None, today=today)
    assert due_count(today) == 0
    done = retention_apply(actor=None, today=today)
    assert next(d.count for d in done if d.kind.key == "interviews") == 0
    assert AuditEvent.objects.filter(event=INTERVIEW_PERSONAL_DATA_REMOVED).count() == 1


def test_the_dry_run_changes_nothing(interview, cycle):
    publish(cycle)
    result = retention_apply(actor=None, today=datetime.date(2050, 1, 1), dry_run=True)
    listed = next(d for d in result if d.kind.key == "interviews")
    assert listed.count == 1
    assert "15 september 2031" in listed.listed[0]
    assert interview.interviewees.filter(name="Anna de Vries").exists()
    assert not AuditEvent.objects.filter(event=INTERVIEW_PERSONAL_DATA_REMOVED).exists()


def test_the_interview_page_says_the_data_was_removed(client, interview, cycle, coordinator):
    publish(cycle)
    retention_apply(actor=None, today=datetime.date(2050, 1, 1))
    client.force_login(coordinator)
    page = client.get(interview.get_absolute_url())
    assert page.status_code == 200
    text = page.content.decode()
    assert "Anna de Vries" not in text
    assert "Geïnterviewde 1" in text
    assert "verwijderd na de bewaartermijn" in text
