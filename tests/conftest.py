"""Personas per role and a small cycle to work in.

The cycle (2031) has Klantgerichtheid and Operationele Kwaliteit in scope (and not Basic
Kwaliteitsmanagement, see tests/maturity/test_basic_km.py); `uitkeren` has
execution processes (both principles assessed), `communicatie` has not (Operationele Kwaliteit
absent there). `auditor` (from FEZ) is assigned to both units; `other_auditor` to neither.

Herstelacties (herstel/permissions.py maps these onto roles): `adviser` is a Herstel-adviseur of
Uitkeren, `other_adviser` one of Handhaving, `sbk_adviser` one of SBK; `dt_member` sits on the
board (DT) of Uitkeren, `other_dt` on that of Handhaving; `board_member` is the RvB; `wg_user`
has no role (tests make them a working-group member); `beheerder` is the functional admin.
"""

import pytest

from audits.services import assignment_create, cycle_advance, cycle_open
from tests.factories import BusinessUnitFactory, UserFactory, principle
from uwvkms.constants import Role


@pytest.fixture
def uitkeren(db):
    return BusinessUnitFactory(name="Uitkeren", abbreviation="UIT", execution=True)


@pytest.fixture
def communicatie(db):
    return BusinessUnitFactory(name="Communicatie", abbreviation="COM")


@pytest.fixture
def fez(db):
    return BusinessUnitFactory(name="FEZ", abbreviation="FEZ")


@pytest.fixture
def coordinator(db, fez):
    return UserFactory(username="coordinator", business_unit=fez, roles=[Role.COORDINATIETEAM])


@pytest.fixture
def auditor(db, fez):
    return UserFactory(
        username="auditor",
        first_name="Anouk",
        last_name="Toetser",
        business_unit=fez,
        roles=[Role.TOETSER],
    )


@pytest.fixture
def other_auditor(db, communicatie):
    return UserFactory(username="other_auditor", business_unit=communicatie, roles=[Role.TOETSER])


@pytest.fixture
def board_member(db):
    return UserFactory(username="rvb", roles=[Role.RVB])


@pytest.fixture
def unit_board(db, uitkeren):
    return UserFactory(username="directie", business_unit=uitkeren, roles=[Role.DIRECTIE])


@pytest.fixture
def outsider(db, fez):
    """Logged in, but without any role."""
    return UserFactory(username="outsider", business_unit=fez)


@pytest.fixture
def cycle(db, coordinator, uitkeren, communicatie, fez, auditor):
    cycle = cycle_open(
        actor=coordinator,
        year=2031,
        principles=[principle("klantgerichtheid"), principle("operationele-kwaliteit")],
        include_basic=False,
    )
    cycle = cycle_advance(actor=coordinator, cycle=cycle, expected_status="voorbereiding")
    for unit in (uitkeren, communicatie):
        assignment_create(actor=coordinator, cycle=cycle, unit=unit, auditor=auditor, is_lead=True)
    return cycle


# --- Herstelacties ------------------------------------------------------------------------------


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
    """A FEZ colleague without any role."""
    return UserFactory(
        username="werkgroep", first_name="Wim", last_name="Werkgroep", business_unit=fez
    )


@pytest.fixture
def beheerder(db, fez):
    return UserFactory(username="beheerder", business_unit=fez, roles=[Role.BEHEERDER])
