"""Districts, regions and departments to visit at a unit: candidates listed by the coordination
team or the unit's auditors, and drawn at random, reproducibly, never silently redrawn."""

import datetime

import pytest
from django.urls import reverse

from audits.models import AuditCycle, District, DistrictDraw, Interview
from audits.rules import draw_districts
from audits.selectors import current_draws
from tests.factories import AuditCycleFactory
from uwvkms.models import AuditEvent

CANDIDATES = [
    ("Hoofdkantoor", "centraal"),
    ("Amsterdam", "decentraal"),
    ("Rotterdam", "decentraal"),
    ("Zwolle", "decentraal"),
]


def page_url(cycle, unit):
    return reverse("audits:districts", args=[cycle.year, unit.pk])


def add(client, cycle, unit, name, kind="decentraal"):
    return client.post(
        reverse("audits:district_add", args=[cycle.year, unit.pk]), {"name": name, "kind": kind}
    )


def draw(client, cycle, unit, count=2, reason="", current=""):
    return client.post(
        reverse("audits:districts_draw", args=[cycle.year, unit.pk]),
        {"count": count, "reason": reason, "current": current},
    )


def remove(client, district):
    return client.post(
        reverse("audits:district_remove", args=[district.cycle.year, district.unit_id, district.pk])
    )


@pytest.fixture
def candidates(cycle, uitkeren):
    return [
        District.objects.create(cycle=cycle, unit=uitkeren, name=name, kind=kind)
        for name, kind in CANDIDATES
    ]


# --- the candidate list ---------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["coordinator", "auditor"])
def test_coordinator_and_assigned_auditor_list_candidates(
    client, request, persona, cycle, uitkeren
):
    user = request.getfixturevalue(persona)
    client.force_login(user)
    assert client.get(page_url(cycle, uitkeren)).status_code == 200
    response = add(client, cycle, uitkeren, "  Hoofdkantoor   Amsterdam ", "centraal")
    assert response.status_code == 302
    district = District.objects.get(cycle=cycle, unit=uitkeren)
    assert (district.name, district.kind) == ("Hoofdkantoor Amsterdam", "centraal")
    event = AuditEvent.objects.get(event="audits.district.added")
    assert event.actor == user
    assert event.changes == {"name": [None, "Hoofdkantoor Amsterdam"], "kind": [None, "centraal"]}


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"name": "", "kind": "centraal"}, "name", "Vul de naam in."),
        ({"name": "   ", "kind": "centraal"}, "name", "Vul de naam in."),
        ({"name": "Zwolle"}, "kind", "Kies centraal of decentraal."),
        ({"name": "Zwolle", "kind": "elders"}, "kind", "Selecteer een geldige keuze"),
        ({"name": "amsterdam", "kind": "decentraal"}, "name", "staat er al"),
    ],
)
def test_bad_candidates_are_refused(
    client, coordinator, cycle, uitkeren, candidates, data, field, message
):
    client.force_login(coordinator)
    response = client.post(reverse("audits:district_add", args=[cycle.year, uitkeren.pk]), data)
    assert response.status_code == 400
    assert message in " ".join(response.context["district_form"].errors[field])
    assert District.objects.count() == len(CANDIDATES)


def test_candidate_page_is_labelled_and_lists_candidates(
    client, coordinator, cycle, uitkeren, candidates
):
    client.force_login(coordinator)
    response = client.get(page_url(cycle, uitkeren))
    html = " ".join(response.content.decode().split())
    assert '<label for="id_name"' in html
    assert 'name="kind" value="centraal"' in html
    for name, _kind in CANDIDATES:
        assert name in html
    assert "Er is nog niet geloot." in html


def test_a_candidate_not_drawn_and_without_interviews_can_be_removed(
    client, coordinator, cycle, candidates
):
    client.force_login(coordinator)
    zwolle = candidates[3]
    assert remove(client, zwolle).status_code == 302
    assert not District.objects.filter(pk=zwolle.pk).exists()
    event = AuditEvent.objects.get(event="audits.district.removed")
    assert event.changes == {"name": ["Zwolle", None], "kind": ["decentraal", None]}


