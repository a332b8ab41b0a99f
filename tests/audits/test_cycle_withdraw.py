"""A cycle opened in error is withdrawn in Voorbereiding with a reason, and can be reinstated
(issue 17, undo with a trace). Its year stays with it; it leaves every list and work queue."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from audits.models import AuditCycle
from audits.selectors.cycles import three_year_plan
from audits.services.cycle_setup import cycle_reinstate, cycle_withdraw
from audits.services.cycles import cycle_open
from tests.factories import principle
from uwvkms.models import AuditEvent


@pytest.fixture
def prep(cycle):
    AuditCycle.objects.filter(pk=cycle.pk).update(status="voorbereiding")
    cycle.refresh_from_db()
    return cycle


def withdrawn(cycle, coordinator):
    return cycle_withdraw(actor=coordinator, cycle=cycle, reason="Per ongeluk geopend.")


def test_withdrawing_asks_first_and_needs_a_reason(client, coordinator, prep):
    client.force_login(coordinator)
    detail = client.get(prep.get_absolute_url()).content.decode()
    url = reverse("audits:cycle_withdraw", args=[prep.year])
    assert url in detail
    page = client.get(url).content.decode()
    assert "Toetscyclus 2031 intrekken?" in page
    response = client.post(url, {"reason": "  "})
    assert response.status_code == 400
    assert "Geef de reden" in response.content.decode()
    assert not AuditCycle.with_withdrawn.get(pk=prep.pk).is_withdrawn
    response = client.post(url, {"reason": "Per ongeluk geopend."})
    assert response.status_code == 302
    cycle = AuditCycle.with_withdrawn.get(pk=prep.pk)
    assert (cycle.withdrawn_by, cycle.withdrawal_reason) == (coordinator, "Per ongeluk geopend.")
    event = AuditEvent.objects.get(event="audits.cycle.withdrawn")
    assert event.reason == "Per ongeluk geopend."


def test_a_withdrawn_cycle_leaves_every_page_but_the_list_of_the_coordination_team(
    client, coordinator, auditor, prep
):
    withdrawn(prep, coordinator)
    client.force_login(coordinator)
    assert client.get(reverse("audits:cycle_detail", args=[2031])).status_code == 404
    listing = client.get(reverse("audits:cycle_list")).content.decode()
    assert "<del>Interne Toets KMS 2031</del>" in listing
    assert "Per ongeluk geopend." in listing
    assert reverse("audits:cycle_reinstate", args=[2031]) in listing
    client.force_login(auditor)
    listing = client.get(reverse("audits:cycle_list")).content.decode()
    assert "2031" not in listing
    assert "Per ongeluk" not in listing
    queue = client.get("/").content.decode()
    assert "2031" not in queue
    assert three_year_plan() == []  # nor does it count in the three-year plan


def test_the_year_stays_with_the_withdrawn_cycle(client, coordinator, prep):
    withdrawn(prep, coordinator)
    with pytest.raises(ValidationError, match="2031 is ingetrokken"):
        cycle_open(actor=coordinator, year=2031, principles=[principle("leiderschap")])
    client.force_login(coordinator)
    response = client.post(
        reverse("audits:cycle_open"),
        {"year": 2031, "principles": [principle("leiderschap").pk]},
    )
    assert response.status_code == 400
    assert "zet hem terug" in response.content.decode()


def test_reinstating_needs_a_reason_and_brings_it_back(client, coordinator, prep):
    withdrawn(prep, coordinator)
    client.force_login(coordinator)
    url = reverse("audits:cycle_reinstate", args=[2031])
    assert "Per ongeluk geopend." in client.get(url).content.decode()
    assert client.post(url, {"reason": ""}).status_code == 400
    response = client.post(url, {"reason": "Toch het goede jaar."})
    assert response.status_code == 302
    cycle = AuditCycle.objects.get(pk=prep.pk)
    assert cycle.status == "voorbereiding"
    event = AuditEvent.objects.get(event="audits.cycle.reinstated")
    assert event.changes["withdrawal_reason"] == ["Per ongeluk geopend.", None]
    assert "Toch het goede jaar." in client.get(cycle.get_absolute_url()).content.decode()
    # Counted again, it is no longer a withdrawn cycle to reinstate.
    assert client.get(url).status_code == 404
    with pytest.raises(ValidationError, match="niet ingetrokken"):
        cycle_reinstate(actor=coordinator, cycle=cycle, reason="Nog eens.")


def test_only_in_voorbereiding(client, coordinator, cycle):
    with pytest.raises(ValidationError, match="alleen in de fase Voorbereiding"):
        withdrawn(cycle, coordinator)
    client.force_login(coordinator)
    assert (
        reverse("audits:cycle_withdraw", args=[2031])
        not in client.get(cycle.get_absolute_url()).content.decode()
    )
    url = reverse("audits:cycle_withdraw", args=[2031])
    assert "intrekken?" not in client.get(url).content.decode()
    assert client.post(url, {"reason": "Fout."}).status_code == 400
    assert not AuditCycle.with_withdrawn.get(pk=cycle.pk).is_withdrawn


def test_withdrawn_once(coordinator, prep):
    withdrawn(prep, coordinator)
    with pytest.raises(ValidationError, match="al ingetrokken"):
        withdrawn(prep, coordinator)


@pytest.mark.parametrize("persona", ["auditor", "board_member", "unit_board", "outsider"])
def test_only_the_coordination_team(client, request, persona, coordinator, prep):
    user = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        cycle_withdraw(actor=user, cycle=prep, reason="Fout.")
    client.force_login(user)
    url = reverse("audits:cycle_withdraw", args=[2031])
    assert client.get(url).status_code == 403
    assert client.post(url, {"reason": "Fout."}).status_code == 403
    assert not AuditCycle.with_withdrawn.get(pk=prep.pk).is_withdrawn
    withdrawn(prep, coordinator)
    with pytest.raises(PermissionDenied):
        cycle_reinstate(actor=user, cycle=prep, reason="Terug.")
    url = reverse("audits:cycle_reinstate", args=[2031])
    assert client.post(url, {"reason": "Terug."}).status_code == 403
    assert AuditCycle.with_withdrawn.get(pk=prep.pk).is_withdrawn
