"""Retention of evidence files (issue 19 §5): `RETENTION_YEARS["evidence_files"]` after the end of
a published cycle's year the bytes are deleted; the row (name, size, hash) stays, the download
says the file is gone."""

import datetime

import pytest
from django.urls import reverse

from audits.constants import CycleStatus
from audits.events import DOCUMENT_FILE_RETENTION_REMOVED
from audits.models import AuditCycle, DocumentFile, DocumentType
from audits.services.documents import document_file_add
from uwvkms.models import AuditEvent
from uwvkms.retention import retention_apply, retention_due

PDF = b"%PDF-1.7\n%%EOF\n"


@pytest.fixture
def stored(cycle, uitkeren, auditor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return document_file_add(
            actor=auditor,
            cycle=cycle,
            unit=uitkeren,
            document_type=DocumentType.objects.get(name="Jaarplan"),
            name="jaarplan.pdf",
            data=PDF,
        )


def due_count(today) -> int:
    return next(d.count for d in retention_due(today=today) if d.kind.key == "evidence_files")


def test_due_once_the_years_after_the_cycle_year_passed(stored, cycle, settings):
    settings.RETENTION_YEARS = {**settings.RETENTION_YEARS, "evidence_files": 7}
    AuditCycle.objects.filter(pk=cycle.pk).update(status=CycleStatus.GEPUBLICEERD)
    assert due_count(datetime.date(2038, 12, 31)) == 0  # 2031 + 7: the year is not over
    assert due_count(datetime.date(2039, 1, 1)) == 1


def test_not_while_the_cycle_is_not_published(stored):
    assert due_count(datetime.date(2070, 1, 1)) == 0


def test_the_bytes_go_the_row_stays(
    stored, cycle, client, coordinator, django_capture_on_commit_callbacks
):
    AuditCycle.objects.filter(pk=cycle.pk).update(status=CycleStatus.GEPUBLICEERD)
    storage, name = stored.file.storage, stored.file.name
    assert storage.exists(name)
    today = datetime.date(2040, 3, 1)

    with django_capture_on_commit_callbacks(execute=True):
        retention_apply(actor=None, today=today)

    assert not storage.exists(name)
    row = DocumentFile.objects.get(pk=stored.pk)
    assert (row.original_name, row.size, row.removed_on) == ("jaarplan.pdf", len(PDF), today)
    event = AuditEvent.objects.get(event=DOCUMENT_FILE_RETENTION_REMOVED)
    assert event.object_id == str(stored.document_check_id)
    assert due_count(today) == 0
    client.force_login(coordinator)
    download = client.get(reverse("audits:document_file", args=[cycle.year, stored.pk]))
    assert download.status_code == 410
    assert "verwijderd na de bewaartermijn" in download.content.decode()