def test_a_drawn_candidate_stays(client, coordinator, cycle, uitkeren, candidates):
    client.force_login(coordinator)
    draw(client, cycle, uitkeren, count=4)  # every candidate drawn
    response = client.post(
        reverse("audits:district_remove", args=[cycle.year, uitkeren.pk, candidates[0].pk]),
        follow=True,
    )
    assert "is bij de geldende loting getrokken en kan niet worden verwijderd" in (
        response.content.decode()
    )
    assert District.objects.count() == 4


def test_a_candidate_with_interviews_stays(
    client, coordinator, auditor, cycle, uitkeren, candidates
):
    Interview.objects.create(
        cycle=cycle,
        unit=uitkeren,
        location=candidates[1],
        held_on=datetime.date(2031, 9, 15),
        created_by=auditor,
    )
    client.force_login(coordinator)
    response = client.post(
        reverse("audits:district_remove", args=[cycle.year, uitkeren.pk, candidates[1].pk]),
        follow=True,
    )
    assert "Bij Amsterdam zijn interviews vastgelegd" in response.content.decode()
    assert District.objects.filter(pk=candidates[1].pk).exists()


def test_a_candidate_of_another_unit_is_404(client, coordinator, cycle, communicatie, candidates):
    client.force_login(coordinator)
    url = reverse("audits:district_remove", args=[cycle.year, communicatie.pk, candidates[0].pk])
    assert client.post(url).status_code == 404
    assert District.objects.count() == 4


# --- the draw -------------------------------------------------------------------------------


def test_draw_is_stored_reproducible_and_shown(client, auditor, cycle, uitkeren, candidates):
    client.force_login(auditor)
    response = draw(client, cycle, uitkeren, count=2)
    assert response.status_code == 302
    stored = DistrictDraw.objects.get(cycle=cycle, unit=uitkeren)
    assert stored.is_current
    assert stored.drawn_by == auditor
    assert 0 <= stored.seed < 2**63
    assert stored.count == 2
    assert sorted(map(tuple, stored.candidates)) == sorted(CANDIDATES)
    # Anyone can redo it from what is stored, and central and decentral are both covered.
    assert stored.drawn == [
        list(c) for c in draw_districts(stored.candidates, seed=stored.seed, count=2)
    ]
    assert {kind for _name, kind in stored.drawn} == {"centraal", "decentraal"}
    event = AuditEvent.objects.get(event="audits.districts.drawn")
    assert event.changes["seed"] == [None, stored.seed]
    assert event.changes["drawn"] == [None, stored.drawn]

    html = " ".join(client.get(page_url(cycle, uitkeren)).content.decode().split())
    assert f"Loting: seed {stored.seed}, door Anouk Toetser, op " in html
    assert "uit 4 kandidaten." in html
    assert "Zelf nadoen" in html


def test_draw_needs_at_least_two_candidates(client, coordinator, cycle, uitkeren):
    District.objects.create(cycle=cycle, unit=uitkeren, name="Hoofdkantoor", kind="centraal")
    client.force_login(coordinator)
    response = draw(client, cycle, uitkeren)
    assert response.status_code == 400
    assert "Voeg eerst ten minste 2 kandidaten toe; er zijn er nu 1." in response.content.decode()
    assert not DistrictDraw.objects.exists()


@pytest.mark.parametrize(
    ("count", "message"),
    [
        (1, "Trek ten minste 2 districten of afdelingen."),
        (5, "Er zijn maar 4 kandidaten; trek er minder of voeg kandidaten toe."),
        ("", "Vul het aantal in."),
        ("twee", "Voer een geheel getal in."),
    ],
)
def test_bad_counts_are_refused(client, coordinator, cycle, uitkeren, candidates, count, message):
    client.force_login(coordinator)
    response = draw(client, cycle, uitkeren, count=count)
    assert response.status_code == 400
    assert message in " ".join(response.context["draw_form"].errors["count"])
    assert not DistrictDraw.objects.exists()


