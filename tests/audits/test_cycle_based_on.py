"""'Nieuwe cyclus op basis van <jaar>' (issue 17): the next year opened from the previous cycle,
its set-up copied and teams proposed by the rotation rule, by the coordination team only."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from audits.models import AssessedPrinciple, Assignment, AuditCycle, District
from audits.services.cycle_setup import cycle_open_based_on
from maturity.models import Framework
from tests.factories import DistrictFactory, principle
from uwvkms.models import AuditEvent


@pytest.fixture
def previous(cycle, uitkeren, communicatie, coordinator):
    """2031 with a fieldwork period, two candidate districts and a toetskader text."""
    AuditCycle.objects.filter(pk=cycle.pk).update(
        period_start=datetime.date(2031, 9, 1), period_end=datetime.date(2031, 12, 15)
    )
    DistrictFactory(cycle=cycle, unit=uitkeren, name="Rayon Noord", kind="decentraal")
    DistrictFactory(cycle=cycle, unit=communicatie, name="Hoofdkantoor", kind="centraal")
    Framework.objects.create(
        cycle=cycle,
        principle=principle("klantgerichtheid"),
        definition="De klant centraal.",
        updated_by=coordinator,
    )
    cycle.refresh_from_db()
    return cycle


def test_the_next_year_is_opened_with_the_previous_set_up(
    previous, coordinator, uitkeren, communicatie, fez, auditor, other_auditor
):
    cycle = cycle_open_based_on(actor=coordinator, previous=previous)

    assert (cycle.year, cycle.status, cycle.based_on) == (2032, "voorbereiding", previous)
    assert set(cycle.principles.all()) == set(previous.principles.all())
    assert (cycle.period_start, cycle.period_end) == (
        datetime.date(2032, 9, 1),
        datetime.date(2032, 12, 15),
    )
    scope = lambda c: set(  # noqa: E731
        AssessedPrinciple.objects.filter(cycle=c).values_list("unit_id", "principle_id")
    )
    assert scope(cycle) == scope(previous)
    assert set(District.objects.filter(cycle=cycle).values_list("unit__name", "name", "kind")) == {
        ("Uitkeren", "Rayon Noord", "decentraal"),
        ("Communicatie", "Hoofdkantoor", "centraal"),
    }
    framework = Framework.objects.get(cycle=cycle)
    assert framework.definition == "De klant centraal."
    # Rotation: the FEZ auditor led Uitkeren and Communicatie in 2031 and is from FEZ; the
    # Communicatie auditor never audits Communicatie. So only the latter is proposed, twice.
    teams = set(Assignment.objects.filter(cycle=cycle).values_list("unit", "auditor", "is_lead"))
    assert teams == {(uitkeren.pk, other_auditor.pk, True), (fez.pk, other_auditor.pk, True)}
    opened = AuditEvent.objects.get(event="audits.cycle.opened", object_id=str(cycle.pk))
    assert opened.changes["based_on"] == [None, 2031]
    assert opened.changes["districts"] == [None, 2]
    assert opened.changes["frameworks"] == [None, 1]
    assert opened.changes["assignments"] == [None, 2]
    assert (
        AuditEvent.objects.filter(
            event="audits.assignment.created", reason__contains="rotatieregel"
        ).count()
        == 2
    )


@pytest.mark.parametrize(
    ("end", "expected"),
    [
        pytest.param(datetime.date(2032, 3, 31), datetime.date(2033, 3, 31), id="runs on: kept"),
        # Stored before the period rule: a year on it is no plausible period, so left to fill in.
        pytest.param(datetime.date(2032, 6, 30), None, id="implausible: left empty"),
    ],
)
def test_the_period_moves_a_year_on_when_plausible(previous, coordinator, end, expected):
    AuditCycle.objects.filter(pk=previous.pk).update(period_end=end)
    previous.refresh_from_db()
    cycle = cycle_open_based_on(actor=coordinator, previous=previous)
    assert cycle.period_end == expected
    assert (cycle.period_start is None) == (expected is None)


@pytest.mark.parametrize("persona", ["auditor", "board_member", "unit_board", "outsider"])
def test_only_the_coordination_team_opens_a_cycle_on_the_basis_of_another(
    client, request, persona, previous
):
    user = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        cycle_open_based_on(actor=user, previous=previous)
    client.force_login(user)
    url = reverse("audits:cycle_open_based_on", args=[previous.year])
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    assert not AuditCycle.with_withdrawn.filter(year=2032).exists()


def test_a_taken_year_is_refused_and_not_offered(client, previous, coordinator):
    cycle_open_based_on(actor=coordinator, previous=previous)
    with pytest.raises(ValidationError, match="bestaat al een toetscyclus voor 2032"):
        cycle_open_based_on(actor=coordinator, previous=previous)
    client.force_login(coordinator)
    page = client.get(reverse("audits:cycle_list")).content.decode()
    assert "op basis van 2031" not in page
    assert "Nieuwe cyclus op basis van 2032" in page
    url = reverse("audits:cycle_open_based_on", args=[previous.year])
    assert "Toetscyclus 2032 openen" not in client.get(url).content.decode()
    response = client.post(url)
    assert response.status_code == 400
    assert AuditCycle.objects.filter(year=2032).count() == 1


def test_the_page_shows_what_is_copied_and_opening_leads_to_the_team_matrix(
    client, previous, coordinator
):
    client.force_login(coordinator)
    for page in ("audits:cycle_list", "audits:cycle_open"):
        assert "Nieuwe cyclus op basis van 2031" in client.get(reverse(page)).content.decode()
    url = reverse("audits:cycle_open_based_on", args=[previous.year])
    page = client.get(url).content.decode()
    assert "1 september 2032" in page and "15 december 2032" in page
    assert "2 districten en afdelingen overgenomen" in page
    assert "Toetscyclus 2032 openen" in page
    response = client.post(url)
    assert response.status_code == 302
    assert response.url == reverse("audits:team_matrix", args=[2032])
    detail = client.get(reverse("audits:cycle_detail", args=[2032])).content.decode()
    assert "Op basis van 2031" in detail
    assert "op basis van" in detail and "2031" in detail  # the history of the cycle


def test_a_withdrawn_cycle_is_no_basis(client, previous, coordinator):
    AuditCycle.objects.filter(pk=previous.pk).update(
        withdrawn_at=datetime.datetime(2031, 1, 1, tzinfo=datetime.UTC),
        withdrawn_by=coordinator,
        withdrawal_reason="Per ongeluk.",
    )
    with pytest.raises(ValidationError, match="ingetrokken"):
        cycle_open_based_on(actor=coordinator, previous=previous)
    client.force_login(coordinator)
    url = reverse("audits:cycle_open_based_on", args=[previous.year])
    assert client.get(url).status_code == 404
