"""SBK and FEZ in herstelacties are roles the Beheerder assigns (issue 19 §2), no longer derived
from the abbreviation of a user's business unit: renaming a unit to "SBK" or "FEZ" grants
nothing, holding the role grants its rights whatever the unit, and migration uwvkms 0007 gave
the roles to the Herstel-adviseurs of SBK and FEZ of the time, so nothing changed for them."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.urls import reverse

from herstel.notifications import sbk_advisers
from herstel.permissions import is_fez_adviser, is_sbk_adviser, sees_every_action
from tests.factories import BusinessUnitFactory, UserFactory
from uwvkms.constants import Role
from uwvkms.models import BusinessUnit, User

capacity_migration = importlib.import_module("uwvkms.migrations.0008_capacity_roles")


def fresh(user) -> User:
    return User.objects.get(pk=user.pk)  # the roles cache is per instance


@pytest.mark.parametrize("abbreviation", ["SBK", "FEZ", "sbk"])
def test_renaming_a_unit_to_sbk_or_fez_grants_nothing(client, action, other_adviser, abbreviation):
    BusinessUnit.objects.filter(pk=other_adviser.business_unit_id).update(
        name=abbreviation, abbreviation=abbreviation
    )
    adviser = fresh(other_adviser)
    assert not is_sbk_adviser(adviser) and not is_fez_adviser(adviser)
    assert not sees_every_action(adviser)
    client.force_login(adviser)
    assert client.get(action.get_absolute_url()).status_code == 404
    assert client.get(reverse("herstel:overview")).status_code == 403
    assert adviser not in sbk_advisers()


def test_the_sbk_role_grants_reading_every_action_whatever_the_unit(client, action, other_adviser):
    other_adviser.groups.add(Group.objects.get(name=Role.SBK.value))
    adviser = fresh(other_adviser)  # of Handhaving; the action is Uitkeren's
    assert is_sbk_adviser(adviser) and sees_every_action(adviser)
    client.force_login(adviser)
    assert client.get(action.get_absolute_url()).status_code == 200
    assert client.get(reverse("herstel:sbk_overview")).status_code == 200
    assert list(sbk_advisers()) == [adviser]


def test_the_fez_role_grants_the_overview_not_the_actions(client, action, wg_user):
    wg_user.groups.add(Group.objects.get(name=Role.FEZ.value))
    fez = fresh(wg_user)
    assert is_fez_adviser(fez) and not sees_every_action(fez)
    client.force_login(fez)
    assert client.get(reverse("herstel:overview")).status_code == 200
    assert client.get(action.get_absolute_url()).status_code == 404


def test_a_deactivated_holder_holds_nothing(sbk_adviser):
    User.objects.filter(pk=sbk_adviser.pk).update(is_active=False)
    assert not is_sbk_adviser(fresh(sbk_adviser))
    assert list(sbk_advisers()) == []


def test_the_migration_gives_the_roles_to_the_advisers_of_sbk_and_fez(db, sbk, fez, uitkeren):
    def adviser(name, unit):
        return UserFactory(username=name, business_unit=unit, roles=[Role.HERSTEL_ADVISEUR])

    of_sbk, of_fez, of_uitkeren = (
        adviser("a.sbk", sbk),
        adviser("a.fez", fez),
        adviser("a.uit", uitkeren),
    )
    board_of_sbk = UserFactory(username="d.sbk", business_unit=sbk, roles=[Role.DIRECTIE])
    lowercase = adviser("a.sbk2", BusinessUnitFactory(name="Oud SBK", abbreviation="sbk-oud"))
    Group.objects.filter(name__in=[Role.SBK.value, Role.FEZ.value]).delete()

    capacity_migration.assign_capacities(apps, None)

    def roles(user):
        return set(fresh(user).groups.values_list("name", flat=True))

    assert roles(of_sbk) == {"Herstel-adviseur", "SBK (herstel)"}
    assert roles(of_fez) == {"Herstel-adviseur", "FEZ (herstel)"}
    assert roles(of_uitkeren) == {"Herstel-adviseur"}
    assert roles(board_of_sbk) == {"Directie bedrijfsonderdeel"}  # not an adviser
    assert roles(lowercase) == {"Herstel-adviseur"}  # another abbreviation
    capacity_migration.assign_capacities(apps, None)  # twice changes nothing
    assert roles(of_sbk) == {"Herstel-adviseur", "SBK (herstel)"}
