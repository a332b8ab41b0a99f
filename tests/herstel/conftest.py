"""Personas of a herstelactie led by Uitkeren (see herstel/permissions.py for the mapping):

- `adviser`: Herstel-adviseur of Uitkeren (the lead division): edits steps 1–2, moves steps;
- `other_adviser`: Herstel-adviseur of Handhaving: may start actions, sees none of Uitkeren's;
- `sbk_adviser`: Herstel-adviseur of SBK: SZW contacts, the minister's note and answer;
- `dt_member`: Directie bedrijfsonderdeel of Uitkeren (DT of the lead division): records 2A;
- `other_dt`: Directie of Handhaving: sees nothing of Uitkeren's actions;
- `board_member` (tests/conftest.py): Raad van Bestuur: records 2B;
- `wg_member`: no role, recorded as a working-group member: reads;
- `outsider`, `auditor`, `coordinator` (tests/conftest.py) and `beheerder`: see nothing.
"""

import pytest

from tests.factories import BusinessUnitFactory, UserFactory
from tests.herstel.flow import start
from uwvkms.constants import Role


@pytest.fixture
def sbk(db):
    return BusinessUnitFactory(name="SBK", abbreviation="SBK")


@pytest.fixture
def handhaving(db):
    return BusinessUnitFactory(name="Handhaving", abbreviation="HH", execution=True)


@pytest.fixture
def adviser(db, uitkeren):
    return UserFactory(
        username="adviseur",
        first_name="Hester",
        last_name="Adviseur",
        business_unit=uitkeren,
        roles=[Role.HERSTEL_ADVISEUR],
    )


@pytest.fixture
def other_adviser(db, handhaving):
    return UserFactory(
        username="adviseur.hh", business_unit=handhaving, roles=[Role.HERSTEL_ADVISEUR]
    )


@pytest.fixture
def sbk_adviser(db, sbk):
    return UserFactory(
        username="adviseur.sbk",
        first_name="Sem",
        last_name="Beleid",
        business_unit=sbk,
        roles=[Role.HERSTEL_ADVISEUR],
    )


@pytest.fixture
def dt_member(db, uitkeren):
    return UserFactory(
        username="dt.uitkeren",
        first_name="Dirk",
        last_name="Directeur",
        business_unit=uitkeren,
        roles=[Role.DIRECTIE],
    )


@pytest.fixture
def other_dt(db, handhaving):
    return UserFactory(username="dt.handhaving", business_unit=handhaving, roles=[Role.DIRECTIE])


@pytest.fixture
def wg_user(db, fez):
    """A FEZ colleague without any role; becomes a member in `action`."""
    return UserFactory(
        username="werkgroep", first_name="Wim", last_name="Werkgroep", business_unit=fez
    )


@pytest.fixture
def beheerder(db, fez):
    return UserFactory(username="beheerder", business_unit=fez, roles=[Role.BEHEERDER])


@pytest.fixture
def action(db, adviser):
    """A herstelactie led by Uitkeren, in step 1 with an empty advice."""
    return start(adviser)


@pytest.fixture
def wg_member(action, adviser, wg_user):
    from herstel.services.working_group import working_group_member_add

    working_group_member_add(
        actor=adviser, herstelactie=action, user=wg_user, role="Financieel adviseur"
    )
    return wg_user
