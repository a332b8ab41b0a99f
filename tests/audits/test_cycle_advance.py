"""The cycle moves forward one phase at a time, by the coordination team."""

from django.urls import reverse

from audits.models import AuditCycle
from uwvkms.models import AuditEvent


def test_coordinator_moves_cycle_to_next_phase(client, coordinator, cycle):
    client.force_login(coordinator)
    response = client.post(
        reverse("audits:cycle_advance", args=[cycle.year]), {"status": "veldwerk"}, follow=True
    )
    assert AuditCycle.objects.get(pk=cycle.pk).status == "kalibratie"
    assert "staat nu op Kalibratie" in response.content.decode()
    assert AuditEvent.objects.filter(
        event="audits.cycle.advanced", changes={"status": ["veldwerk", "kalibratie"]}
    ).exists()


def test_a_stale_click_changes_nothing(client, coordinator, cycle):
    client.force_login(coordinator)
    response = client.post(
        reverse("audits:cycle_advance", args=[cycle.year]), {"status": "voorbereiding"}, follow=True
    )
    assert AuditCycle.objects.get(pk=cycle.pk).status == "veldwerk"
    assert "er is niets gewijzigd" in response.content.decode()


def test_auditor_cannot_move_the_cycle(client, auditor, cycle):
    client.force_login(auditor)
    response = client.post(
        reverse("audits:cycle_advance", args=[cycle.year]), {"status": "veldwerk"}
    )
    assert response.status_code == 403
    assert AuditCycle.objects.get(pk=cycle.pk).status == "veldwerk"
