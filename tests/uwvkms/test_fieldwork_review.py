"""Review before submission (issue 21 §3) through its services, for each of the four kinds:
the author marks it ready, the lead marks it beoordeeld or sends it back with a note (the
author is notified), nobody reviews their own work, and a change after review returns it to
concept."""

# ruff: noqa: F811 (the review fixtures are imported by name)
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from audits.services.documents import document_check_save
from findings.services import finding_update, recommendation_update
from tests.factories import UserFactory, principle
from tests.review_fixtures import colleague, fieldwork  # noqa: F401 (fixtures)
from uwvkms.constants import Role
from uwvkms.models import AuditEvent, Notification
from uwvkms.review import (
    ReviewStatus,
    review_approve,
    review_request,
    review_reset_after_change,
    review_send_back,
)
from uwvkms.versioning import EditConflict

KINDS = ["interview", "document", "finding", "recommendation"]


def ready(actor, record):
    return review_request(actor=actor, record=record, expected_version=record.version)


def events_of(record):
    return list(
        AuditEvent.objects.filter(object_type=record._meta.label_lower, object_id=str(record.pk))
        .order_by("id")
        .values_list("event", flat=True)
    )


@pytest.mark.parametrize("kind", KINDS)
def test_the_author_marks_ready_and_the_lead_approves(kind, fieldwork, colleague, auditor):
    record = ready(colleague, fieldwork[kind])
    assert (record.review_status, record.review_requested_by) == ("klaar", colleague)
    version = record.version
    record = review_approve(actor=auditor, record=record, expected_version=record.version)
    record.refresh_from_db()
    assert (record.review_status, record.reviewed_by) == ("beoordeeld", auditor)
    assert record.reviewed_at is not None
    # A review is no change of the content: the version and its author stay.
    assert record.version == version
    assert events_of(record)[-2:] == ["uwvkms.review.requested", "uwvkms.review.approved"]
    change = AuditEvent.objects.filter(event="uwvkms.review.approved").get()
    assert change.changes == {"review_status": ["klaar", "beoordeeld"]}
    assert change.actor == auditor


@pytest.mark.parametrize("kind", KINDS)
def test_the_lead_sends_back_with_a_note_and_the_author_is_told(
    kind, fieldwork, colleague, auditor
):
    record = ready(colleague, fieldwork[kind])
    with pytest.raises(ValidationError) as refused:
        review_send_back(actor=auditor, record=record, expected_version=record.version, note=" ")
    assert "note" in refused.value.error_dict
    assert not Notification.objects.exists()
    record = review_send_back(
        actor=auditor, record=record, expected_version=record.version, note="Noem de bron."
    )
    record.refresh_from_db()
    assert (record.review_status, record.review_note) == ("teruggestuurd", "Noem de bron.")
    note = Notification.objects.get()
    assert (note.recipient, note.kind) == (colleague, "uwvkms.review.sent_back")
    assert "teruggestuurd" in note.title
    # The author fixes it and marks it ready again: the note goes, the history keeps it.
    record = ready(colleague, record)
    assert (record.review_status, record.review_note, record.reviewed_by) == ("klaar", "", None)
    assert "uwvkms.review.sent_back" in events_of(record)


@pytest.mark.parametrize("kind", KINDS)
def test_nobody_reviews_their_own_work(kind, fieldwork, colleague, auditor):
    """The lead wrote it (and asked): the lead may not review it; another auditor of the team
    may. The colleague asked review of their own: they may not approve it."""
    record = ready(colleague, fieldwork[kind])
    with pytest.raises(PermissionDenied):
        review_approve(actor=colleague, record=record, expected_version=record.version)
    record.refresh_from_db()
    assert record.review_status == "klaar"


def test_when_the_lead_is_the_author_another_auditor_or_the_coordinator_reviews(
    fieldwork, colleague, auditor, coordinator
):
    finding, recommendation = fieldwork["finding"], fieldwork["recommendation"]
    type(finding).objects.filter(pk=finding.pk).update(updated_by=auditor)
    finding.refresh_from_db()
    finding = ready(auditor, finding)
    with pytest.raises(PermissionDenied):
        review_approve(actor=auditor, record=finding, expected_version=finding.version)
    review_approve(actor=colleague, record=finding, expected_version=finding.version)
    finding.refresh_from_db()
    assert finding.reviewed_by == colleague
    # The lead asked for the review of the colleague's recommendation: the lead counts as an
    # author now, so the coordination team may review it (and the lead may not).
    recommendation = ready(auditor, recommendation)
    with pytest.raises(PermissionDenied):
        review_approve(actor=auditor, record=recommendation, expected_version=1)
    review_approve(actor=coordinator, record=recommendation, expected_version=1)
    recommendation.refresh_from_db()
    assert recommendation.reviewed_by == coordinator


