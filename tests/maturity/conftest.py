"""Fixtures shared by the calibration tests: the test cycle in calibration, and its first
round open with the auditor and the coordinator."""

import datetime

import pytest

from audits.models import AuditCycle
from maturity.services import calibration_session_open


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
