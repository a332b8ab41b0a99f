"""Personas per role and a small cycle to work in.

The cycle (2031) has Klantgerichtheid and Operationele Kwaliteit in scope (and not Basic
Kwaliteitsmanagement, see tests/maturity/test_basic_km.py); `uitkeren` has
execution processes (both principles assessed), `communicatie` has not (Operationele Kwaliteit
absent there). `auditor` (from FEZ) is assigned to both units; `other_auditor` to neither.

Herstelacties (herstel/permissions.py maps these onto roles): `adviser` is a Herstel-adviseur of
Uitkeren, `other_adviser` one of Handhaving, `sbk_adviser` one of SBK holding the role SBK
(herstel); `dt_member` sits on the
board (DT) of Uitkeren, `other_dt` on that of Handhaving; `board_member` is the RvB; `wg_user`
has no role (tests make them a working-group member); `beheerder` is the functional admin;
`fez_adviser` is a Herstel-adviseur of FEZ with the role FEZ (herstel), who reads the financial figures of every action.
"""

import io
import sys

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.backends.base.operations import BaseDatabaseOperations
from django.test import override_settings

from audits.constants import CycleStatus
from audits.models import AuditCycle
from audits.services import assignment_create, cycle_open
from tests.audits.requests_world import (  # noqa: F401 (fixtures of issue 21 §1)
    evidence_request,
    jaarplan_type,
    other_qc,
    qc,
    qc_user,
)
from tests.clamd import clamd_socket, scanner_down, scanning  # noqa: F401 (fixtures)
from tests.factories import BusinessUnitFactory, UserFactory, principle
from uwvkms.constants import Role
from uwvkms.eventlog import flush_sql


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
    for unit in (uitkeren, communicatie):
        assignment_create(actor=coordinator, cycle=cycle, unit=unit, auditor=auditor, is_lead=True)
    # Straight into fieldwork, not through the guarded move: FEZ stays in scope without a team
    # (tests read that), which `cycle_advance` would refuse (tests/audits/test_cycle_advance.py).
    AuditCycle.objects.filter(pk=cycle.pk).update(status=CycleStatus.VELDWERK)
    cycle.refresh_from_db()
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
        roles=[Role.HERSTEL_ADVISEUR, Role.SBK],
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


@pytest.fixture
def fez_adviser(db, fez):
    return UserFactory(
        username="adviseur.fez",
        first_name="Femke",
        last_name="Financiën",
        business_unit=fez,
        roles=[Role.HERSTEL_ADVISEUR, Role.FEZ],
    )


@pytest.fixture
def communicatie_user(db, communicatie):
    """Directie Communicatie in herstelacties (issue 20): reads every action, declares the issue
    status and designates the issuemanager."""
    return UserFactory(
        username="communicatie",
        first_name="Cora",
        last_name="Communicatie",
        business_unit=communicatie,
        roles=[Role.COMMUNICATIE],
    )


@pytest.fixture
def issuemanager(db, communicatie):
    """A second holder of the Communicatie role, designated issuemanager in the tests."""
    return UserFactory(
        username="issuemanager",
        first_name="Ilse",
        last_name="Issue",
        business_unit=communicatie,
        roles=[Role.COMMUNICATIE],
    )


# --- The append-only event log and the transactional tests' flush -------------------------------

_execute_sql_flush = BaseDatabaseOperations.execute_sql_flush


def _execute_sql_flush_with_permit(self, sql_list):
    # A transactional test flushes every table afterwards; on SQLite that is a DELETE, which the
    # event log's trigger refuses (uwvkms.eventlog): the test database's flush holds the permit.
    return _execute_sql_flush(self, flush_sql(self.connection, list(sql_list)))


BaseDatabaseOperations.execute_sql_flush = _execute_sql_flush_with_permit


# --- The demo, loaded once ----------------------------------------------------------------------

_SHARED_DEMO: dict = {}