@pytest.mark.parametrize("persona", ["other_auditor", "board_member", "unit_board", "outsider"])
def test_outside_the_team_nobody_marks_or_reviews(request, persona, fieldwork, colleague):
    user = request.getfixturevalue(persona)
    record = fieldwork["finding"]
    with pytest.raises(PermissionDenied):
        ready(user, record)
    record = ready(colleague, record)
    for service in (review_approve, review_send_back):
        kwargs = {"note": "Nee."} if service is review_send_back else {}
        with pytest.raises(PermissionDenied):
            service(actor=user, record=record, expected_version=record.version, **kwargs)
    record.refresh_from_db()
    assert record.review_status == "klaar"


def test_the_coordinator_does_not_review_what_the_lead_may(fieldwork, colleague, coordinator):
    record = ready(colleague, fieldwork["interview"])
    with pytest.raises(PermissionDenied):
        review_approve(actor=coordinator, record=record, expected_version=record.version)


def test_only_the_moves_of_the_table(fieldwork, colleague, auditor):
    record = fieldwork["finding"]
    with pytest.raises(ValidationError):  # concept: nothing to approve yet
        review_approve(actor=auditor, record=record, expected_version=record.version)
    record = ready(colleague, record)
    with pytest.raises(ValidationError):  # klaar already
        ready(colleague, record)
    review_approve(actor=auditor, record=record, expected_version=record.version)
    with pytest.raises(ValidationError):  # beoordeeld: a second reviewer changes nothing
        review_approve(actor=auditor, record=record, expected_version=record.version)


def test_a_reviewer_never_approves_what_they_did_not_read(fieldwork, colleague, auditor):
    record = ready(colleague, fieldwork["finding"])
    seen = record.version
    finding_update(
        actor=colleague,
        finding=record,
        expected_version=seen,
        principle=principle("klantgerichtheid"),
        kind="observatie",
        text="Anders geformuleerd.",
    )
    with pytest.raises(EditConflict):
        review_approve(actor=auditor, record=record, expected_version=seen)


def test_a_change_after_review_returns_a_finding_to_concept(fieldwork, colleague, auditor):
    record = ready(colleague, fieldwork["recommendation"])
    review_approve(actor=auditor, record=record, expected_version=record.version)
    record.refresh_from_db()
    recommendation_update(
        actor=colleague,
        recommendation=record,
        expected_version=record.version,
        principle=record.principle,
        title="Meet het effect van elke verbeteractie",
        text=record.text,
        priority=record.priority,
    )
    record.refresh_from_db()
    assert record.review_status == "concept"
    assert (record.reviewed_by, record.review_requested_by) == (None, None)
    assert events_of(record)[-1] == "uwvkms.review.reopened"


def test_a_change_of_a_judgement_after_review_returns_it_to_concept(
    fieldwork, colleague, auditor, cycle, uitkeren
):
    check = ready(colleague, fieldwork["document"])
    review_approve(actor=auditor, record=check, expected_version=check.version)
    check.refresh_from_db()
    document_check_save(
        actor=colleague,
        cycle=cycle,
        unit=uitkeren,
        document_type=check.document_type,
        status="niet_geleverd",
        principles=[],
        design_note="",
        existence_note="",
        operation_note="",
        expected_version=check.version,
    )
    check.refresh_from_db()
    assert check.review_status == "concept"


def test_a_change_keeps_a_record_sent_back(fieldwork, colleague, auditor):
    record = ready(colleague, fieldwork["finding"])
    review_send_back(actor=auditor, record=record, expected_version=record.version, note="Bron?")
    record.refresh_from_db()
    assert review_reset_after_change(record, actor=colleague) == {}
    record.refresh_from_db()
    assert (record.review_status, record.review_note) == ("teruggestuurd", "Bron?")


def test_a_withdrawn_interview_is_not_reviewed(fieldwork, colleague):
    from audits.services.interviews import interview_withdraw  # noqa: PLC0415

    interview = interview_withdraw(
        actor=colleague, interview=fieldwork["interview"], reason="Dubbel ingevoerd."
    )
    with pytest.raises(ValidationError):
        ready(colleague, interview)


def test_the_database_keeps_four_eyes(fieldwork, colleague):
    """A beoordeeld record reviewed by whoever asked for it is refused by the database."""
    record = fieldwork["finding"]
    with pytest.raises(IntegrityError), transaction.atomic():
        type(record).objects.filter(pk=record.pk).update(
            review_status=ReviewStatus.BEOORDEELD,
            review_requested_by=colleague,
            review_requested_at=record.updated_at,
            reviewed_by=colleague,
            reviewed_at=record.updated_at,
        )
    with pytest.raises(IntegrityError), transaction.atomic():  # sent back without a note
        type(record).objects.filter(pk=record.pk).update(
            review_status=ReviewStatus.TERUGGESTUURD,
            review_requested_by=colleague,
            review_requested_at=record.updated_at,
            reviewed_by=UserFactory(roles=[Role.TOETSER]),
            reviewed_at=record.updated_at,
        )
