"""demo/people.py: the one place that creates the demo's business units and people, for every
scenario; an existing unit or user is left alone."""

from django.contrib.auth.hashers import check_password

from demo import audit, herstel
from demo.people import (
    DEMO_PASSWORD,
    PEOPLE,
    UNIT_NAMES,
    login_lines,
    login_of,
    people_get_or_create,
)
from uwvkms.constants import Role
from uwvkms.models import BusinessUnit, User


def test_every_scenario_takes_its_people_from_the_one_table():
    assert set(audit.PEOPLE) <= set(PEOPLE)
    assert set(herstel.PEOPLE) <= set(PEOPLE)
    assert set(audit.PEOPLE) | set(herstel.PEOPLE) == set(PEOPLE)
    assert {person.unit for person in PEOPLE.values()} <= set(UNIT_NAMES)
    boards = [p.unit for p in PEOPLE.values() if p.role == Role.DIRECTIE]
    assert sorted(boards) == sorted(UNIT_NAMES)  # one board member per unit


def test_people_are_created_once_with_their_unit_role_and_the_demo_password(db):
    people = people_get_or_create(["herstel.sbk", "fez.werkgroep"])
    sbk = User.objects.get(username="herstel.sbk")
    assert people["herstel.sbk"] == sbk
    assert sbk.business_unit.name == "SBK"
    # SBK in herstelacties is a role of its own (issue 19), not the unit's abbreviation.
    assert set(sbk.groups.values_list("name", flat=True)) == {
        Role.HERSTEL_ADVISEUR.value,
        Role.SBK.value,
    }
    assert check_password(DEMO_PASSWORD, sbk.password)
    assert not people["fez.werkgroep"].groups.exists()  # a working-group member, no role
    assert set(BusinessUnit.objects.values_list("name", flat=True)) == {"SBK", "FEZ"}

    User.objects.filter(username="herstel.sbk").update(first_name="Veranderd")
    again = people_get_or_create(["herstel.sbk", "herstel"])
    assert again["herstel.sbk"].first_name == "Veranderd"  # left as it is
    assert User.objects.count() == 3
    assert BusinessUnit.objects.count() == 3


def test_an_invited_account_has_no_password_yet(db):
    invited = people_get_or_create(["nieuw.adviseur"])["nieuw.adviseur"]
    assert invited.is_active and not invited.has_usable_password()


def test_the_printed_logins_name_the_password_role_and_unit():
    lines = login_lines([login_of("fez.werkgroep", "leest mee"), login_of("rvb")])
    assert lines[0] == f"  wachtwoord: {DEMO_PASSWORD}"
    assert lines[1].split() == ["fez.werkgroep", "werkgroeplid", "FEZ", "(leest", "mee)"]
    assert lines[2].split()[0] == "rvb"
    assert str(Role.RVB.label) in lines[2] and lines[2].endswith("Bestuurszaken")
