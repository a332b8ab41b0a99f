"""Publishing never hangs and never blocks: a version left queued or rendering by a worker that
died is marked failed after REPORT_RENDER_STALL_MINUTES without progress, shown as Mislukt with a
retry, and the cycle can publish again. Two publishes of one cycle are serialised on the cycle
row."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from findings.models import PublishState, ReportVersion
from findings.services import publishing as services
from tests.findings.publishing_helpers import fake_render
from uwvkms.models import AuditEvent


@pytest.fixture
def quick_render(monkeypatch):
    monkeypatch.setattr(services, "render_uwv_report_for_version", fake_render)


def _left_behind(cycle, coordinator, *, state, minutes_ago, label="1.0"):
    """A version a worker took (or never took) `minutes_ago` and then nothing happened."""
    at = timezone.now() - timedelta(minutes=minutes_ago)
    return ReportVersion.objects.create(
        cycle=cycle,
        label=label,
        report_status="Concept",
        state=state,
        requested_by=coordinator,
        requested_at=at,
        progress_at=at,
    )


@pytest.mark.parametrize("state", [PublishState.QUEUED, PublishState.RUNNING])
def test_a_version_without_progress_shows_failed_with_a_retry(client, coordinator, cycle, state):
    version = _left_behind(cycle, coordinator, state=state, minutes_ago=11)
    client.force_login(coordinator)

    page = client.get(reverse("findings:report_version", args=[cycle.year, "1.0"]))

    html = page.content.decode()
    assert "Mislukt" in html and "Opnieuw proberen" in html
    assert "geen voortgang" in html
    assert "Aangevraagd door" in html and "Gepubliceerd door" not in html  # nothing published
    assert "Refresh" not in page  # it no longer reloads itself forever
    version.refresh_from_db()
    assert version.state == PublishState.FAILED
    event = AuditEvent.objects.get(event="findings.report_version.stalled")
    assert event.changes == {"state": [state, PublishState.FAILED]}


def test_the_versions_list_shows_it_too(client, coordinator, cycle):
    _left_behind(cycle, coordinator, state=PublishState.RUNNING, minutes_ago=30)
    client.force_login(coordinator)
    html = client.get(reverse("findings:report_versions", args=[cycle.year])).content.decode()
    assert "Mislukt" in html


def test_a_version_still_in_time_is_left_alone_and_blocks_another(
    client, coordinator, cycle, quick_render
):
    version = _left_behind(cycle, coordinator, state=PublishState.RUNNING, minutes_ago=9)
    client.force_login(coordinator)
    page = client.get(reverse("findings:report_version", args=[cycle.year, "1.0"]))
    assert page["Refresh"]
    version.refresh_from_db()
    assert version.state == PublishState.RUNNING
    with pytest.raises(services.PublishRefused, match="al een versie opgemaakt"):
        services.report_version_publish(
            actor=coordinator, cycle=cycle, label="1.1", report_status="Concept"
        )


def test_publishing_again_clears_a_stalled_version_first(
    coordinator, cycle, quick_render, django_capture_on_commit_callbacks
):
    stalled = _left_behind(cycle, coordinator, state=PublishState.QUEUED, minutes_ago=60)
    with django_capture_on_commit_callbacks(execute=True):
        version = services.report_version_publish(
            actor=coordinator, cycle=cycle, label="1.1", report_status="Concept"
        )
    version.refresh_from_db()
    stalled.refresh_from_db()
    assert stalled.state == PublishState.FAILED
    assert version.state == PublishState.DONE


def test_a_stalled_version_is_retried_and_published(
    coordinator, cycle, quick_render, django_capture_on_commit_callbacks
):
    version = _left_behind(cycle, coordinator, state=PublishState.RUNNING, minutes_ago=15)
    assert services.report_versions_fail_stalled() == 1
    with django_capture_on_commit_callbacks(execute=True):
        services.report_version_retry(actor=coordinator, version=version)
    version.refresh_from_db()
    assert version.state == PublishState.DONE and version.error == ""


def _stored_files(settings) -> list:
    return [p for p in Path(settings.PRIVATE_MEDIA_ROOT).rglob("*.pdf")]


def test_a_late_worker_publishes_nothing_for_a_version_marked_failed(coordinator, cycle, settings):
    version = _left_behind(cycle, coordinator, state=PublishState.QUEUED, minutes_ago=1)
    before = _stored_files(settings)

    def render_while_declared_dead(v):
        # While this worker renders, the watchdog gives up on it.
        services.report_versions_fail_stalled(now=timezone.now() + timedelta(hours=1))
        return fake_render(v)

    assert (
        services.report_version_render(version_id=version.pk, render=render_while_declared_dead)
        is None
    )
    version.refresh_from_db()
    assert version.state == PublishState.FAILED and not version.pdf_sha256
    assert _stored_files(settings) == before  # its file was removed again
    events = AuditEvent.objects.filter(object_id=str(version.pk)).values_list("event", flat=True)
    assert "findings.report_version.failed" not in events


def test_a_late_worker_never_publishes_over_the_retry(
    coordinator, cycle, quick_render, django_capture_on_commit_callbacks
):
    version = _left_behind(cycle, coordinator, state=PublishState.QUEUED, minutes_ago=1)
    late_pdf = []

    def slow_first_attempt(v):
        # Worker A is given up on; the coordinator retries; worker B publishes attempt 2.
        services.report_versions_fail_stalled(now=timezone.now() + timedelta(hours=1))
        with django_capture_on_commit_callbacks(execute=True):
            services.report_version_retry(actor=coordinator, version=v)
        rendered = fake_render(v)
        late_pdf.append(rendered.pdf + b" van de trage verwerker")
        return type(rendered)(pdf=late_pdf[0], snapshot=rendered.snapshot)

    services.report_version_render(version_id=version.pk, render=slow_first_attempt)

    version.refresh_from_db()
    assert version.state == PublishState.DONE and version.attempt == 2
    assert version.pdf.read() == fake_render(version).pdf  # B's PDF, not the late one


def test_a_late_worker_that_crashes_does_not_fail_the_retry(coordinator, cycle):
    version = _left_behind(cycle, coordinator, state=PublishState.QUEUED, minutes_ago=1)

    def crash_after_the_retry_started(v):
        services.report_versions_fail_stalled(now=timezone.now() + timedelta(hours=1))
        ReportVersion.objects.filter(pk=v.pk).update(state=PublishState.QUEUED)
        # Worker B takes the retried version and is now rendering it.
        ReportVersion.objects.filter(pk=v.pk).update(
            state=PublishState.RUNNING, attempt=v.attempt + 1
        )
        raise RuntimeError("worker A crashes late")

    with pytest.raises(RuntimeError):
        services.report_version_render(version_id=version.pk, render=crash_after_the_retry_started)
    version.refresh_from_db()
    assert version.state == PublishState.RUNNING  # B's render goes on
    assert not AuditEvent.objects.filter(event="findings.report_version.failed").exists()


def test_the_stall_time_is_configurable(settings, coordinator, cycle):
    settings.REPORT_RENDER_STALL_MINUTES = 2
    _left_behind(cycle, coordinator, state=PublishState.QUEUED, minutes_ago=3)
    assert services.report_versions_fail_stalled() == 1


def test_the_daily_watchdog_command_marks_every_cycle(coordinator, cycle, capsys):
    _left_behind(cycle, coordinator, state=PublishState.QUEUED, minutes_ago=20)
    call_command("report_versions_watchdog")
    assert "1 vastgelopen" in capsys.readouterr().out
    assert ReportVersion.objects.get(cycle=cycle).state == PublishState.FAILED


def test_a_failed_version_offers_no_retry_while_another_renders(client, coordinator, cycle):
    _left_behind(cycle, coordinator, state=PublishState.FAILED, minutes_ago=30)
    _left_behind(cycle, coordinator, state=PublishState.RUNNING, minutes_ago=1, label="1.1")
    client.force_login(coordinator)
    html = client.get(reverse("findings:report_version", args=[cycle.year, "1.0"])).content.decode()
    assert "Opnieuw proberen kan zodra versie 1.1 klaar is" in html
    assert reverse("findings:report_version_retry", args=[cycle.year, "1.0"]) not in html


def test_only_one_failed_version_is_retried_at_a_time(coordinator, cycle, quick_render):
    first = _left_behind(cycle, coordinator, state=PublishState.FAILED, minutes_ago=30)
    _left_behind(cycle, coordinator, state=PublishState.RUNNING, minutes_ago=1, label="1.1")
    with pytest.raises(services.PublishRefused, match="al een versie opgemaakt"):
        services.report_version_retry(actor=coordinator, version=first)


@pytest.mark.skipif(
    not connection.features.has_select_for_update, reason="SQLite serialises every write itself"
)
def test_publishing_locks_the_cycle_row(coordinator, cycle, quick_render):
    with CaptureQueriesContext(connection) as queries:
        services.report_version_publish(
            actor=coordinator, cycle=cycle, label="1.0", report_status="Concept"
        )
    locks = [q["sql"] for q in queries if "FOR UPDATE" in q["sql"]]
    assert any('"audits_auditcycle"' in sql for sql in locks[:1]), locks


@pytest.mark.parametrize(
    ("state", "shown"),
    [
        (PublishState.QUEUED, "In de wachtrij"),
        (PublishState.RUNNING, "Wordt opgemaakt"),
        (PublishState.FAILED, "Mislukt"),
    ],
)
def test_the_cycle_page_shows_where_the_report_stands(client, coordinator, cycle, state, shown):
    _left_behind(cycle, coordinator, state=state, minutes_ago=1)
    client.force_login(coordinator)
    html = client.get(cycle.get_absolute_url()).content.decode()
    assert f'data-report-state="{state}"' in html and shown in html
    assert reverse("findings:report_version", args=[cycle.year, "1.0"]) in html


def test_the_cycle_page_without_versions(client, coordinator, cycle):
    client.force_login(coordinator)
    assert "Nog geen versie gepubliceerd" in client.get(cycle.get_absolute_url()).content.decode()
