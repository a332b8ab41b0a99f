"""tests/shared_data.py: a module's shared data is built once, each test still runs in a
transaction of its own, and each test is handed copies of its own."""

import collections

import pytest

from tests import conftest
from tests.factories import UserFactory
from tests.shared_data import fresh_copy, shared_fixtures
from uwvkms.models import User

# Every test here on the database: a session selecting only a test without it sets none up.
pytestmark = pytest.mark.django_db

BUILDS: list[int] = []
HANDED: list[User] = []


@pytest.fixture
def counted(db, fez):
    BUILDS.append(1)
    return {"user": UserFactory(username="gedeeld", business_unit=fez), "label": "vast"}


globals().update(shared_fixtures(conftest.fez, counted))


@pytest.fixture
def needs_a_unit(db, uitkeren):
    return uitkeren


def test_a_test_changes_what_it_was_handed(counted):
    user = counted["user"]
    user.first_name = "Gewijzigd"
    user.save()
    UserFactory(username="alleen-in-deze-test")
    HANDED.append(user)


def test_the_next_test_sees_the_build_as_it_was(counted, fez):
    user = counted["user"]
    # (Run alone, this test has no earlier test to compare with; in the module it has.)
    assert all(user is not handed for handed in HANDED)
    assert user.first_name != "Gewijzigd"
    assert User.objects.get(pk=user.pk).first_name != "Gewijzigd"
    assert not User.objects.filter(username="alleen-in-deze-test").exists()
    assert counted["label"] == "vast"
    assert user.business_unit == fez


def test_the_build_ran_once_for_the_module(counted):
    assert BUILDS == [1]


def test_a_shared_fixture_needs_its_dependencies_shared():
    with pytest.raises(ValueError, match="uitkeren"):
        shared_fixtures(needs_a_unit)


def test_a_fresh_copy_reads_every_instance_again(fez):
    value = {"units": [fez], "pair": (fez, 1), "text": "x"}
    copy = fresh_copy(value)
    assert copy["units"][0] == fez and copy["units"][0] is not fez
    assert copy["pair"][1] == 1 and copy["pair"][0] is not fez
    assert copy["text"] == "x"


def test_a_fixture_that_yields_is_not_shared():
    @pytest.fixture
    def yielding(db):
        yield 1

    with pytest.raises(ValueError, match="yields"):
        shared_fixtures(yielding)


def test_a_fresh_copy_of_a_named_tuple_and_a_set(fez):
    pair = collections.namedtuple("Pair", "unit number")(fez, 2)
    copy = fresh_copy({"pair": pair, "units": {fez}})
    assert copy["pair"].number == 2 and copy["pair"].unit == fez
    assert copy["pair"].unit is not fez
    assert copy["units"] == {fez} and next(iter(copy["units"])) is not fez
