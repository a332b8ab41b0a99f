"""Deleted evidence is withdrawn into quarantine, never destroyed at once (issue 19 §4): the file
leaves its check, pages and downloads, but its row and bytes stay; the coordination team sees
the cycle's quarantine, can open a file there and restore it with a reason while fieldwork is
open. Nobody else sees the quarantine."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audits.models import AuditCycle, DocumentFile, DocumentType
from audits.services import documents as document_services
from tests.audits.test_documents_files import PDF, download, upload
from uwvkms.models import AuditEvent


@pytest.fixture
def jaarplan(db):
    return DocumentType.objects.get(name="Jaarplan")


@pytest.fixture
def deleted(client, auditor, cycle, uitkeren, jaarplan):
    """A file the audit team uploaded and then deleted."""
    client.force_login(auditor)
    upload(client, cycle, uitkeren, jaarplan, "jaarplan.pdf", PDF)
    document_file = DocumentFile.objects.get()
    client.post(reverse("audits:document_file_delete", args=[cycle.year, document_file.pk]))
    client.logout()
    return DocumentFile.with_withdrawn.get(pk=document_file.pk)


def quarantine(cycle) -> str:
    return reverse("audits:quarantine_list", args=[cycle.year])


def restore(client, cycle, document_file, reason):
    return client.post(
        reverse("audits:quarantine_restore", args=[cycle.year, document_file.pk]),
        {f"f{document_file.pk}-reason": reason},
    )


def test_a_deleted_file_leaves_the_check_but_is_kept(client, auditor, cycle, uitkeren, deleted):
    assert deleted.is_withdrawn and not DocumentFile.objects.exists()
    assert deleted.file.read() == PDF
    client.force_login(auditor)
    page = client.get(
        reverse(
            "audits:document_check",
            args=[cycle.year, uitkeren.pk, deleted.document_check.document_type_id],
        )
    ).content.decode()
    assert "Nog geen bestanden." in page
    assert reverse("audits:document_file", args=[cycle.year, deleted.pk]) not in page
    assert "in quarantaine</span>: nee → ja" in page  # the check's history says so
    assert download(client, cycle, deleted).status_code == 404


def test_the_coordination_team_sees_opens_and_restores_it(
    client, coordinator, auditor, cycle, deleted
):
    client.force_login(coordinator)
    page = client.get(quarantine(cycle)).content.decode()
    assert "jaarplan.pdf" in page and "Ingetrokken door" in page
    assert "Reden om jaarplan.pdf terug te zetten" in page
    response = client.get(reverse("audits:quarantine_download", args=[cycle.year, deleted.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF

    response = restore(client, cycle, deleted, "Per abuis verwijderd door het team.")
    assert response.status_code == 302
    restored = DocumentFile.objects.get()
    assert restored.pk == deleted.pk and not restored.is_withdrawn
    event = AuditEvent.objects.get(event="audits.document_file.restored")
    assert event.actor == coordinator and event.reason == "Per abuis verwijderd door het team."
    assert event.changes["quarantine"] == [True, False]
    assert "Er staan geen verwijderde bestanden" in client.get(quarantine(cycle)).content.decode()
    client.force_login(auditor)
    assert download(client, cycle, restored).status_code == 200


def test_a_restore_without_reason_is_refused(client, coordinator, cycle, deleted):
    client.force_login(coordinator)
    response = restore(client, cycle, deleted, "  ")
    assert response.status_code == 400
    assert "Geef de reden waarom u dit bestand terugzet." in response.content.decode()
    assert DocumentFile.with_withdrawn.get().is_withdrawn
    assert not AuditEvent.objects.filter(event="audits.document_file.restored").exists()


def test_no_restore_after_fieldwork(client, coordinator, cycle, deleted):
    AuditCycle.objects.filter(pk=cycle.pk).update(status="kalibratie")
    client.force_login(coordinator)
    response = restore(client, cycle, deleted, "Toch nodig.")
    assert response.status_code == 400
    assert "Het bewijs kan alleen worden gewijzigd in de fasen" in response.content.decode()
    assert DocumentFile.with_withdrawn.get().is_withdrawn


@pytest.mark.parametrize("persona", ["auditor", "board_member", "outsider"])
def test_nobody_else_reaches_the_quarantine(client, request, persona, cycle, deleted):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(quarantine(cycle)).status_code == 403
    url = reverse("audits:quarantine_download", args=[cycle.year, deleted.pk])
    assert client.get(url).status_code == 403
    assert restore(client, cycle, deleted, "Terug.").status_code == 403
    assert DocumentFile.with_withdrawn.get().is_withdrawn


def test_a_file_not_in_quarantine_is_not_found_there(
    client, coordinator, auditor, cycle, uitkeren, jaarplan
):
    client.force_login(auditor)
    upload(client, cycle, uitkeren, jaarplan, "jaarplan.pdf", PDF)
    current = DocumentFile.objects.get()
    client.force_login(coordinator)
    url = reverse("audits:quarantine_download", args=[cycle.year, current.pk])
    assert client.get(url).status_code == 404
    assert restore(client, cycle, current, "Terug.").status_code == 404


def test_the_page_queries_do_not_grow_with_its_files(
    client, coordinator, auditor, cycle, uitkeren, jaarplan
):
    def delete_one(name):
        document_services.document_file_add(
            actor=auditor, cycle=cycle, unit=uitkeren, document_type=jaarplan, name=name, data=PDF
        )
        document_services.document_file_delete(
            actor=auditor, document_file=DocumentFile.objects.get(original_name=name)
        )

    client.force_login(coordinator)
    delete_one("a.pdf")
    client.get(quarantine(cycle))  # the first page of a session reads more (the menu's caches)
    with CaptureQueriesContext(connection) as one:
        client.get(quarantine(cycle))
    for n in range(4):
        delete_one(f"b{n}.pdf")
    with CaptureQueriesContext(connection) as five:
        client.get(quarantine(cycle))
    assert len(five.captured_queries) == len(one.captured_queries)


def test_the_retention_term_ends_the_quarantine_too(
    client, coordinator, cycle, deleted, django_capture_on_commit_callbacks
):
    """A deleted file is kept only until the retention period ends (uwvkms.retention): then its
    bytes go like every other file of the cycle, and it leaves the quarantine page."""
    import datetime

    from audits.constants import CycleStatus
    from uwvkms.retention import retention_apply

    AuditCycle.objects.filter(pk=cycle.pk).update(status=CycleStatus.GEPUBLICEERD)
    storage, name = deleted.file.storage, deleted.file.name
    with django_capture_on_commit_callbacks(execute=True):
        retention_apply(actor=None, today=datetime.date(2040, 3, 1))
    assert not storage.exists(name)
    assert DocumentFile.with_withdrawn.get().removed_on == datetime.date(2040, 3, 1)
    client.force_login(coordinator)
    assert "Er staan geen verwijderde bestanden" in client.get(quarantine(cycle)).content.decode()
