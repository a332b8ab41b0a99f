"""Directie Communicatie in herstelacties is a role the Beheerder assigns (issue 20): it grants
reading every action (not the central overview or the figures), setting the issue status and
designating the issuemanager; the issuemanager must hold it, so losing the role ends it. The
Beheerder assigns it on the Gebruikers pages like SBK (herstel) and FEZ (herstel)."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.http import Http404
from django.urls import reverse

from herstel.constants import Capacity
from herstel.permissions import is_communicatie, reads_every_action, sees_every_action
from herstel.selectors.actions import herstelactie_get_for_user, herstelacties_for_user
from tests.herstel.flow import make_issue
from uwvkms.constants import Role
from uwvkms.models import User

role_migration = importlib.import_module("uwvkms.migrations.0010_communicatie_role")


def fresh(user) -> User:
    return User.objects.get(pk=user.pk)  # the roles cache is per instance


def test_the_role_reads_every_action_not_the_figures(client, communicatie_user, action):
    assert is_communicatie(communicatie_user) and reads_every_action(communicatie_user)
    assert not sees_every_action(communicatie_user)  # the overview and the figures are not theirs
    assert list(herstelacties_for_user(communicatie_user)) == [action]
    client.force_login(communicatie_user)
    assert client.get(reverse("herstel:list")).status_code == 200
    assert client.get(action.get_absolute_url()).status_code == 200
    assert client.get(reverse("herstel:overview")).status_code == 403
    access = herstelactie_get_for_user(user=communicatie_user, pk=action.pk)
    assert access.capacities == {Capacity.COMMUNICATIE}


def test_losing_the_role_ends_the_issuemanagership(communicatie_user, issuemanager, action):
    make_issue(action, communicatie_user, issuemanager)
    access = herstelactie_get_for_user(user=issuemanager, pk=action.pk)
    assert access.capacities == {Capacity.COMMUNICATIE, Capacity.ISSUEMANAGER}
    issuemanager.groups.remove(Group.objects.get(name=Role.COMMUNICATIE.value))
    with pytest.raises(Http404):  # nothing left that lets them see the action
        herstelactie_get_for_user(user=fresh(issuemanager), pk=action.pk)


def test_a_deactivated_holder_sees_nothing(communicatie_user, action):
    User.objects.filter(pk=communicatie_user.pk).update(is_active=False)
    assert not herstelacties_for_user(fresh(communicatie_user)).exists()


def test_the_beheerder_assigns_the_role(client, beheerder, wg_user):
    client.force_login(beheerder)
    page = client.get(reverse("user_edit", args=[wg_user.pk])).content.decode()
    assert "Communicatie (herstel)" in page


def test_the_migration_creates_the_group_and_removes_it_going_back(db):
    Group.objects.filter(name=Role.COMMUNICATIE.value).delete()
    role_migration.create_role(apps, None)
    assert Group.objects.filter(name=Role.COMMUNICATIE.value).exists()
    role_migration.remove_role(apps, None)
    assert not Group.objects.filter(name=Role.COMMUNICATIE.value).exists()
