"""Files of a document check: uploaded by the unit's auditor after the content check, stored
privately under a random name with size and SHA-256, downloaded only through the permission-checked
view as an attachment, deleted with a record (into quarantine: test_evidence_quarantine.py)."""

import hashlib
import io
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from audits.models import AuditCycle, DocumentCheck, DocumentFile, DocumentType
from audits.services import documents as document_services
from uwvkms.models import AuditEvent

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 20
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 40


def plain_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "hallo")
    return buffer.getvalue()


@pytest.fixture
def jaarplan(db):
    return DocumentType.objects.get(name="Jaarplan")


def stored_files() -> set[Path]:
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    return {p for p in root.rglob("*") if p.is_file()} if root.exists() else set()


def upload(client, cycle, unit, document_type, name, data, content_type="application/pdf"):
    return client.post(
        reverse("audits:document_file_upload", args=[cycle.year, unit.pk, document_type.pk]),
        {"file": SimpleUploadedFile(name, data, content_type=content_type)},
    )


def download(client, cycle, document_file):
    return client.get(reverse("audits:document_file", args=[cycle.year, document_file.pk]))


def test_auditor_uploads_a_file(client, auditor, cycle, uitkeren, jaarplan):
    client.force_login(auditor)
    before = stored_files()
    response = upload(client, cycle, uitkeren, jaarplan, "Jaarplan 2031 (def).pdf", PDF)
    assert response.status_code == 302
    document_file = DocumentFile.objects.get()
    assert document_file.original_name == "Jaarplan_2031_def.pdf"
    assert document_file.content_type == "application/pdf"
    assert document_file.size == len(PDF)
    assert document_file.sha256 == hashlib.sha256(PDF).hexdigest()
    assert document_file.uploaded_by == auditor
    # The check was created on the way, still to be judged.
    assert document_file.document_check.status == "open"
    (new,) = stored_files() - before
    assert new.read_bytes() == PDF
    assert "Jaarplan" not in new.name and not new.suffix  # a random name, no extension
    assert Path(settings.PRIVATE_MEDIA_ROOT) in new.parents
    event = AuditEvent.objects.get(event="audits.document_file.uploaded")
    assert event.actor == auditor
    assert event.object_id == str(document_file.document_check_id)
    assert event.changes["files"][1]["sha256"] == document_file.sha256


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        (
            "jaarplan.pdf",
            PNG,
            "De inhoud van het bestand is PNG-afbeelding, maar de naam eindigt op .pdf",
        ),
        ("jaarplan.docx", plain_zip(), "Dit soort bestand is niet toegestaan"),
        ("leesmij.txt", EXE, "Dit soort bestand is niet toegestaan"),
        ("leeg.pdf", b"", "Het bestand is leeg"),
    ],
)
def test_a_refused_upload_says_why_and_stores_nothing(
    client, auditor, cycle, uitkeren, jaarplan, name, data, reason
):
    client.force_login(auditor)
    before = stored_files()
    response = upload(client, cycle, uitkeren, jaarplan, name, data)
    assert response.status_code == 400
    assert reason in response.content.decode()
    assert not DocumentFile.objects.exists()
    assert not DocumentCheck.objects.exists()
    assert stored_files() == before
    assert not AuditEvent.objects.filter(object_type="audits.documentcheck").exists()


def test_a_too_large_upload_is_refused(client, auditor, cycle, uitkeren, jaarplan, settings):
    settings.UPLOAD_MAX_BYTES = 1024 * 1024
    client.force_login(auditor)
    before = stored_files()
    response = upload(client, cycle, uitkeren, jaarplan, "groot.pdf", PDF + b"x" * 1024 * 1024)
    assert response.status_code == 400
    assert "Het bestand is te groot: de grens is 1,0\xa0MB." in response.content.decode()
    assert not DocumentFile.objects.exists()
    assert stored_files() == before


def test_a_very_large_upload_is_read_no_further_than_the_limit(
    client, auditor, cycle, uitkeren, jaarplan, settings, monkeypatch
):
    settings.UPLOAD_MAX_BYTES = 1024
    received = []
    original = document_services.document_file_add

    def spy(**kwargs):
        received.append(len(kwargs["data"]))
        return original(**kwargs)

    monkeypatch.setattr(document_services, "document_file_add", spy)
    client.force_login(auditor)
    response = upload(client, cycle, uitkeren, jaarplan, "groot.pdf", PDF + b"x" * 50_000)
    assert response.status_code == 400
    assert "Het bestand is te groot: de grens is 1,0\xa0KB." in response.content.decode()
    assert received == [1025]
    assert not DocumentFile.objects.exists()


