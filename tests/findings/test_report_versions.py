"""A published version never changes: later edits of scores, findings and narratives go into a
new version, the old one keeps its bytes and hash; downloads serve the stored bytes, checked."""

import hashlib
import io
import logging

import pytest
from django.urls import reverse
from pypdf import PdfReader

from findings.models import ReportSection, ReportVersion
from findings.selectors import publishing as selectors
from findings.services import publishing as services
from maturity.models import Score
from tests.factories import RecommendationFactory, ScoreFactory, principle
from tests.findings.publishing_helpers import ready_for_definitive


@pytest.fixture
def scored(cycle, uitkeren, communicatie):
    klant = principle("klantgerichtheid")
    ScoreFactory(cycle=cycle, unit=uitkeren, principle=klant, level=2)
    ScoreFactory(cycle=cycle, unit=communicatie, principle=klant, level=3)
    return cycle


def publish_now(*, actor, cycle, label, status="Concept", render=None) -> ReportVersion:
    version = services.report_version_publish(
        actor=actor, cycle=cycle, label=label, report_status=status
    )
    services.report_version_render(version_id=version.pk, render=render)
    version.refresh_from_db()
    return version


def stored_bytes(version: ReportVersion) -> bytes:
    with version.pdf.storage.open(version.pdf.name, "rb") as handle:
        return handle.read()


def test_published_version_keeps_bytes_and_hash_after_later_edits(
    client, coordinator, board_member, scored, uitkeren
):
    first = publish_now(actor=coordinator, cycle=scored, label="1.0")
    first_bytes, first_hash = stored_bytes(first), first.pdf_sha256
    first_snapshot = first.snapshot
    assert hashlib.sha256(first_bytes).hexdigest() == first_hash
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(first_bytes)).pages)
    assert "1.0" in text

    # Later edits: a score, a new recommendation, a narrative text.
    Score.objects.filter(cycle=scored, unit=uitkeren).update(level=5)
    RecommendationFactory(
        cycle=scored,
        unit=uitkeren,
        principle=principle("klantgerichtheid"),
        title="Klantsignalen structureel benutten",
    )
    ready_for_definitive(cycle=scored, coordinator=coordinator)
    ReportSection.objects.filter(cycle=scored, anchor="inleiding").update(
        text="Een herschreven inleiding."
    )
    second = publish_now(actor=coordinator, cycle=scored, label="2.0", status="Definitief")

    first.refresh_from_db()
    assert first.pdf_sha256 == first_hash
    assert stored_bytes(first) == first_bytes
    assert first.snapshot == first_snapshot
    assert second.pdf_sha256 != first_hash
    assert second.snapshot != first_snapshot

    client.force_login(board_member)
    response = client.get(reverse("findings:report_version_pdf", args=[scored.year, "1.0"]))
    assert response.status_code == 200
    assert response.content == first_bytes
    assert response["X-Content-SHA256"] == first_hash
    assert response["Cache-Control"] == "private, no-store"

    compare = client.get(
        reverse("findings:report_version_compare", args=[scored.year]),
        {"van": "1.0", "naar": "2.0"},
    )
    assert compare.status_code == 200
    body = compare.content.decode()
    assert "Klantsignalen structureel benutten" in body
    assert "Een herschreven inleiding." in body


def test_download_never_renders_again(client, coordinator, cycle, monkeypatch):
    from tests.findings.publishing_helpers import fake_render

    version = publish_now(actor=coordinator, cycle=cycle, label="1.0", render=fake_render)

    def must_not_render(*args, **kwargs):
        raise AssertionError("download rendered the report")

    monkeypatch.setattr(services, "render_uwv_report_for_version", must_not_render)
    monkeypatch.setattr("uwvkms.pdf.html_to_pdf", must_not_render)
    client.force_login(coordinator)
    response = client.get(reverse("findings:report_version_pdf", args=[cycle.year, "1.0"]))
    assert response.content == stored_bytes(version)


def test_altered_file_is_never_served(client, coordinator, board_member, cycle, caplog):
    from tests.findings.publishing_helpers import fake_render

    version = publish_now(actor=coordinator, cycle=cycle, label="1.0", render=fake_render)
    path = version.pdf.path
    with open(path, "ab") as handle:
        handle.write(b"tampered")
    client.force_login(board_member)
    with caplog.at_level(logging.ERROR, logger="findings.views.publishing"):
        response = client.get(reverse("findings:report_version_pdf", args=[cycle.year, "1.0"]))
    assert response.status_code == 500
    assert response["Content-Type"].startswith("text/html")
    assert b"tampered" not in response.content
    assert "komt niet meer overeen met het controlegetal" in response.content.decode()
    assert any("Integrity check failed" in r.getMessage() for r in caplog.records)


def test_missing_file_is_an_integrity_error(coordinator, cycle):
    from tests.findings.publishing_helpers import fake_render

    version = publish_now(actor=coordinator, cycle=cycle, label="1.0", render=fake_render)
    version.pdf.storage.delete(version.pdf.name)
    with pytest.raises(selectors.ReportIntegrityError):
        selectors.report_version_pdf(version)


def test_pdf_lives_in_private_storage_without_a_url(coordinator, cycle, settings):
    from tests.findings.publishing_helpers import fake_render

    version = publish_now(actor=coordinator, cycle=cycle, label="1.0", render=fake_render)
    assert str(settings.PRIVATE_MEDIA_ROOT) in version.pdf.path
    with pytest.raises(ValueError):
        version.pdf.url  # noqa: B018
