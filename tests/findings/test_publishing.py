"""Publishing a version of the UWV-wide report: only the coordination team publishes, the work
runs as a background task with visible progress (queued → running → done, or failed), and a
label is used once per cycle."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from findings.models import PublishState, ReportVersion
from findings.services import publishing as services
from tests.findings.publishing_helpers import fake_render, ready_for_definitive
from uwvkms.models import AuditEvent


@pytest.fixture
def quick_render(monkeypatch):
    monkeypatch.setattr(services, "render_uwv_report_for_version", fake_render)


def publish(client, year, label="1.0", status="Concept"):
    return client.post(
        reverse("findings:report_version_publish", args=[year]),
        {"label": label, "report_status": status, "bevestigd": "1"},
    )


def test_coordinator_publishes_and_the_task_stores_pdf_hash_and_snapshot(
    client, coordinator, cycle, quick_render, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = publish(client, cycle.year)
    assert response.status_code == 302
    version = ReportVersion.objects.get(cycle=cycle, label="1.0")
    assert response["Location"] == reverse("findings:report_version", args=[cycle.year, "1.0"])
    assert version.state == PublishState.DONE
    assert version.report_status == "Concept"
    assert version.requested_by == coordinator and version.published_at
    assert len(version.pdf_sha256) == 64 and version.pdf_size == len(fake_render(version).pdf)
    assert version.snapshot["version"] == "1.0"
    assert version.task_id
    events = set(AuditEvent.objects.values_list("event", flat=True))
    assert {"findings.report_version.requested", "findings.report_version.published"} <= events
    page = client.get(response["Location"])
    assert "Gepubliceerd" in page.content.decode() and "Refresh" not in page


def test_queued_version_shows_progress_and_refreshes_itself(client, coordinator, cycle):
    """Without the on-commit callbacks the task has not run yet: queued, and the page reloads."""
    client.force_login(coordinator)
    publish(client, cycle.year)
    version = ReportVersion.objects.get(cycle=cycle, label="1.0")
    assert version.state == PublishState.QUEUED
    page = client.get(reverse("findings:report_version", args=[cycle.year, "1.0"]))
    assert page["Refresh"] == "3"
    body = page.content.decode()
    assert "In de wachtrij" in body and "Nu verversen" in body
    assert "<script" not in body.split("</main>")[0]


def test_running_state_is_visible_while_rendering(client, coordinator, cycle):
    seen = {}

    def render(version):
        seen["state"] = ReportVersion.objects.get(pk=version.pk).state
        client.force_login(coordinator)
        seen["page"] = client.get(
            reverse("findings:report_version", args=[cycle.year, version.label])
        ).content.decode()
        return fake_render(version)

    version = services.report_version_publish(
        actor=coordinator, cycle=cycle, label="1.0", report_status="Concept"
    )
    services.report_version_render(version_id=version.pk, render=render)
    assert seen["state"] == PublishState.RUNNING
    assert "Wordt opgemaakt" in seen["page"]
    version.refresh_from_db()
    assert version.state == PublishState.DONE


def test_failed_render_is_shown_and_can_be_retried(
    client, coordinator, cycle, monkeypatch, django_capture_on_commit_callbacks, caplog
):
    def broken(version):
        raise RuntimeError("lettertype ontbreekt")

    monkeypatch.setattr(services, "render_uwv_report_for_version", broken)
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        publish(client, cycle.year)
    version = ReportVersion.objects.get(cycle=cycle, label="1.0")
    assert version.state == PublishState.FAILED
    assert not version.pdf and not version.pdf_sha256
    # The technical cause is in the log; the page explains it for people, in Dutch.
    assert "lettertype ontbreekt" in caplog.text
    assert "lettertype ontbreekt" not in version.error
    page = client.get(reverse("findings:report_version", args=[cycle.year, "1.0"])).content.decode()
    assert "Mislukt" in page and "Opnieuw proberen" in page
    assert "technische fout" in page and "RuntimeError" not in page
    monkeypatch.setattr(services, "render_uwv_report_for_version", fake_render)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("findings:report_version_retry", args=[cycle.year, "1.0"]))
    version.refresh_from_db()
    assert version.state == PublishState.DONE and version.error == ""


def test_a_done_version_is_never_rendered_again(coordinator, cycle, quick_render):
    version = services.report_version_publish(
        actor=coordinator, cycle=cycle, label="1.0", report_status="Concept"
    )
    services.report_version_render(version_id=version.pk, render=fake_render)
    version.refresh_from_db()
    digest, name = version.pdf_sha256, version.pdf.name

    def must_not_render(version):
        raise AssertionError("rendered twice")

    assert services.report_version_render(version_id=version.pk, render=must_not_render) is None
    with pytest.raises(services.PublishRefused):
        services.report_version_retry(actor=coordinator, version=version)
    version.refresh_from_db()
    assert (version.pdf_sha256, version.pdf.name) == (digest, name)


@pytest.mark.parametrize(
    ("label", "message"),
    [("1.0", "bestaat al"), ("0.9", "hoger zijn dan 1.0")],
)
def test_a_label_is_used_once_and_versions_go_up(
    client, coordinator, cycle, quick_render, django_capture_on_commit_callbacks, label, message
):
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        publish(client, cycle.year, "1.0")
    response = publish(client, cycle.year, label, "Concept")
    assert response.status_code == 400
    assert message in response.content.decode()
    assert ReportVersion.objects.filter(cycle=cycle).count() == 1


def test_one_version_renders_at_a_time(coordinator, cycle):
    ready_for_definitive(cycle=cycle, coordinator=coordinator)
    services.report_version_publish(
        actor=coordinator, cycle=cycle, label="1.0", report_status="Concept"
    )
    with pytest.raises(services.PublishRefused, match="al een versie"):
        services.report_version_publish(
            actor=coordinator, cycle=cycle, label="2.0", report_status="Definitief"
        )


def test_bad_label_is_refused(client, coordinator, cycle):
    client.force_login(coordinator)
    response = publish(client, cycle.year, "versie één")
    assert response.status_code == 400
    assert "1.0 of 2.1" in response.content.decode()
    assert not ReportVersion.objects.exists()


def test_database_refuses_a_second_version_with_the_same_label(coordinator, cycle, quick_render):
    from django.db import IntegrityError, transaction

    version = services.report_version_publish(
        actor=coordinator, cycle=cycle, label="1.0", report_status="Concept"
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportVersion.objects.create(
            cycle=cycle,
            label="1.0",
            report_status="Definitief",
            requested_by=coordinator,
            requested_at=version.requested_at,
        )


def test_database_refuses_done_without_hash(coordinator, cycle):
    from django.db import IntegrityError, transaction

    version = services.report_version_publish(
        actor=coordinator, cycle=cycle, label="1.0", report_status="Concept"
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportVersion.objects.filter(pk=version.pk).update(state=PublishState.DONE)


# --- Permissions ---------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["board_member", "auditor", "unit_board", "outsider"])
def test_only_the_coordination_team_publishes(client, request, cycle, persona):
    client.force_login(request.getfixturevalue(persona))
    assert publish(client, cycle.year).status_code == 403
    assert not ReportVersion.objects.exists()


def test_publish_service_refuses_anyone_else(board_member, cycle):
    with pytest.raises(PermissionDenied):
        services.report_version_publish(
            actor=board_member, cycle=cycle, label="1.0", report_status="Concept"
        )


def test_rvb_reads_published_versions_only(client, coordinator, board_member, cycle, quick_render):
    done = services.report_version_publish(
        actor=coordinator, cycle=cycle, label="1.0", report_status="Concept"
    )
    services.report_version_render(version_id=done.pk, render=fake_render)
    ready_for_definitive(cycle=cycle, coordinator=coordinator)
    services.report_version_publish(
        actor=coordinator, cycle=cycle, label="2.0", report_status="Definitief"
    )  # queued, not published
    client.force_login(board_member)
    listing = client.get(reverse("findings:report_versions", args=[cycle.year]))
    assert listing.status_code == 200
    body = listing.content.decode()
    assert "Download versie 1.0" in body and ">2.0<" not in body
    assert "Nieuwe versie publiceren" not in body
    assert (
        client.get(reverse("findings:report_version", args=[cycle.year, "1.0"])).status_code == 200
    )
    assert (
        client.get(reverse("findings:report_version", args=[cycle.year, "2.0"])).status_code == 404
    )
    pdf = client.get(reverse("findings:report_version_pdf", args=[cycle.year, "1.0"]))
    assert pdf.status_code == 200
    assert (
        client.post(reverse("findings:report_version_retry", args=[cycle.year, "1.0"])).status_code
        == 403
    )


@pytest.mark.parametrize("persona", ["auditor", "unit_board", "outsider", "other_auditor"])
def test_others_get_403_on_every_version_page(
    client, request, coordinator, cycle, persona, quick_render
):
    version = services.report_version_publish(
        actor=coordinator, cycle=cycle, label="1.0", report_status="Concept"
    )
    services.report_version_render(version_id=version.pk, render=fake_render)
    client.force_login(request.getfixturevalue(persona))
    for url in (
        reverse("findings:report_versions", args=[cycle.year]),
        reverse("findings:report_version", args=[cycle.year, "1.0"]),
        reverse("findings:report_version_pdf", args=[cycle.year, "1.0"]),
        reverse("findings:report_version_compare", args=[cycle.year]),
        reverse("findings:multiyear"),
    ):
        assert client.get(url).status_code == 403, url


def test_anonymous_is_sent_to_login(client, cycle):
    response = client.get(reverse("findings:report_versions", args=[cycle.year]))
    assert response.status_code == 302 and "inloggen" in response["Location"]


def test_coordinator_sees_the_publish_form(client, coordinator, cycle):
    client.force_login(coordinator)
    body = client.get(reverse("findings:report_versions", args=[cycle.year])).content.decode()
    assert "Nieuwe versie publiceren" in body and 'value="1.0"' in body
