"""The beheerder sees withdrawn records in the admin, with when they were withdrawn: the
default manager leaves them out of every figure, not out of the administration."""

from django.urls import reverse

from audits.models import AuditCycle
from audits.services.cycle_setup import cycle_withdraw


def test_a_withdrawn_cycle_stays_in_the_admin(admin_client, coordinator, cycle):
    AuditCycle.objects.filter(pk=cycle.pk).update(status="voorbereiding")
    cycle.refresh_from_db()
    cycle_withdraw(actor=coordinator, cycle=cycle, reason="Per ongeluk geopend.")
    assert not AuditCycle.objects.filter(pk=cycle.pk).exists()
    listing = admin_client.get(reverse("admin:audits_auditcycle_changelist"))
    assert listing.status_code == 200
    assert str(cycle.year) in listing.content.decode()
    detail = admin_client.get(reverse("admin:audits_auditcycle_change", args=[cycle.pk]))
    assert detail.status_code == 200
    assert "Per ongeluk geopend." in detail.content.decode()
