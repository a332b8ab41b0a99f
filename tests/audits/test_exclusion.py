"""A unit marked "niet representatief": out of every UWV-wide figure, named in the report with
its reason; the coordination team can undo it with a reason. Both recorded."""

import pytest
from django.urls import reverse

from audits.models import AuditCycle, Exclusion
from tests.factories import ScoreFactory, principle
from uwvkms.models import AuditEvent


def exclusions_url(cycle):
    return reverse("audits:exclusions", args=[cycle.year])


def undo_url(exclusion):
    return reverse("audits:exclusion_undo", args=[exclusion.cycle.year, exclusion.pk])


def exclude(client, cycle, unit, reason="Te weinig interviews mogelijk door een reorganisatie."):
    return client.post(exclusions_url(cycle), {"unit": unit.pk, "reason": reason})


@pytest.fixture
def excluded(cycle, coordinator, uitkeren):
    return Exclusion.objects.create(
        cycle=cycle,
        unit=uitkeren,
        reason="Reorganisatie tijdens het veldwerk.",
        excluded_by=coordinator,
    )


def test_coordinator_excludes_a_unit_with_a_reason(client, coordinator, cycle, uitkeren):
    client.force_login(coordinator)
    response = exclude(client, cycle, uitkeren)
    assert response.status_code == 302
    exclusion = Exclusion.objects.get(cycle=cycle, unit=uitkeren)
    assert exclusion.excluded_by == coordinator
    assert exclusion.reason == "Te weinig interviews mogelijk door een reorganisatie."
    event = AuditEvent.objects.get(event="audits.exclusion.created")
    assert (event.actor, event.object_id) == (coordinator, str(cycle.pk))
    assert event.changes == {"unit": ["Uitkeren", "Uitkeren"], "excluded": [False, True]}
    assert event.reason == "Te weinig interviews mogelijk door een reorganisatie."
    html = client.get(exclusions_url(cycle)).content.decode()
    assert "Te weinig interviews mogelijk door een reorganisatie." in html


@pytest.mark.parametrize("reason", ["", "   \n  "])
def test_the_reason_is_mandatory(client, coordinator, cycle, uitkeren, reason):
    client.force_login(coordinator)
    response = exclude(client, cycle, uitkeren, reason=reason)
    assert response.status_code == 400
    assert (
        "Geef de reden waarom dit onderdeel niet representatief is getoetst."
        in (response.context["form"].errors["reason"])
    )
    assert not Exclusion.objects.exists()
    assert not AuditEvent.objects.filter(event__startswith="audits.exclusion").exists()


def test_an_excluded_unit_cannot_be_excluded_twice(client, coordinator, cycle, excluded):
    client.force_login(coordinator)
    response = exclude(client, cycle, excluded.unit)
    assert response.status_code == 400
    assert "unit" in response.context["form"].errors
    assert Exclusion.objects.count() == 1


def test_coordinator_undoes_an_exclusion_with_a_reason(client, coordinator, cycle, excluded):
    client.force_login(coordinator)
    response = client.post(undo_url(excluded), {"reason": "Aanvullende interviews gehouden."})
    assert response.status_code == 302
    assert not Exclusion.objects.exists()
    event = AuditEvent.objects.get(event="audits.exclusion.undone")
    assert event.actor == coordinator
    assert event.reason == "Aanvullende interviews gehouden."
    assert event.changes["excluded"] == [True, False]
    assert event.changes["exclusion_reason"] == ["Reorganisatie tijdens het veldwerk.", None]
    html = client.get(exclusions_url(cycle)).content.decode()
    assert "Aanvullende interviews gehouden." in html  # the history
    assert "telt weer mee" in html


def test_undo_without_a_reason_is_refused(client, coordinator, cycle, excluded):
    client.force_login(coordinator)
    response = client.post(undo_url(excluded), {"reason": ""})
    assert response.status_code == 400
    assert "Geef de reden waarom dit onderdeel weer meetelt." in response.content.decode()
    assert Exclusion.objects.filter(pk=excluded.pk).exists()


def test_exclusions_are_fixed_once_published(client, coordinator, cycle, excluded, communicatie):
    AuditCycle.objects.filter(pk=cycle.pk).update(status="gepubliceerd")
    client.force_login(coordinator)
    page = client.get(exclusions_url(cycle)).content.decode()
    assert "is gepubliceerd; uitsluitingen liggen vast" in page
    assert undo_url(excluded) not in page
    response = exclude(client, cycle, communicatie)
    assert response.status_code == 400
    assert "is gepubliceerd" in response.content.decode()
    response = client.post(undo_url(excluded), {"reason": "Toch wel."})
    assert response.status_code == 400
    assert Exclusion.objects.filter(pk=excluded.pk).exists()
    assert not Exclusion.objects.filter(unit=communicatie).exists()


def test_exclusion_is_possible_during_calibration(client, coordinator, cycle, communicatie):
    AuditCycle.objects.filter(pk=cycle.pk).update(status="kalibratie")
    client.force_login(coordinator)
    assert exclude(client, cycle, communicatie).status_code == 302


def test_the_cycle_page_marks_the_unit_and_links_to_exclusions(
    client, coordinator, cycle, excluded
):
    client.force_login(coordinator)
    html = client.get(cycle.get_absolute_url()).content.decode()
    assert "niet representatief" in html
    assert exclusions_url(cycle) in html


def test_excluded_score_does_not_count_in_the_report(
    client, coordinator, cycle, uitkeren, communicatie, excluded
):
    klant = principle("klantgerichtheid")
    ScoreFactory(cycle=cycle, unit=uitkeren, principle=klant, level=1)
    ScoreFactory(cycle=cycle, unit=communicatie, principle=klant, level=4)
    client.force_login(coordinator)
    response = client.get(reverse("findings:maturity_report", args=[cycle.year]))
    row = {r.principle.code: r for r in response.context["report"].rows}["klantgerichtheid"]
    # Communicatie (4) and FEZ (no score) count; Uitkeren (1) is left out.
    assert (row.overall.mean.rounded, row.overall.mean.count, row.overall.assessed_units) == (
        4,
        1,
        2,
    )
    html = response.content.decode()
    assert "Niet meegeteld" in html
    assert "Reorganisatie tijdens het veldwerk." in html


@pytest.mark.parametrize(
    "persona", ["auditor", "other_auditor", "board_member", "unit_board", "outsider"]
)
def test_only_coordinators_exclude_and_undo(
    client, request, persona, cycle, excluded, communicatie
):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(exclusions_url(cycle)).status_code == 403
    assert exclude(client, cycle, communicatie).status_code == 403
    assert client.post(undo_url(excluded), {"reason": "Zomaar."}).status_code == 403
    assert list(Exclusion.objects.values_list("unit__name", flat=True)) == ["Uitkeren"]


def test_undo_of_another_cycles_exclusion_is_404(client, coordinator, cycle, excluded):
    AuditCycle.objects.create(year=2030, created_by=coordinator)
    client.force_login(coordinator)
    url = reverse("audits:exclusion_undo", args=[2030, excluded.pk])
    assert client.post(url, {"reason": "Verkeerde cyclus."}).status_code == 404
    assert Exclusion.objects.filter(pk=excluded.pk).exists()
