"""A user's roles, the facts other apps register (USER_FACTS) and their business unit come with
one query, the first time a role is asked: the navigation bar needs all three on every page."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import UserFactory
from uwvkms.constants import Role
from uwvkms.models import User


def test_roles_facts_and_unit_in_one_query(unit_board, uitkeren):
    user = User.objects.get(pk=unit_board.pk)
    with CaptureQueriesContext(connection) as ctx:
        assert user.has_role(Role.DIRECTIE)
        assert not user.has_role(Role.RVB)
        assert user.fact("awaiting_confirmation") == 0
        assert user.fact("herstel_member") is not None
        assert user.business_unit == uitkeren
        assert user.business_unit.abbreviation == "UIT"
    assert len(ctx.captured_queries) == 1


def test_a_user_without_unit_or_roles(db):
    user = User.objects.get(pk=UserFactory(business_unit=None).pk)
    with CaptureQueriesContext(connection) as ctx:
        assert not user.has_role(Role.TOETSER)
        assert user.business_unit is None
    assert len(ctx.captured_queries) == 1


def test_the_unit_read_first_stays(unit_board, uitkeren):
    """A unit loaded before the roles is kept, not replaced."""
    user = User.objects.select_related("business_unit").get(pk=unit_board.pk)
    unit = user.business_unit
    assert user.has_role(Role.DIRECTIE)
    assert user.business_unit is unit
