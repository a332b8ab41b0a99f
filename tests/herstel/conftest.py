"""A herstelactie led by Uitkeren to work in; the personas are in tests/conftest.py."""

import pytest

from herstel.services.working_group import working_group_member_add
from tests.herstel.flow import go, start, to_execution
from tests.herstel.improvements import build_improvement_data


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


@pytest.fixture
def executing(action, adviser, dt_member, board_member):
    """`action` in step 3 (DT path) with a "go": dossier work may start."""
    to_execution(action, adviser, dt_member, board_member)
    go(action, adviser)
    action.refresh_from_db()
    return action


# --- Improvement actions per business unit (audit follow-up and control measures together) ------


@pytest.fixture
def improvement_data(cycle, uitkeren, action, adviser, other_adviser, dt_member, board_member):
    """Uitkeren's improvement actions of both kinds (see tests/herstel/improvements.py)."""
    return build_improvement_data(
        cycle=cycle,
        unit=uitkeren,
        action=action,
        adviser=adviser,
        other_adviser=other_adviser,
        dt_member=dt_member,
        board_member=board_member,
    )