def test_a_redraw_needs_a_reason_and_keeps_the_old_draw(
    client, coordinator, cycle, uitkeren, candidates
):
    client.force_login(coordinator)
    draw(client, cycle, uitkeren)
    first = DistrictDraw.objects.get()

    response = draw(client, cycle, uitkeren, current=first.pk)
    assert response.status_code == 400
    assert "Geef een reden om opnieuw te loten" in " ".join(
        response.context["draw_form"].errors["reason"]
    )
    assert DistrictDraw.objects.count() == 1

    response = draw(
        client, cycle, uitkeren, count=3, reason="District Zwolle is gesloten.", current=first.pk
    )
    assert response.status_code == 302
    first.refresh_from_db()
    second = DistrictDraw.objects.get(is_current=True)
    assert not first.is_current
    assert (second.reason, second.count) == ("District Zwolle is gesloten.", 3)
    superseded = AuditEvent.objects.get(event="audits.districts.draw_superseded")
    assert superseded.object_id == str(first.pk)
    assert superseded.reason == "District Zwolle is gesloten."
    redrawn = AuditEvent.objects.filter(event="audits.districts.drawn").first()
    assert redrawn.changes["seed"] == [first.seed, second.seed]

    html = " ".join(client.get(page_url(cycle, uitkeren)).content.decode().split())
    assert "Eerdere lotingen (vervangen)" in html
    assert str(first.seed) in html
    assert "District Zwolle is gesloten." in html


def test_a_stale_draw_form_draws_nothing(client, coordinator, cycle, uitkeren, candidates):
    """Two people (or a double click) drawing at once: the second is told, not drawn silently."""
    client.force_login(coordinator)
    draw(client, cycle, uitkeren)
    response = draw(client, cycle, uitkeren, reason="Nog een keer.", current="")
    assert response.status_code == 400
    assert "Er is intussen al (opnieuw) geloot" in response.content.decode()
    assert DistrictDraw.objects.count() == 1


def test_one_kind_only_is_drawn_but_flagged(client, coordinator, cycle, uitkeren):
    for name in ("Amsterdam", "Rotterdam", "Zwolle"):
        District.objects.create(cycle=cycle, unit=uitkeren, name=name, kind="decentraal")
    client.force_login(coordinator)
    html = client.get(page_url(cycle, uitkeren)).content.decode()
    assert "Alle kandidaten zijn decentraal" in html
    assert draw(client, cycle, uitkeren).status_code == 302


def test_a_changed_list_after_the_draw_is_pointed_out(
    client, coordinator, cycle, uitkeren, candidates
):
    client.force_login(coordinator)
    draw(client, cycle, uitkeren)
    assert "na deze loting gewijzigd" not in client.get(page_url(cycle, uitkeren)).content.decode()
    add(client, cycle, uitkeren, "Groningen")
    assert "na deze loting gewijzigd" in client.get(page_url(cycle, uitkeren)).content.decode()


@pytest.mark.parametrize("status", ["kalibratie", "gepubliceerd"])
def test_nothing_changes_once_fieldwork_closes(
    client, coordinator, cycle, uitkeren, candidates, status
):
    AuditCycle.objects.filter(pk=cycle.pk).update(status=status)
    client.force_login(coordinator)
    page = client.get(page_url(cycle, uitkeren)).content.decode()
    assert "kan alleen worden gewijzigd in de fasen Voorbereiding en Veldwerk" in page
    assert reverse("audits:districts_draw", args=[cycle.year, uitkeren.pk]) not in page
    assert add(client, cycle, uitkeren, "Groningen").status_code == 400
    assert draw(client, cycle, uitkeren).status_code == 400
    response = remove(client, candidates[3])
    assert response.status_code == 302
    assert District.objects.count() == 4
    assert not DistrictDraw.objects.exists()


