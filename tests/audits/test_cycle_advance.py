"""The cycle moves forward one phase at a time, by the coordination team, through a
confirmation page that says what will happen and lists the readiness rules (issue 17); the move
is offered and made only when all hold. Before publication it can step back one phase, with a
reason kept in its history."""

import pytest
from django.urls import reverse

from audits.models import AuditCycle, Exclusion
from audits.selectors.readiness import cycle_readiness
from tests.factories import ScoreFactory, principle
from uwvkms.models import AuditEvent


def advance_url(cycle):
    return reverse("audits:cycle_advance", args=[cycle.year])


def back_url(cycle):
    return reverse("audits:cycle_step_back", args=[cycle.year])


def status_of(cycle):
    return AuditCycle.objects.get(pk=cycle.pk).status


@pytest.fixture
def scored(cycle, uitkeren, communicatie, fez):
    """Every unit × principle in scope has a submitted score (FEZ included)."""
    for unit in (uitkeren, communicatie, fez):
        for code in ("klantgerichtheid", "operationele-kwaliteit"):
            ScoreFactory(cycle=cycle, unit=unit, principle=principle(code))
    return cycle


def test_the_page_says_what_happens_and_what_still_fails(client, coordinator, cycle):
    client.force_login(coordinator)
    response = client.get(advance_url(cycle))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Toetscyclus 2031 naar Kalibratie?" in html
    assert "toetsers kunnen ze niet meer zelf wijzigen" in html
    assert "Nog niet voldaan" in html
    assert "nog niet bij Communicatie, FEZ, Uitkeren" in html
    assert "Ja, door naar fase" not in html  # never offered while a rule fails


def test_a_move_whose_rules_fail_is_refused_and_changes_nothing(client, coordinator, cycle):
    client.force_login(coordinator)
    response = client.post(advance_url(cycle), {"status": "veldwerk"})
    assert response.status_code == 400
    assert status_of(cycle) == "veldwerk"
    html = response.content.decode()
    assert "De cyclus kan nog niet naar Kalibratie." in html
    assert "een ingediende score (nog niet bij Communicatie, FEZ, Uitkeren)." in html
    assert not AuditEvent.objects.filter(event="audits.cycle.advanced").exists()


def test_coordinator_moves_cycle_to_next_phase_once_ready(client, coordinator, scored):
    client.force_login(coordinator)
    html = client.get(advance_url(scored)).content.decode()
    assert "Ja, door naar fase: Kalibratie" in html
    response = client.post(advance_url(scored), {"status": "veldwerk"}, follow=True)
    assert status_of(scored) == "kalibratie"
    assert "staat nu op Kalibratie" in response.content.decode()
    assert AuditEvent.objects.filter(
        event="audits.cycle.advanced", changes={"status": ["veldwerk", "kalibratie"]}
    ).exists()


def test_an_excluded_unit_does_not_hold_the_cycle_up(
    coordinator, cycle, uitkeren, communicatie, fez
):
    for unit in (uitkeren, communicatie):
        for code in ("klantgerichtheid", "operationele-kwaliteit"):
            ScoreFactory(cycle=cycle, unit=unit, principle=principle(code))
    assert not all(rule.holds for rule in cycle_readiness(cycle))
    Exclusion.objects.create(
        cycle=cycle, unit=fez, reason="Reorganisatie.", excluded_by=coordinator
    )
    assert all(rule.holds for rule in cycle_readiness(cycle))


def test_calibration_must_be_closed_before_the_roll_up(client, coordinator, scored):
    import datetime

    from maturity.services import (
        calibration_close,
        calibration_session_close,
        calibration_session_open,
    )

    AuditCycle.objects.filter(pk=scored.pk).update(status="kalibratie")
    client.force_login(coordinator)
    response = client.post(advance_url(scored), {"status": "kalibratie"})
    assert response.status_code == 400
    assert "De kalibratie is afgesloten" in response.content.decode()
    scored.refresh_from_db()
    session = calibration_session_open(
        actor=coordinator,
        cycle=scored,
        held_on=datetime.date(2031, 11, 4),
        participants=[coordinator],
    )
    calibration_session_close(actor=coordinator, session=session)
    calibration_close(actor=coordinator, cycle=scored)
    client.post(advance_url(scored), {"status": "kalibratie"})
    assert status_of(scored) == "oprollen"


def test_a_stale_click_changes_nothing(client, coordinator, scored):
    client.force_login(coordinator)
    response = client.post(advance_url(scored), {"status": "voorbereiding"})
    assert status_of(scored) == "veldwerk"
    assert "er is niets gewijzigd" in response.content.decode()


def test_auditor_cannot_move_the_cycle(client, auditor, scored):
    client.force_login(auditor)
    assert client.get(advance_url(scored)).status_code == 403
    assert client.post(advance_url(scored), {"status": "veldwerk"}).status_code == 403
    assert client.get(back_url(scored)).status_code == 403
    assert client.post(back_url(scored), {"status": "veldwerk", "reason": "x"}).status_code == 403
    assert status_of(scored) == "veldwerk"


def test_a_step_back_needs_a_reason_and_keeps_it(client, coordinator, cycle):
    client.force_login(coordinator)
    page = client.get(back_url(cycle)).content.decode()
    assert "Toetscyclus 2031 terug naar Voorbereiding?" in page
    response = client.post(back_url(cycle), {"status": "veldwerk", "reason": "  "})
    assert response.status_code == 400
    assert "Geef aan waarom de cyclus een fase terug gaat." in response.content.decode()
    assert status_of(cycle) == "veldwerk"
    reason = "Het team van FEZ ontbreekt nog."
    response = client.post(back_url(cycle), {"status": "veldwerk", "reason": reason}, follow=True)
    assert status_of(cycle) == "voorbereiding"
    assert "staat weer op Voorbereiding" in response.content.decode()
    event = AuditEvent.objects.get(event="audits.cycle.stepped_back")
    assert (event.changes, event.reason) == ({"status": ["veldwerk", "voorbereiding"]}, reason)


def test_a_published_cycle_or_the_first_phase_has_no_step_back(client, coordinator, cycle):
    client.force_login(coordinator)
    for status, text in (
        ("gepubliceerd", "Een gepubliceerde cyclus blijft gepubliceerd."),
        ("voorbereiding", "er is geen fase terug"),
    ):
        AuditCycle.objects.filter(pk=cycle.pk).update(status=status)
        assert text in client.get(back_url(cycle)).content.decode()
        response = client.post(back_url(cycle), {"status": status, "reason": "Vergissing."})
        assert response.status_code == 400
        assert status_of(cycle) == status


def test_the_cycle_page_links_to_both_moves(client, coordinator, cycle):
    client.force_login(coordinator)
    html = client.get(reverse("audits:cycle_detail", args=[cycle.year])).content.decode()
    assert "Door naar fase: Kalibratie …" in html
    assert "Terug naar fase: Voorbereiding …" in html
