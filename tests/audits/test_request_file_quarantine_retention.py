"""A file a unit delivered for an extra item of its request list (`RequestItemFile`, issue 21 §1)
is kept as every other evidence file (issue 19 §4–5): the audit team deletes it into the cycle's
quarantine, where only the coordination team sees, opens and restores it; in quarantine it
cannot be downloaded, is on no request page and is found by no search. When the evidence files'
term ends, the retention job removes its bytes, in quarantine or not; the row stays."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audits.constants import CycleStatus
from audits.models import AuditCycle, RequestItemFile
from audits.services import requests as services
from tests.audits.requests_world import PDF, fresh, item_of
from uwvkms.models import AuditEvent
from uwvkms.retention import retention_apply, retention_due

EXTRA = "Verbeterplan klantcontact"


def deliver(evidence_request, qc_user, name="verbeterplan.pdf"):
    item = item_of(evidence_request, EXTRA)
    services.request_item_deliver(actor=fresh(qc_user), item=item, name=name, data=PDF)
    return RequestItemFile.objects.get(original_name=name)


@pytest.fixture
def delivered(evidence_request, qc, qc_user):
    return deliver(evidence_request, qc_user)


@pytest.fixture
def deleted(client, auditor, cycle, delivered):
    client.force_login(auditor)
    response = client.post(reverse("audits:request_file_delete", args=[cycle.year, delivered.pk]))
    assert response.status_code == 302
    client.logout()
    return RequestItemFile.with_withdrawn.get(pk=delivered.pk)


def quarantine(cycle) -> str:
    return reverse("audits:quarantine_list", args=[cycle.year])


def download_url(cycle, delivered) -> str:
    return reverse("audits:request_file", args=[cycle.year, delivered.pk])


def restore(client, cycle, delivered, reason):
    return client.post(
        reverse("audits:quarantine_request_file_restore", args=[cycle.year, delivered.pk]),
        {f"r{delivered.pk}-reason": reason},
    )


def found(client, user, q) -> dict:
    client.force_login(user)
    response = client.get(reverse("search"), {"q": q})
    return {r.kind.key: [hit.title for hit in r.hits] for r in response.context["results"]}


# --- quarantine ------------------------------------------------------------------------------


def test_a_deleted_file_is_kept_but_leaves_pages_downloads_and_search(
    client, auditor, unit_board, cycle, uitkeren, deleted
):
    assert deleted.is_withdrawn and deleted.file.read() == PDF
    event = AuditEvent.objects.get(event="audits.request_file.deleted")
    assert event.actor == auditor and event.changes["quarantine"] == [False, True]
    for user in (auditor, unit_board):
        client.force_login(user)
        assert client.get(download_url(cycle, deleted)).status_code == 404
        assert "verbeterplan" not in found(client, user, "verbeterplan").get("uitvraag", [])
    client.force_login(auditor)
    page = client.get(reverse("audits:team_request", args=[cycle.year, uitkeren.pk]))
    assert download_url(cycle, deleted) not in page.content.decode()
    # The history names the file as every evidence file's history does, not as raw data.
    history = page.content.decode()
    assert f"verbeterplan.pdf ({len(PDF)} bytes, SHA-256 {deleted.sha256[:12]}…)" in history
    assert "sha256:" not in history
    client.force_login(unit_board)
    page = client.get(reverse("audits:unit_request", args=[cycle.year, uitkeren.pk]))
    assert download_url(cycle, deleted) not in page.content.decode()


def test_search_finds_it_until_it_is_deleted(client, auditor, cycle, delivered):
    assert any(
        delivered.original_name in hits for hits in found(client, auditor, "verbeterplan").values()
    )
    services.request_file_delete(actor=fresh(auditor), delivered=delivered)
    hits = found(client, auditor, "verbeterplan.pdf").values()
    assert not any(delivered.original_name in titles for titles in hits)


def test_the_coordination_team_sees_opens_and_restores_it(
    client, coordinator, auditor, cycle, deleted
):
    client.force_login(coordinator)
    page = client.get(quarantine(cycle)).content.decode()
    assert "Bestanden aangeleverd op een uitvraag" in page and EXTRA in page
    assert "Reden om verbeterplan.pdf terug te zetten" in page
    url = reverse("audits:quarantine_request_file_download", args=[cycle.year, deleted.pk])
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF

    assert restore(client, cycle, deleted, "Per abuis verwijderd.").status_code == 302
    restored = RequestItemFile.objects.get()
    assert restored.pk == deleted.pk and not restored.is_withdrawn
    event = AuditEvent.objects.get(event="audits.request_file.restored")
    assert event.actor == coordinator and event.changes["quarantine"] == [True, False]
    assert "Er staan geen verwijderde bestanden" in client.get(quarantine(cycle)).content.decode()
    client.force_login(auditor)
    assert client.get(download_url(cycle, restored)).status_code == 200


def test_a_restore_without_reason_is_refused(client, coordinator, cycle, deleted):
    client.force_login(coordinator)
    response = restore(client, cycle, deleted, " ")
    assert response.status_code == 400
    assert "Geef de reden waarom u dit bestand terugzet." in response.content.decode()
    assert RequestItemFile.with_withdrawn.get().is_withdrawn


@pytest.mark.parametrize("persona", ["auditor", "board_member", "outsider"])
def test_nobody_else_reaches_it_in_quarantine(client, request, persona, cycle, deleted):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(quarantine(cycle)).status_code == 403
    url = reverse("audits:quarantine_request_file_download", args=[cycle.year, deleted.pk])
    assert client.get(url).status_code == 403
    assert restore(client, cycle, deleted, "Terug.").status_code == 403
    assert RequestItemFile.with_withdrawn.get().is_withdrawn


def test_only_the_units_auditors_delete_and_only_during_fieldwork(
    cycle, delivered, qc_user, unit_board, other_auditor, coordinator, auditor
):
    for actor in (qc_user, unit_board, other_auditor, coordinator):
        with pytest.raises(PermissionDenied):
            services.request_file_delete(actor=fresh(actor), delivered=delivered)
    AuditCycle.objects.filter(pk=cycle.pk).update(status="kalibratie")
    with pytest.raises(ValidationError):
        services.request_file_delete(actor=fresh(auditor), delivered=delivered)
    assert not RequestItemFile.with_withdrawn.get().is_withdrawn
    assert not AuditEvent.objects.filter(event="audits.request_file.deleted").exists()


def test_the_unit_side_gets_no_delete_button(
    client, unit_board, auditor, cycle, uitkeren, delivered
):
    action = reverse("audits:request_file_delete", args=[cycle.year, delivered.pk])
    client.force_login(unit_board)
    assert (
        action
        not in client.get(
            reverse("audits:unit_request", args=[cycle.year, uitkeren.pk])
        ).content.decode()
    )
    assert client.post(action).status_code == 403
    client.force_login(auditor)
    assert (
        action
        in client.get(
            reverse("audits:team_request", args=[cycle.year, uitkeren.pk])
        ).content.decode()
    )


def test_the_quarantine_page_stays_flat_in_delivered_files(
    client, coordinator, auditor, cycle, evidence_request, qc, qc_user
):
    def delete_one(name):
        services.request_item_add(actor=fresh(auditor), request=evidence_request, title=name)
        item = item_of(evidence_request, name)
        services.request_item_deliver(actor=fresh(qc_user), item=item, name=name, data=PDF)
        delivered = RequestItemFile.objects.get(original_name=name)
        services.request_file_delete(actor=fresh(auditor), delivered=delivered)

    client.force_login(coordinator)
    delete_one("a.pdf")
    client.get(quarantine(cycle))
    with CaptureQueriesContext(connection) as one:
        client.get(quarantine(cycle))
    for n in range(4):
        delete_one(f"b{n}.pdf")
    with CaptureQueriesContext(connection) as five:
        client.get(quarantine(cycle))
    assert len(five.captured_queries) == len(one.captured_queries)


# --- retention -------------------------------------------------------------------------------


def due_count(today) -> int:
    return next(d.count for d in retention_due(today=today) if d.kind.key == "request_files")


def test_due_with_the_evidence_files_term(delivered, cycle, settings):
    settings.RETENTION_YEARS = {**settings.RETENTION_YEARS, "evidence_files": 7}
    assert due_count(datetime.date(2070, 1, 1)) == 0  # not while the cycle is not published
    AuditCycle.objects.filter(pk=cycle.pk).update(status=CycleStatus.GEPUBLICEERD)
    assert due_count(datetime.date(cycle.year + 7, 12, 31)) == 0
    assert due_count(datetime.date(cycle.year + 8, 1, 1)) == 1


@pytest.mark.parametrize("in_quarantine", [False, True])
def test_the_bytes_go_the_row_stays(
    request, in_quarantine, delivered, cycle, client, auditor, django_capture_on_commit_callbacks
):
    if in_quarantine:
        services.request_file_delete(actor=fresh(auditor), delivered=delivered)
    AuditCycle.objects.filter(pk=cycle.pk).update(status=CycleStatus.GEPUBLICEERD)
    storage, name = delivered.file.storage, delivered.file.name
    assert storage.exists(name)
    today = datetime.date(2040, 3, 1)

    with django_capture_on_commit_callbacks(execute=True):
        retention_apply(actor=None, today=today)

    assert not storage.exists(name)
    row = RequestItemFile.with_withdrawn.get(pk=delivered.pk)
    assert (row.original_name, row.removed_on) == ("verbeterplan.pdf", today)
    event = AuditEvent.objects.get(event="audits.request_file.retention_removed")
    assert event.object_id == str(delivered.item_id) and event.actor is None
    assert due_count(today) == 0
    if not in_quarantine:
        client.force_login(auditor)
        response = client.get(download_url(cycle, delivered))
        assert response.status_code == 410
        assert "verwijderd na de bewaartermijn" in response.content.decode()
