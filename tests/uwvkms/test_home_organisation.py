"""An auditor's home organisation (BC&K or FEZ, issue 21 §6): the Beheerder sets it on the
Gebruikers pages, with history; nobody else can; the teams overview shows it."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from uwvkms.constants import HomeOrganisation
from uwvkms.models import AuditEvent
from uwvkms.users.services import user_create, user_update


def _edit_data(user, **extra):
    data = {
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "business_unit": user.business_unit_id or "",
        "home_organisation": user.home_organisation,
        "roles": ["Toetser"],
        "reason": "",
        "version": user.version,
    }
    data.update(extra)
    return data


def test_the_beheerder_sets_it_with_history(client, beheerder, auditor):
    client.force_login(beheerder)
    url = reverse("user_edit", args=[auditor.pk])
    assert "Thuisorganisatie (toetsers)" in client.get(url).content.decode()
    response = client.post(url, _edit_data(auditor, home_organisation="bck"), follow=True)
    assert response.status_code == 200
    auditor.refresh_from_db()
    assert auditor.home_organisation == HomeOrganisation.BCK
    event = AuditEvent.objects.filter(event="uwvkms.user.updated").latest("id")
    assert event.changes == {"home_organisation": ["", "bck"]}
    detail = client.get(reverse("user_detail", args=[auditor.pk])).content.decode()
    assert "BC&amp;K" in detail  # the detail, and the history reads the label
    assert "thuisorganisatie" in detail


def test_an_unknown_value_is_refused_and_nothing_changes(client, beheerder, auditor):
    client.force_login(beheerder)
    response = client.post(
        reverse("user_edit", args=[auditor.pk]), _edit_data(auditor, home_organisation="sbk")
    )
    assert response.status_code == 400
    auditor.refresh_from_db()
    assert auditor.home_organisation == ""
    with pytest.raises(ValidationError):
        user_update(
            actor=beheerder,
            user=auditor,
            expected_version=auditor.version,
            first_name="A",
            last_name="B",
            email=auditor.email,
            business_unit=auditor.business_unit,
            roles=["Toetser"],
            home_organisation="sbk",
        )


def test_a_new_account_gets_it(beheerder, fez):
    user = user_create(
        actor=beheerder,
        username="nieuw",
        first_name="Nina",
        last_name="Nieuw",
        email="nina@example.invalid",
        business_unit=fez,
        roles=["Toetser"],
        invite=False,
        home_organisation="fez",
    )
    assert user.home_organisation == HomeOrganisation.FEZ


def test_only_the_beheerder_sets_it(client, coordinator, auditor, outsider):
    for person in (coordinator, auditor, outsider):
        with pytest.raises(PermissionDenied):
            user_update(
                actor=person,
                user=auditor,
                expected_version=auditor.version,
                first_name=auditor.first_name,
                last_name=auditor.last_name,
                email=auditor.email,
                business_unit=auditor.business_unit,
                roles=["Toetser"],
                home_organisation="bck",
            )
        client.force_login(person)
        response = client.post(
            reverse("user_edit", args=[auditor.pk]), _edit_data(auditor, home_organisation="bck")
        )
        assert response.status_code == 403
    auditor.refresh_from_db()
    assert auditor.home_organisation == ""


def test_the_teams_overview_shows_and_counts_it(client, coordinator, auditor, cycle):
    auditor.home_organisation = HomeOrganisation.FEZ
    auditor.save(update_fields=["home_organisation"])
    client.force_login(coordinator)
    html = client.get(reverse("audits:cycle_teams", args=[cycle.year])).content.decode()
    assert "Het toetsteam telt 1 toetser: 0 van BC&amp;K en 1 van FEZ." in html
    assert "<td>FEZ</td>" in html