# --- access ---------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["other_auditor", "board_member", "unit_board", "outsider"])
def test_others_are_refused(client, request, persona, cycle, uitkeren, candidates):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(page_url(cycle, uitkeren)).status_code == 403
    assert add(client, cycle, uitkeren, "Groningen").status_code == 403
    assert draw(client, cycle, uitkeren).status_code == 403
    assert remove(client, candidates[3]).status_code == 403
    assert District.objects.count() == 4
    assert not DistrictDraw.objects.exists()


def test_an_auditor_of_another_cycle_is_refused(client, auditor, cycle, uitkeren, coordinator):
    AuditCycleFactory(year=2030, created_by=coordinator)
    client.force_login(auditor)
    assert client.get(reverse("audits:districts", args=[2030, uitkeren.pk])).status_code == 403


def test_unknown_unit_is_404(client, coordinator, cycle):
    client.force_login(coordinator)
    assert client.get(reverse("audits:districts", args=[cycle.year, 99999])).status_code == 404


# --- where it shows -------------------------------------------------------------------------


def test_auditor_reaches_the_page_from_their_work_list(client, auditor, cycle, uitkeren):
    client.force_login(auditor)
    html = client.get(reverse("maturity:auditor_work", args=[cycle.year])).content.decode()
    assert page_url(cycle, uitkeren) in html
    assert "Districten Uitkeren" in html


def test_coordinator_reaches_the_page_from_the_cycle(client, coordinator, cycle, uitkeren):
    client.force_login(coordinator)
    assert page_url(cycle, uitkeren) in client.get(cycle.get_absolute_url()).content.decode()


def test_current_draws_in_one_query(
    client, coordinator, cycle, uitkeren, communicatie, candidates, django_assert_num_queries
):
    client.force_login(coordinator)
    draw(client, cycle, uitkeren)
    first = DistrictDraw.objects.get()
    draw(client, cycle, uitkeren, reason="Opnieuw.", current=first.pk)
    for name, kind in CANDIDATES[:2]:
        District.objects.create(cycle=cycle, unit=communicatie, name=name, kind=kind)
    draw(client, cycle, communicatie)
    with django_assert_num_queries(1):
        draws = [(d.unit.name, d.drawn_by.username, d.is_current) for d in current_draws(cycle)]
    assert draws == [("Communicatie", "coordinator", True), ("Uitkeren", "coordinator", True)]


def test_the_report_shows_the_draws_as_method(client, coordinator, cycle, uitkeren, candidates):
    client.force_login(coordinator)
    draw(client, cycle, uitkeren)
    stored = DistrictDraw.objects.get()
    response = client.get(reverse("findings:maturity_report", args=[cycle.year]))
    assert response.context["report"].draws == [stored]
    html = response.content.decode()
    assert "Methode: loting" in html
    assert str(stored.seed) in html


def test_district_page_queries_do_not_grow(
    client, coordinator, cycle, uitkeren, candidates, django_assert_max_num_queries
):
    client.force_login(coordinator)
    draw(client, cycle, uitkeren)
    client.get(page_url(cycle, uitkeren))
    with django_assert_max_num_queries(14) as small:
        client.get(page_url(cycle, uitkeren))
    baseline = len(small)  # read now: the next request resets Django's query log
    for n in range(10):
        District.objects.create(cycle=cycle, unit=uitkeren, name=f"Extra {n}", kind="decentraal")
    first = DistrictDraw.objects.get()
    draw(client, cycle, uitkeren, reason="Meer kandidaten.", current=first.pk)
    with django_assert_max_num_queries(baseline):
        response = client.get(page_url(cycle, uitkeren))
    assert len(response.context["candidates"]) == 14
