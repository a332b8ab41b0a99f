"""The documents in a herstelactie's dossier (herstel/services/documents.py): uploaded with the
same checks as audit evidence (type by content, size, safe name, private storage, SHA-256),
kept in versions per kind and title, withdrawn with a reason and never deleted; decisions and
notifications may rest on one of the action's own current documents."""

import datetime
import hashlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from herstel.constants import DocumentKind, Forum, NotificationKind, Outcome, Step
from herstel.models import ActionDocument, Decision, Herstelactie
from herstel.services.decisions import decision_correct, decision_record, notification_record
from herstel.services.documents import action_document_upload, action_document_withdraw
from tests.herstel.documents import PDF, TEXT, upload
from tests.herstel.flow import DAY, DT_PATH, start, submit
from uwvkms.models import AuditEvent

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 20


def read(document) -> bytes:
    with document.file.storage.open(document.file.name, "rb") as stored:
        return stored.read()


def test_an_upload_is_stored_privately_with_its_facts(action, adviser):
    document = upload(action, adviser)
    assert (document.kind, document.title, document.version) == ("advies", "Advies aan de DT", 1)
    assert document.original_name == "advies.pdf"
    assert document.content_type == "application/pdf"
    assert document.size == len(PDF)
    assert document.sha256 == hashlib.sha256(PDF).hexdigest()
    assert document.uploaded_by == adviser
    assert read(document) == PDF
    # A random name in the storage: nothing of the user's file name.
    assert "advies" not in document.file.name
    assert document.file.name.startswith(f"herstel/{action.pk}/")
    with pytest.raises(ValueError):
        document.file.storage.url(document.file.name)  # never a public address
    event = AuditEvent.objects.get(event="herstel.document.uploaded")
    assert (event.object_type, event.object_id) == ("herstel.herstelactie", str(action.pk))
    assert event.actor == adviser
    assert event.changes["document_name"] == [None, "Advies: Advies aan de DT (versie 1)"]
    assert event.changes["sha256"] == [None, document.sha256]
    assert event.changes["malware_scan"][0] is None


def test_the_same_kind_and_title_is_the_next_version(action, adviser):
    first = upload(action, adviser, title="Advies aan de DT")
    second = upload(action, adviser, title="  advies aan de  DT ", name="advies-v2.txt", data=TEXT)
    other = upload(action, adviser, kind="overig", title="Advies aan de DT")
    assert (first.version, second.version, other.version) == (1, 2, 1)
    assert second.title == "Advies aan de DT"  # the first version's spelling stays
    first.refresh_from_db()
    assert read(first) == PDF and read(second) == TEXT  # the older version stays


def test_a_withdrawn_version_keeps_its_number(action, adviser):
    first = upload(action, adviser)
    action_document_withdraw(actor=adviser, document=first, reason="Verkeerd bestand.")
    assert upload(action, adviser).version == 2


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("advies.pdf", PNG, "De inhoud van het bestand is PNG-afbeelding"),
        ("advies.exe", b"MZ\x90\x00\x03" + b"\x00" * 50, "niet toegestaan"),
        ("advies.pdf", b"", "Het bestand is leeg."),
        ("advies", PDF, "heeft geen extensie"),
    ],
)
def test_a_refused_file_stores_nothing(action, adviser, name, data, message):
    with pytest.raises(ValidationError) as refused:
        upload(action, adviser, name=name, data=data)
    assert message in " ".join(refused.value.message_dict["file"])
    assert not ActionDocument.with_withdrawn.exists()
    assert not AuditEvent.objects.filter(event="herstel.document.uploaded").exists()


def test_a_file_over_the_limit_is_refused(action, adviser, settings):
    settings.UPLOAD_MAX_BYTES = 20
    with pytest.raises(ValidationError) as refused:
        upload(action, adviser)
    assert "te groot" in " ".join(refused.value.message_dict["file"])
    assert not ActionDocument.with_withdrawn.exists()


@pytest.mark.parametrize(("kind", "title"), [("", "Titel"), ("onbekend", "Titel"), ("advies", " ")])
def test_kind_and_title_are_required(action, adviser, kind, title):
    with pytest.raises(ValidationError):
        upload(action, adviser, kind=kind, title=title)
    assert not ActionDocument.with_withdrawn.exists()


@pytest.mark.parametrize("persona", ["other_adviser", "outsider", "wg_member", "fez_adviser"])
def test_who_may_not_upload_is_refused(request, action, persona):
    with pytest.raises(PermissionDenied):
        upload(action, request.getfixturevalue(persona))
    assert not ActionDocument.with_withdrawn.exists()


def test_the_kind_decides_who_uploads(action, adviser, dt_member, board_member, sbk_adviser):
    submit(action, adviser, DT_PATH)
    with pytest.raises(PermissionDenied):
        upload(action, dt_member, kind="advies")
    with pytest.raises(PermissionDenied):
        upload(action, sbk_adviser, kind="plan_van_aanpak", title="Plan")
    assert upload(action, dt_member, kind="besluitdocument", title="Besluit DT").version == 1
    assert upload(action, board_member, kind="besluitdocument", title="Besluit RvB").version == 1
    assert upload(action, sbk_adviser, kind="nota_minister", title="Nota").version == 1


def test_a_closed_action_takes_no_documents(action, adviser):
    document = upload(action, adviser)
    Herstelactie.objects.filter(pk=action.pk).update(
        step=Step.GESLOTEN, mandate="dt", closed_on=datetime.date(2026, 1, 1)
    )
    with pytest.raises(ValidationError, match="Gesloten"):
        upload(action, adviser)
    with pytest.raises(ValidationError):
        action_document_withdraw(actor=adviser, document=document, reason="Fout.")
    assert ActionDocument.objects.count() == 1


