"""The team matrix (issue 17): every team set in one save, the independence and one-lead rules
checked for the whole page, every breach named, nothing saved on refusal, all typed given back."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.html import escape

from audits.models import Assignment, AuditCycle
from audits.services.teams import TeamRulesBroken, team_matrix_save
from tests.factories import BusinessUnitFactory, UserFactory
from uwvkms.constants import Role
from uwvkms.models import AuditEvent


def field(unit, auditor) -> str:
    return f"role_{unit.pk}_{auditor.pk}"


def page_data(client, url) -> dict:
    """Every select of the page as it stands (the initial choice of each), and the digest of
    the teams shown, as the browser sends them."""
    response = client.get(url)
    form = response.context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data["seen"] = response.context["matrix"].seen
    assert f'name="seen" value="{data["seen"]}"' in response.content.decode()
    return data


@pytest.fixture
def url(cycle):
    return reverse("audits:team_matrix", args=[cycle.year])


def test_the_page_is_a_labelled_table_of_units_and_auditors(
    client, coordinator, cycle, url, auditor, other_auditor, uitkeren
):
    client.force_login(coordinator)
    page = client.get(url).content.decode()
    assert '<th scope="col">' in page and '<th scope="row">Uitkeren</th>' in page
    label = (
        f'for="id_{field(uitkeren, other_auditor)}">Rol van {escape(other_auditor)} bij Uitkeren'
    )
    assert label in page
    assert "eigen onderdeel" in page  # the Communicatie auditor at Communicatie
    assert "Toetsteams opslaan" in page


def test_many_changes_in_one_save(
    client, coordinator, cycle, url, auditor, other_auditor, uitkeren, communicatie, fez
):
    client.force_login(coordinator)
    data = page_data(client, url)
    data[field(uitkeren, auditor)] = "member"  # was lead
    data[field(uitkeren, other_auditor)] = "lead"  # new
    data[field(communicatie, auditor)] = ""  # off the team
    data[field(fez, other_auditor)] = "lead"  # new team
    response = client.post(url, data)
    assert response.status_code == 302
    teams = set(Assignment.objects.filter(cycle=cycle).values_list("unit", "auditor", "is_lead"))
    assert teams == {
        (uitkeren.pk, auditor.pk, False),
        (uitkeren.pk, other_auditor.pk, True),
        (fez.pk, other_auditor.pk, True),
    }
    events = AuditEvent.objects.filter(event__startswith="audits.assignment.")
    assert sorted(e.event for e in events) == sorted(
        ["audits.assignment.created"] * 4  # the fixture's two, and two now
        + ["audits.assignment.lead_changed", "audits.assignment.removed"]
    )


def test_every_breach_is_named_and_nothing_saved_and_all_given_back(
    client, coordinator, cycle, url, auditor, other_auditor, uitkeren, communicatie, fez
):
    client.force_login(coordinator)
    before = set(Assignment.objects.values_list("unit", "auditor", "is_lead"))
    data = page_data(client, url)
    data[field(uitkeren, other_auditor)] = "lead"  # a second lead at Uitkeren
    data[field(communicatie, other_auditor)] = "member"  # their own unit
    data[field(fez, other_auditor)] = "member"  # a team without a lead
    response = client.post(url, data)
    assert response.status_code == 400
    page = response.content.decode()
    leads = ", ".join(
        escape(a) for a in sorted([auditor, other_auditor], key=lambda u: u.last_name)
    )
    assert f"Uitkeren heeft meer dan één lead ({leads})" in page
    assert f"{escape(other_auditor)} hoort zelf bij Communicatie" in page
    assert "Het toetsteam van FEZ heeft geen lead" in page
    assert page.count("regel overtreden") == 4  # both Uitkeren leads, the own unit, FEZ member
    form = response.context["form"]
    assert form[field(uitkeren, other_auditor)].value() == "lead"
    assert form[field(fez, other_auditor)].value() == "member"
    assert set(Assignment.objects.values_list("unit", "auditor", "is_lead")) == before


def test_a_change_made_meanwhile_to_another_cell_is_kept(
    client, coordinator, cycle, url, auditor, other_auditor, uitkeren, fez
):
    """Two coordinators on the matrix: the second save changes only the cells its user
    changed, and keeps what the first saved meanwhile (it silently reverted it)."""
    client.force_login(coordinator)
    data = page_data(client, url)
    team_matrix_save(actor=coordinator, cycle=cycle, roles={(fez.pk, other_auditor.pk): "lead"})
    data[field(uitkeren, other_auditor)] = "member"
    assert client.post(url, data).status_code == 302
    assert Assignment.objects.filter(unit=uitkeren, auditor=other_auditor, is_lead=False).exists()
    assert Assignment.objects.filter(unit=fez, auditor=other_auditor, is_lead=True).exists()


def test_a_cell_both_changed_is_refused_named_and_given_back(
    client, coordinator, cycle, url, auditor, other_auditor, uitkeren, fez
):
    client.force_login(coordinator)
    data = page_data(client, url)
    team_matrix_save(
        actor=coordinator, cycle=cycle, roles={(uitkeren.pk, other_auditor.pk): "member"}
    )
    data[field(uitkeren, other_auditor)] = "lead"  # the lead passes to them
    data[field(uitkeren, auditor)] = "member"
    response = client.post(url, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "intussen door iemand anders gewijzigd" in html
    assert f"Intussen gewijzigd: {escape(str(other_auditor))} bij Uitkeren (nu Toetser)." in html
    form = response.context["form"]
    assert form[field(uitkeren, other_auditor)].value() == "lead"  # the user's choices, kept
    assert form[field(uitkeren, auditor)].value() == "member"
    assert Assignment.objects.get(unit=uitkeren, is_lead=True).auditor == auditor
    # The page now holds the teams as they are: a second save applies the user's choices.
    data["seen"] = response.context["form"]["seen"].value()
    again = client.post(url, data)
    assert again.status_code == 302, again.context["form"].errors
    assert Assignment.objects.get(unit=uitkeren, is_lead=True).auditor == other_auditor


def test_the_page_names_what_breaks_the_rules_now(client, coordinator, cycle, url, fez):
    Assignment.objects.create(
        cycle=cycle,
        unit=fez,
        auditor=UserFactory(business_unit=BusinessUnitFactory(), roles=[Role.TOETSER]),
        assigned_by=coordinator,
    )
    client.force_login(coordinator)
    assert "Het toetsteam van FEZ heeft geen lead" in client.get(url).content.decode()


@pytest.mark.parametrize(
    ("auditor_name", "role", "message"),
    [
        ("board_member", "member", "Alleen toetsers"),
        ("auditor", "chef", "Kies per cel"),
    ],
)
def test_refused_cells(request, coordinator, cycle, uitkeren, auditor_name, role, message):
    auditor = request.getfixturevalue(auditor_name)
    with pytest.raises(ValidationError, match=message):
        team_matrix_save(actor=coordinator, cycle=cycle, roles={(uitkeren.pk, auditor.pk): role})


def test_the_service_names_the_breaches(coordinator, cycle, other_auditor, communicatie):
    with pytest.raises(TeamRulesBroken) as refused:
        team_matrix_save(
            actor=coordinator, cycle=cycle, roles={(communicatie.pk, other_auditor.pk): "member"}
        )
    assert [v.kind for v in refused.value.violations] == ["own_unit"]


@pytest.mark.parametrize("persona", ["auditor", "other_auditor", "board_member", "outsider"])
def test_only_the_coordination_team(client, request, persona, cycle, url, other_auditor, uitkeren):
    user = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        team_matrix_save(actor=user, cycle=cycle, roles={(uitkeren.pk, other_auditor.pk): "lead"})
    client.force_login(user)
    assert client.get(url).status_code == 403
    assert client.post(url, {field(uitkeren, other_auditor): "member"}).status_code == 403
    assert not Assignment.objects.filter(auditor=other_auditor).exists()


def test_teams_are_fixed_once_fieldwork_is_closed(
    client, coordinator, cycle, url, other_auditor, uitkeren
):
    AuditCycle.objects.filter(pk=cycle.pk).update(status="kalibratie")
    client.force_login(coordinator)
    page = client.get(url).content.decode()
    assert "Toetsteams opslaan" not in page
    assert "kunnen niet meer worden gewijzigd" in page
    response = client.post(url, {field(uitkeren, other_auditor): "member"})
    assert response.status_code == 400
    assert not Assignment.objects.filter(auditor=other_auditor).exists()


def test_a_withdrawn_cycle_has_no_matrix(client, coordinator, cycle, url):
    AuditCycle.objects.filter(pk=cycle.pk).update(
        status="voorbereiding",
        withdrawn_at="2031-01-01T00:00:00Z",
        withdrawn_by=coordinator,
        withdrawal_reason="Per ongeluk.",
    )
    client.force_login(coordinator)
    assert client.get(url).status_code == 404


def test_the_page_queries_do_not_grow_with_units_and_auditors(
    client, coordinator, cycle, url, django_assert_max_num_queries
):
    client.force_login(coordinator)
    client.get(url)
    with django_assert_max_num_queries(14):
        assert client.get(url).status_code == 200
    for _ in range(4):
        unit = BusinessUnitFactory()
        Assignment.objects.create(
            cycle=cycle,
            unit=unit,
            auditor=UserFactory(business_unit=BusinessUnitFactory(), roles=[Role.TOETSER]),
            is_lead=True,
            assigned_by=coordinator,
        )
    with django_assert_max_num_queries(14):
        response = client.get(url)
    assert len(response.context["rows"]) == 7


def test_a_post_without_what_was_seen_compares_with_the_teams_as_they_are(
    client, coordinator, cycle, url, auditor, communicatie
):
    """A script or an old page that sends no `seen`: a cleared cell still takes the auditor
    off, and an untouched one is no conflict."""
    client.force_login(coordinator)
    data = page_data(client, url)
    del data["seen"]
    data[field(communicatie, auditor)] = ""
    response = client.post(url, data)
    assert response.status_code == 302
    assert not Assignment.objects.filter(unit=communicatie, auditor=auditor).exists()