def test_the_browser_content_type_is_ignored(client, auditor, cycle, uitkeren, jaarplan):
    client.force_login(auditor)
    upload(client, cycle, uitkeren, jaarplan, "schema.png", PNG, content_type="application/pdf")
    assert DocumentFile.objects.get().content_type == "image/png"


def test_no_file_chosen(client, auditor, cycle, uitkeren, jaarplan):
    client.force_login(auditor)
    response = client.post(
        reverse("audits:document_file_upload", args=[cycle.year, uitkeren.pk, jaarplan.pk])
    )
    assert response.status_code == 400
    assert "Kies een bestand." in response.content.decode()


def test_download_is_an_attachment_with_the_sanitised_name(
    client, auditor, cycle, uitkeren, jaarplan
):
    client.force_login(auditor)
    upload(client, cycle, uitkeren, jaarplan, "../../Jaar plan.pdf", PDF)
    response = download(client, cycle, DocumentFile.objects.get())
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="Jaar_plan.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]


def test_a_text_file_is_served_as_utf8_text(client, auditor, cycle, uitkeren, jaarplan):
    client.force_login(auditor)
    upload(client, cycle, uitkeren, jaarplan, "notities.txt", "café".encode(), "text/html")
    response = download(client, cycle, DocumentFile.objects.get())
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")


def test_a_file_missing_on_disk_is_not_found(client, auditor, cycle, uitkeren, jaarplan):
    client.force_login(auditor)
    upload(client, cycle, uitkeren, jaarplan, "jaarplan.pdf", PDF)
    document_file = DocumentFile.objects.get()
    document_file.file.storage.delete(document_file.file.name)
    assert download(client, cycle, document_file).status_code == 404


def test_a_file_is_found_only_under_its_own_cycle(client, auditor, cycle, uitkeren, jaarplan):
    client.force_login(auditor)
    upload(client, cycle, uitkeren, jaarplan, "jaarplan.pdf", PDF)
    document_file = DocumentFile.objects.get()
    AuditCycle.objects.create(year=2032, created_by=auditor)
    url = reverse("audits:document_file", args=[2032, document_file.pk])
    assert client.get(url).status_code == 404


def test_there_is_no_public_url(client, auditor, cycle, uitkeren, jaarplan):
    client.force_login(auditor)
    upload(client, cycle, uitkeren, jaarplan, "jaarplan.pdf", PDF)
    document_file = DocumentFile.objects.get()
    with pytest.raises(ValueError, match="not accessible via a URL"):
        document_file.file.url  # noqa: B018
    static_root = Path(settings.BASE_DIR) / "static"
    assert static_root not in Path(document_file.file.path).parents


def test_auditor_deletes_a_file(client, auditor, cycle, uitkeren, jaarplan):
    client.force_login(auditor)
    upload(client, cycle, uitkeren, jaarplan, "jaarplan.pdf", PDF)
    document_file = DocumentFile.objects.get()
    path = Path(document_file.file.path)
    assert path.exists()
    response = client.post(
        reverse("audits:document_file_delete", args=[cycle.year, document_file.pk])
    )
    assert response.status_code == 302
    assert not DocumentFile.objects.exists()
    event = AuditEvent.objects.get(event="audits.document_file.deleted")
    assert event.changes["files"][0]["name"] == "jaarplan.pdf"
    assert event.changes["files"][1] is None
    assert event.changes["quarantine"] == [False, True]


def test_deleting_keeps_the_bytes_in_quarantine(
    client, auditor, cycle, uitkeren, jaarplan, django_capture_on_commit_callbacks
):
    client.force_login(auditor)
    upload(client, cycle, uitkeren, jaarplan, "jaarplan.pdf", PDF)
    document_file = DocumentFile.objects.get()
    path = Path(document_file.file.path)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("audits:document_file_delete", args=[cycle.year, document_file.pk]))
    assert path.read_bytes() == PDF
    kept = DocumentFile.with_withdrawn.get()
    assert kept.withdrawn_by == auditor and kept.withdrawal_reason
    assert download(client, cycle, document_file).status_code == 404


def test_after_fieldwork_no_upload_or_delete(client, auditor, cycle, uitkeren, jaarplan):
    client.force_login(auditor)
    upload(client, cycle, uitkeren, jaarplan, "jaarplan.pdf", PDF)
    document_file = DocumentFile.objects.get()
    AuditCycle.objects.filter(pk=cycle.pk).update(status="kalibratie")
    before = stored_files()
    response = upload(client, cycle, uitkeren, jaarplan, "tweede.pdf", PDF)
    assert response.status_code == 400
    assert "het veldwerk is afgesloten" in response.content.decode()
    assert stored_files() == before
    client.post(reverse("audits:document_file_delete", args=[cycle.year, document_file.pk]))
    assert DocumentFile.objects.filter(pk=document_file.pk).exists()
    # Still readable.
    assert download(client, cycle, document_file).status_code == 200