def test_withdrawing_needs_a_reason_and_keeps_the_row(action, adviser, dt_member):
    document = upload(action, adviser)
    with pytest.raises(ValidationError):
        action_document_withdraw(actor=adviser, document=document, reason=" ")
    with pytest.raises(PermissionDenied):  # the DT uploads no advice, so withdraws none
        action_document_withdraw(actor=dt_member, document=document, reason="Fout.")
    action_document_withdraw(actor=adviser, document=document, reason="Verkeerd bestand.")
    kept = ActionDocument.with_withdrawn.get(pk=document.pk)
    assert kept.is_withdrawn and kept.withdrawal_reason == "Verkeerd bestand."
    assert read(kept) == PDF
    assert not ActionDocument.objects.exists()
    event = AuditEvent.objects.get(event="herstel.document.withdrawn")
    assert event.reason == "Verkeerd bestand." and event.changes["withdrawn"] == [False, True]
    with pytest.raises(ValidationError, match="al ingetrokken"):
        action_document_withdraw(actor=adviser, document=kept, reason="Nog eens.")


# --- Decisions and notifications rest on a document -------------------------------------------


@pytest.fixture
def in_2a(action, adviser):
    submit(action, adviser, DT_PATH)
    action.refresh_from_db()
    return action


def _decide(action, actor, document):
    return decision_record(
        actor=actor,
        herstelactie=action,
        forum=Forum.DT,
        outcome=Outcome.BESLUIT,
        body="Besloten.",
        decided_on=DAY,
        document_file=document,
    )


def test_a_decision_refers_to_a_document_of_its_action(in_2a, adviser, dt_member):
    document = upload(in_2a, dt_member, kind="besluitdocument", title="Besluit DT")
    decision = _decide(in_2a, dt_member, document)
    assert decision.document_file == document
    event = AuditEvent.objects.get(event="herstel.decision.recorded")
    assert event.changes["document_file"] == [None, "Besluitdocument: Besluit DT (versie 1)"]
    # A document a standing decision rests on is not withdrawn.
    with pytest.raises(ValidationError, match="verwijst naar dit document"):
        action_document_withdraw(actor=dt_member, document=document, reason="Fout.")
    # A correction may point at the next version; then the old one may go.
    newer = upload(in_2a, dt_member, kind="besluitdocument", title="Besluit DT")
    correction = decision_correct(
        actor=dt_member,
        decision=decision,
        outcome=Outcome.BESLUIT,
        body="Besloten.",
        decided_on=DAY,
        reason="Getekende versie.",
        document_file=newer,
    )
    assert correction.document_file == newer
    corrected = AuditEvent.objects.get(event="herstel.decision.corrected")
    assert corrected.changes["document_file"] == [
        "Besluitdocument: Besluit DT (versie 1)",
        "Besluitdocument: Besluit DT (versie 2)",
    ]
    action_document_withdraw(actor=dt_member, document=document, reason="Ongetekend.")


def test_a_document_of_another_action_or_withdrawn_is_refused(
    in_2a, adviser, other_adviser, dt_member
):
    elsewhere = upload(start(other_adviser), other_adviser, kind="besluitdocument", title="X")
    with pytest.raises(ValidationError) as refused:
        _decide(in_2a, dt_member, elsewhere)
    assert "document_file" in refused.value.message_dict
    withdrawn = upload(in_2a, dt_member, kind="besluitdocument", title="Besluit")
    action_document_withdraw(actor=dt_member, document=withdrawn, reason="Fout.")
    withdrawn.refresh_from_db()
    with pytest.raises(ValidationError):
        _decide(in_2a, dt_member, withdrawn)
    assert not Decision.objects.exists()


def test_a_notification_refers_to_a_document(in_2a, adviser):
    document = upload(in_2a, adviser, kind="overig", title="Brief aan de RvB")
    notification = notification_record(
        actor=adviser,
        herstelactie=in_2a,
        kind=NotificationKind.RVB_INFORMED,
        informed_on=DAY,
        summary="Per brief.",
        document="Brief 2025-12",
        document_file=document,
    )
    assert (notification.document, notification.document_file) == ("Brief 2025-12", document)
    with pytest.raises(ValidationError, match="verwijst naar dit document"):
        action_document_withdraw(actor=adviser, document=document, reason="Fout.")


def test_a_plain_decision_records_no_document(in_2a, dt_member):
    _decide(in_2a, dt_member, None)
    assert "document_file" not in AuditEvent.objects.get(event="herstel.decision.recorded").changes


def test_the_kinds_are_the_process_guides(db):
    assert [k.label for k in DocumentKind] == [
        "Advies",
        "Nota aan de minister",
        "Plan van aanpak",
        "Besluitdocument",
        "Evaluatierapport",
        "Kapstokverhaal",
        "Overig",
    ]


def test_the_database_refuses_a_version_twice(action, adviser):
    document = upload(action, adviser)
    with pytest.raises(IntegrityError), transaction.atomic():
        ActionDocument.objects.create(
            herstelactie=action,
            kind=document.kind,
            title=document.title,
            version=1,
            file=document.file.name,
            original_name="x.pdf",
            content_type="application/pdf",
            size=1,
            sha256="0" * 64,
            uploaded_by=adviser,
        )


def test_action_document_upload_is_keyword_only():
    with pytest.raises(TypeError):
        action_document_upload(None, None, "advies", "x", "x.pdf", PDF)  # type: ignore[misc]
