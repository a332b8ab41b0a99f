"""Evidence requests through their services (issue 21 §1): the lead sends a list, the unit's side
delivers a file (landing on the document's check, as the auditors judge it today) or answers
"bestaat niet" / "n.v.t." with an explanation, the team asks more, messages go both ways; each
change is recorded old → new and notifies the other side; refusals change nothing."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from audits.models import (
    AuditCycle,
    DocumentCheck,
    DocumentFile,
    DocumentType,
    EvidenceRequest,
    RequestItemFile,
)
from audits.services import requests as services
from tests.audits.requests_world import PDF, fresh, item_of
from uwvkms.models import AuditEvent, Notification
from uwvkms.versioning import EditConflict

TODAY = timezone.localdate


def test_sending_a_list_creates_its_items_and_tells_the_unit(qc, evidence_request):
    types = DocumentType.objects.filter(is_active=True).count()
    assert evidence_request.items.count() == types + 1
    extra = item_of(evidence_request, "Verbeterplan klantcontact")
    assert extra.document_type is None and extra.explanation.startswith("De versie")
    assert AuditEvent.objects.filter(event="audits.evidence_request.sent").count() == 1
    assert AuditEvent.objects.filter(event="audits.request_item.added").count() == types + 1
    told = set(
        Notification.objects.filter(kind="audits.evidence_request.sent").values_list(
            "recipient__username", flat=True
        )
    )
    assert told == {"directie", "kwaliteit"}


def test_only_the_lead_sends(cycle, uitkeren, other_auditor, unit_board, coordinator):
    for actor in (other_auditor, unit_board, coordinator):
        with pytest.raises(PermissionDenied):
            services.evidence_request_send(
                actor=actor,
                cycle=cycle,
                unit=uitkeren,
                due_on=TODAY() + datetime.timedelta(days=7),
                document_types=DocumentType.objects.all(),
            )
    assert not EvidenceRequest.objects.exists()


@pytest.mark.parametrize(
    ("days", "message"), [(-1, "verleden"), (400, "meer dan een jaar"), (None, "Geef de datum")]
)
def test_an_implausible_due_date_is_refused(cycle, uitkeren, auditor, days, message):
    due_on = None if days is None else TODAY() + datetime.timedelta(days=days)
    with pytest.raises(ValidationError, match=message):
        services.evidence_request_send(
            actor=auditor,
            cycle=cycle,
            unit=uitkeren,
            due_on=due_on,
            document_types=DocumentType.objects.all(),
        )
    assert not EvidenceRequest.objects.exists()


def test_no_list_outside_fieldwork_nor_twice(cycle, uitkeren, auditor, evidence_request):
    with pytest.raises(ValidationError, match="al een uitvraag"):
        services.evidence_request_send(
            actor=auditor,
            cycle=cycle,
            unit=uitkeren,
            due_on=TODAY(),
            document_types=DocumentType.objects.all(),
        )
    AuditCycle.objects.filter(pk=cycle.pk).update(status="kalibratie")
    with pytest.raises(ValidationError):
        services.request_item_add(actor=auditor, request=evidence_request, title="Nog iets")


def test_a_contact_delivers_a_file_onto_the_documents_check(
    evidence_request, qc, qc_user, jaarplan_type, auditor, cycle, uitkeren
):
    item = item_of(evidence_request, "Jaarplan")
    services.request_item_deliver(
        actor=fresh(qc_user), item=item, name="jaarplan_type.pdf", data=PDF, message="Versie 2"
    )
    item.refresh_from_db()
    assert item.status == "geleverd"
    check = DocumentCheck.objects.get(cycle=cycle, unit=uitkeren, document_type=jaarplan_type)
    delivered = DocumentFile.objects.get(document_check=check)
    assert delivered.request_item == item and delivered.uploaded_by == qc_user
    assert item.messages.get().text == "Versie 2"
    event = AuditEvent.objects.get(event="audits.request_item.delivered")
    assert event.changes["status"] == ["open", "geleverd"]
    assert event.changes["files"] == [None, "jaarplan_type.pdf"]
    assert Notification.objects.filter(
        kind="audits.evidence_request.answered", recipient=auditor
    ).exists()


def test_an_extra_items_file_is_kept_with_the_item(evidence_request, qc, qc_user):
    item = item_of(evidence_request, "Verbeterplan klantcontact")
    services.request_item_deliver(actor=fresh(qc_user), item=item, name="plan.pdf", data=PDF)
    assert RequestItemFile.objects.get(item=item).original_name == "plan.pdf"
    assert not DocumentFile.objects.exists()


def test_a_refused_file_changes_nothing(evidence_request, qc, qc_user):
    item = item_of(evidence_request, "Jaarplan")
    with pytest.raises(ValidationError):
        services.request_item_deliver(
            actor=fresh(qc_user), item=item, name="jaarplan_type.pdf", data=b"MZ\x90\x00 not a pdf"
        )
    item.refresh_from_db()
    assert item.status == "open"
    assert not DocumentFile.objects.exists()


def test_answering_needs_an_explanation_and_records_old_to_new(evidence_request, unit_board):
    item = item_of(evidence_request, "Jaarplan")
    with pytest.raises(ValidationError, match="Licht toe"):
        services.request_item_answer(
            actor=unit_board, item=item, action="nvt", answer="  ", expected_version=item.version
        )
    services.request_item_answer(
        actor=unit_board,
        item=item,
        action="nvt",
        answer="Wij werken met een meerjarenplan.",
        expected_version=item.version,
    )
    item.refresh_from_db()
    assert (item.status, item.answered_by) == ("nvt", unit_board)
    event = AuditEvent.objects.get(event="audits.request_item.answered")
    assert event.changes["status"] == ["open", "nvt"]


def test_two_people_answering_the_same_version_conflict(evidence_request, unit_board, qc, qc_user):
    item = item_of(evidence_request, "Jaarplan")
    seen = item.version
    services.request_item_answer(
        actor=unit_board,
        item=item,
        action="nvt",
        answer="Geen jaarplan_type.",
        expected_version=seen,
    )
    with pytest.raises(ValidationError):
        # The item is no longer open: nothing to answer any more.
        services.request_item_answer(
            actor=fresh(qc_user),
            item=item,
            action="bestaat_niet",
            answer="Bestaat niet.",
            expected_version=seen,
        )
    item.refresh_from_db()
    services.request_item_ask_more(
        actor=evidence_request.sent_by,
        item=item,
        text="Stuur het meerjarenplan.",
        expected_version=seen + 1,
    )
    with pytest.raises(EditConflict):
        services.request_item_answer(
            actor=fresh(qc_user),
            item=item,
            action="bestaat_niet",
            answer="Bestaat niet.",
            expected_version=seen + 1,
        )


def test_asking_more_reopens_the_item_and_tells_the_unit(qc, unit_board, evidence_request, auditor):
    item = item_of(evidence_request, "Jaarplan")
    services.request_item_answer(
        actor=unit_board,
        item=item,
        action="bestaat_niet",
        answer="Nooit gemaakt.",
        expected_version=item.version,
    )
    item.refresh_from_db()
    services.request_item_ask_more(
        actor=auditor, item=item, text="Wat gebruikt u dan?", expected_version=item.version
    )
    item.refresh_from_db()
    assert item.status == "aanvullend_gevraagd"
    assert item.messages.get().side == "team"
    assert set(
        Notification.objects.filter(kind="audits.evidence_request.more_asked").values_list(
            "recipient__username", flat=True
        )
    ) == {"directie", "kwaliteit"}


def test_asking_more_on_an_open_item_is_refused(evidence_request, auditor):
    item = item_of(evidence_request, "Jaarplan")
    with pytest.raises(ValidationError, match="staat op Open"):
        services.request_item_ask_more(
            actor=auditor, item=item, text="Meer?", expected_version=item.version
        )


def test_messages_notify_the_other_side(evidence_request, auditor, qc, qc_user):
    item = item_of(evidence_request, "Jaarplan")
    services.request_message_post(actor=fresh(qc_user), item=item, text="Komt volgende week.")
    assert Notification.objects.filter(
        kind="audits.evidence_request.message", recipient=auditor
    ).exists()
    services.request_message_post(actor=auditor, item=item, text="Prima.")
    assert Notification.objects.filter(
        kind="audits.evidence_request.message", recipient=qc_user
    ).exists()
    assert list(item.messages.values_list("side", flat=True)) == ["unit", "team"]


def test_withdrawing_an_item_needs_a_reason_and_leaves_it_struck_through(evidence_request, auditor):
    item = item_of(evidence_request, "Verbeterplan klantcontact")
    with pytest.raises(ValidationError):
        services.request_item_withdraw(actor=auditor, item=item, reason="")
    services.request_item_withdraw(
        actor=auditor, item=item, reason="Staat al in het jaarplan_type."
    )
    assert not evidence_request.items.filter(pk=item.pk).exists()
    assert type(item).with_withdrawn.get(pk=item.pk).withdrawal_reason


def test_items_added_later(evidence_request, auditor, qc):
    item = services.request_item_add(
        actor=auditor, request=evidence_request, title="Klachtenrapportage", explanation="Q1"
    )
    assert item.order == evidence_request.items.count()
    with pytest.raises(ValidationError, match="al op de uitvraag"):
        services.request_item_add(
            actor=auditor,
            request=evidence_request,
            document_type=DocumentType.objects.get(name="Jaarplan"),
        )


def test_updating_the_due_date_on_an_old_version_conflicts(evidence_request, auditor):
    services.evidence_request_update(
        actor=auditor,
        request=evidence_request,
        due_on=TODAY() + datetime.timedelta(days=20),
        note="",
        expected_version=1,
    )
    with pytest.raises(EditConflict):
        services.evidence_request_update(
            actor=auditor,
            request=evidence_request,
            due_on=TODAY() + datetime.timedelta(days=21),
            note="",
            expected_version=1,
        )
    event = AuditEvent.objects.get(event="audits.evidence_request.updated")
    assert "due_on" in event.changes


@pytest.mark.parametrize("persona", ["other_qc", "outsider", "other_auditor", "coordinator"])
def test_strangers_cannot_answer(request, evidence_request, persona):
    actor = request.getfixturevalue(persona)
    item = item_of(evidence_request, "Jaarplan")
    with pytest.raises(PermissionDenied):
        services.request_item_answer(
            actor=actor, item=item, action="nvt", answer="Nee.", expected_version=item.version
        )
    with pytest.raises(PermissionDenied):
        services.request_item_deliver(actor=actor, item=item, name="x.pdf", data=PDF)


def test_a_quality_contact_cannot_ask_more_nor_send(evidence_request, qc, qc_user, cycle, uitkeren):
    item = item_of(evidence_request, "Jaarplan")
    with pytest.raises(PermissionDenied):
        services.request_item_ask_more(
            actor=fresh(qc_user), item=item, text="?", expected_version=item.version
        )
    with pytest.raises(PermissionDenied):
        services.request_item_add(actor=fresh(qc_user), request=evidence_request, title="Nog iets")