@pytest.fixture(scope="session")
def demo_data(django_db_setup, django_db_blocker):
    """`manage.py loaddemo`, loaded once per test session for the tests that only read it (about
    five seconds a load). It lives in a transaction around those tests, each of which still runs in
    its own savepoint. The tests that use it run together, right after the other tests on the
    database and before the transactional ones (`pytest_collection_modifyitems`), and the
    transaction is rolled back after the last of them (`pytest_runtest_teardown`): no other test
    sees the demo, and none flushed the database before it was loaded."""
    with django_db_blocker.unblock(), override_settings(DEBUG=True):
        outer = transaction.atomic()
        outer._from_testcase = True  # as Django's own test transactions: durable blocks nest
        outer.__enter__()
        try:
            call_command("loaddemo", stdout=io.StringIO())
        except BaseException:
            outer.__exit__(*sys.exc_info())
            raise
    _SHARED_DEMO.update(outer=outer, blocker=django_db_blocker)
    yield
    _shared_demo_roll_back()


@pytest.fixture(scope="module")
def module_db(django_db_setup, django_db_blocker):
    """A transaction around one module's tests, for the data that module builds once
    (tests/shared_data.py); rolled back after the module's last test. Yields the blocker, which
    the builds unblock: module fixtures run before a test's own `db`."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer._from_testcase = True  # as Django's own test transactions: durable blocks nest
        outer.__enter__()
    yield django_db_blocker
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


def _shared_demo_roll_back() -> None:
    outer = _SHARED_DEMO.pop("outer", None)
    if outer is not None:
        with _SHARED_DEMO["blocker"].unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
        _SHARED_DEMO["rolled_back"] = True


def _uses_shared_demo(item) -> bool:
    return "demo_data" in getattr(item, "fixturenames", ())


def _transactional(item) -> bool:
    """A test that commits (and flushes the database afterwards) or runs a live server."""
    names = getattr(item, "fixturenames", ())
    marker = item.get_closest_marker("django_db")
    transactional = "transactional_db" in names or "live_server" in names
    if marker is not None:
        transactional |= bool(
            marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")
        )
    return transactional


def _plain_db(item) -> bool:
    """A test on the database in a transaction of its own (not flushing, no live server)."""
    names = getattr(item, "fixturenames", ())
    marker = item.get_closest_marker("django_db")
    return not _transactional(item) and ("db" in names or marker is not None)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_collection_modifyitems(items):
    """The tests on the shared demo run together, right after the last plain database test. A
    wrapper of this conftest runs outermost, so this comes after every plugin's reordering
    (pytest-django's, `--ff`/`--nf`), which would otherwise split the group."""
    result = yield
    demo = [item for item in items if _uses_shared_demo(item)]
    others = [item for item in items if not _uses_shared_demo(item)]
    at = max((i + 1 for i, item in enumerate(others) if _plain_db(item)), default=0)
    items[:] = others[:at] + demo + others[at:]
    return result


def pytest_runtest_setup(item):
    if _uses_shared_demo(item) and _SHARED_DEMO.get("rolled_back"):
        pytest.fail("The shared demo was rolled back already: its tests must run together.")
    if "module_db" in getattr(item, "fixturenames", ()) and (
        not _plain_db(item) or _uses_shared_demo(item)
    ):
        # Such a test would commit inside the module's transaction and flush its data, or run
        # apart from its module's tests (pytest-django moves tests without the database, and
        # transactional ones, to the end): tests/shared_data.py.
        pytest.fail(
            "A module with shared data holds only plain database tests (no transactional, demo "
            "or database-less ones; pytestmark = pytest.mark.django_db for the latter)."
        )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    # After the test's own teardown (its savepoint rolled back), even when that teardown fails:
    # the demo never outlives its group.
    try:
        return (yield)
    finally:
        if _uses_shared_demo(item) and (nextitem is None or not _uses_shared_demo(nextitem)):
            _shared_demo_roll_back()


# Every persona above with the units they belong to, in an order that builds each after what it
# needs: what a matrix module shares with `tests/shared_data.shared_fixtures(*SHARED_CAST, ...)`.
SHARED_CAST = (
    uitkeren,
    handhaving,
    sbk,
    fez,
    communicatie,
    adviser,
    other_adviser,
    sbk_adviser,
    fez_adviser,
    dt_member,
    other_dt,
    board_member,
    wg_user,
    outsider,
    auditor,
    coordinator,
    beheerder,
    communicatie_user,
    issuemanager,
)
