"""Hours are final once the cycle is published, and nothing changes in a withdrawn cycle
(issue 21 §6, review): the services refuse record, correct and withdraw with a Dutch reason
under the cycle lock, and the pages no longer offer the forms."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from audits.constants import CycleStatus
from audits.evaluation_rules import hours_closed_reason
from audits.models import AuditCycle, AuditHours
from audits.services.evaluation import hours_correct, hours_record, hours_withdraw


@pytest.mark.parametrize(
    ("status", "closed"),
    [
        (CycleStatus.VOORBEREIDING, False),
        (CycleStatus.VELDWERK, False),
        (CycleStatus.KALIBRATIE, False),
        (CycleStatus.OPROLLEN, False),
        (CycleStatus.GEPUBLICEERD, True),
    ],
)
def test_hours_closed_reason(status, closed):
    reason = hours_closed_reason(status)
    assert (reason is not None) == closed
    if closed:
        assert "gepubliceerd" in reason


@pytest.fixture
def entry(auditor, cycle, uitkeren):
    return hours_record(actor=auditor, cycle=cycle, unit=uitkeren, kind="week", week=37, hours=8)


def _publish(cycle):
    AuditCycle.objects.filter(pk=cycle.pk).update(status=CycleStatus.GEPUBLICEERD)
    cycle.refresh_from_db()


def _withdraw(cycle, by):
    AuditCycle.with_withdrawn.filter(pk=cycle.pk).update(
        withdrawn_at=timezone.now(), withdrawn_by=by, withdrawal_reason="Dubbel aangemaakt."
    )


@pytest.mark.parametrize("how", ["published", "withdrawn"])
def test_the_services_refuse_every_change_of_hours(
    how, auditor, coordinator, cycle, uitkeren, entry
):
    if how == "published":
        _publish(cycle)
        said = "gepubliceerd"
    else:
        _withdraw(cycle, coordinator)
        said = "ingetrokken"
    with pytest.raises(ValidationError, match=said):
        hours_record(actor=auditor, cycle=cycle, unit=uitkeren, kind="week", week=38, hours=4)
    with pytest.raises(ValidationError, match=said):
        hours_correct(actor=auditor, entry=entry, hours=Decimal("9"), expected_version=1)
    with pytest.raises(ValidationError, match=said):
        hours_withdraw(actor=auditor, entry=entry, reason="Verkeerd onderdeel.")
    entry.refresh_from_db()
    assert (AuditHours.with_withdrawn.count(), entry.hours, entry.is_withdrawn) == (
        1,
        Decimal("8.00"),
        False,
    )


def test_the_pages_offer_no_forms_after_publication(client, auditor, cycle, uitkeren, entry):
    client.force_login(auditor)
    unit_url = reverse("audits:hours_unit", args=[cycle.year, uitkeren.pk])
    correct_url = reverse("audits:hours_correct", args=[cycle.year, entry.pk])
    withdraw_url = reverse("audits:hours_withdraw", args=[cycle.year, entry.pk])
    before = client.get(unit_url).content.decode()
    assert correct_url in before and 'name="hours"' in before
    _publish(cycle)
    page = client.get(unit_url).content.decode()
    assert "de uren liggen vast" in page
    assert correct_url not in page and withdraw_url not in page and 'name="hours"' not in page
    for url in (correct_url, withdraw_url):
        page = client.get(url).content.decode()
        assert "de uren liggen vast" in page and '<form method="post" novalidate' not in page
    # A form opened before publication and saved after: refused, nothing changed.
    response = client.post(unit_url, {"kind": "week", "week": "38", "hours": "4"})
    assert response.status_code == 400
    response = client.post(correct_url, {"hours": "9", "version": "1"})
    assert response.status_code == 400
    response = client.post(withdraw_url, {"reason": "Verkeerd."})
    assert response.status_code == 400
    entry.refresh_from_db()
    assert (AuditHours.with_withdrawn.count(), entry.hours, entry.is_withdrawn) == (
        1,
        Decimal("8.00"),
        False,
    )
