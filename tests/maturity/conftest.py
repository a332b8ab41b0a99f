"""Fixtures shared by the calibration tests: the test cycle in calibration, and its first
round open with the auditor and the coordinator."""

import datetime

import pytest

from audits.models import AuditCycle
from audits.services import assignment_create
from maturity.services import blind_scoring_set, calibration_session_open
from tests.factories import UserFactory
from uwvkms.constants import Role


@pytest.fixture
def calibrating(cycle):
    AuditCycle.objects.filter(pk=cycle.pk).update(status="kalibratie")
    cycle.refresh_from_db()
    return cycle


@pytest.fixture
def session(calibrating, coordinator, auditor):
    return calibration_session_open(
        actor=coordinator,
        cycle=calibrating,
        held_on=datetime.date(2031, 11, 4),
        participants=[auditor, coordinator],
    )


# --- Blind scoring (issue 21 part 2) -------------------------------------------------------------


@pytest.fixture
def blind_cycle(cycle, coordinator):
    """The test cycle (fieldwork; `auditor` leads Uitkeren's team) with blind scoring on."""
    blind_scoring_set(actor=coordinator, cycle=cycle, enabled=True, expected_version=0)
    return cycle


@pytest.fixture
def colleague(blind_cycle, coordinator, uitkeren, fez):
    """The second auditor on Uitkeren's team (not its lead)."""
    user = UserFactory(
        username="colleague",
        first_name="Bram",
        last_name="Collega",
        business_unit=fez,
        roles=[Role.TOETSER],
    )
    assignment_create(actor=coordinator, cycle=blind_cycle, unit=uitkeren, auditor=user)
    return user
