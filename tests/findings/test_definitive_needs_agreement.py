"""A Definitief version of the UWV-wide report states only findings the units agreed with: it is
refused while a counted unit's report is still concept (or missing), and the publishing page says
which units hold it up. Concept versions may be published at any time."""

import pytest
from django.urls import reverse
from django.utils import timezone

from findings.models import ReportVersion
from findings.services import publishing as services
from findings.services import unit_report_move
from tests.findings.publishing_helpers import fake_render, ready_for_definitive
from tests.findings.unit_reporting import complete


def publish(client, year, label, status):
    return client.post(
        reverse("findings:report_version_publish", args=[year]),
        {"label": label, "report_status": status, "bevestigd": "1"},
    )


def test_definitief_is_refused_while_unit_reports_are_concept(client, coordinator, cycle):
    client.force_login(coordinator)
    page = client.get(reverse("findings:report_versions", args=[cycle.year]))
    assert "Nog niet afgestemd zijn de rapporten van: Communicatie, FEZ, Uitkeren." in page.text

    response = publish(client, cycle.year, "1.0", "Definitief")
    assert response.status_code == 400
    assert "Nog niet afgestemd: Communicatie, FEZ, Uitkeren." in response.text
    assert not ReportVersion.objects.exists()


def test_definitief_is_refused_while_one_unit_is_not_agreed(coordinator, cycle, uitkeren):
    complete(cycle, uitkeren)
    unit_report_move(
        actor=coordinator,
        cycle=cycle,
        unit=uitkeren,
        to="afgestemd",
        expected_version=0,
        agreed_on=timezone.localdate(),
        agreed_with="Directie Uitkeren",
    )
    with pytest.raises(services.PublishRefused, match="Nog niet afgestemd: Communicatie, FEZ\\."):
        services.report_version_publish(
            actor=coordinator, cycle=cycle, label="1.0", report_status="Definitief"
        )
    assert not ReportVersion.objects.exists()


def test_concept_may_be_published_before_agreement(coordinator, cycle):
    version = services.report_version_publish(
        actor=coordinator, cycle=cycle, label="1.0", report_status="Concept"
    )
    assert version.report_status == "Concept"


def test_definitief_once_every_unit_report_is_agreed(
    client, coordinator, cycle, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(services, "render_uwv_report_for_version", fake_render)
    ready_for_definitive(cycle=cycle, coordinator=coordinator)
    client.force_login(coordinator)
    page = client.get(reverse("findings:report_versions", args=[cycle.year]))
    assert "Nog niet afgestemd" not in page.text
    with django_capture_on_commit_callbacks(execute=True):
        response = publish(client, cycle.year, "1.0", "Definitief")
    assert response.status_code == 302
    assert ReportVersion.objects.get().report_status == "Definitief"


def test_an_excluded_unit_does_not_hold_up_the_definitive_report(coordinator, cycle, uitkeren):
    from audits.services.cycles import unit_exclude
    from findings.selectors.publishing import units_blocking_definitive

    unit_exclude(actor=coordinator, cycle=cycle, unit=uitkeren, reason="Reorganisatie")
    assert units_blocking_definitive(cycle) == ["Communicatie", "FEZ"]
    ready_for_definitive(cycle=cycle, coordinator=coordinator)
    assert units_blocking_definitive(cycle) == []
    assert services.report_version_publish(
        actor=coordinator, cycle=cycle, label="1.0", report_status="Definitief"
    )
