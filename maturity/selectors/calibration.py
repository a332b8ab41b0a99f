"""Reads of calibration."""

from audits.models import AuditCycle
from maturity.models import CalibrationClosure


def is_calibration_frozen(cycle: AuditCycle) -> bool:
    """Whether calibration of `cycle` is closed: its scores are frozen until reopened."""
    return CalibrationClosure.objects.filter(cycle=cycle, reopened_at__isnull=True).exists()
