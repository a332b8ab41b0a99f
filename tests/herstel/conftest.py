"""A herstelactie led by Uitkeren to work in; the personas are in tests/conftest.py."""

import pytest

from herstel.services.working_group import working_group_member_add
from tests.herstel.flow import start


@pytest.fixture
def action(db, adviser):
    """A herstelactie led by Uitkeren, in step 1 with an empty advice."""
    return start(adviser)


@pytest.fixture
def wg_member(action, adviser, wg_user):
    """`wg_user`, recorded as a member of the working group of `action`: reads it."""
    working_group_member_add(
        actor=adviser, herstelactie=action, user=wg_user, role="Financieel adviseur"
    )
    return wg_user
