"""Writes of maturity scoring and calibration, one module per sub-domain. Other apps import from
here."""

from maturity.services.calibration import (
    CalibrationConflict,
    calibration_close,
    calibration_reopen,
    calibration_session_close,
    calibration_session_open,
    score_calibrate,
    score_reopen_for_auditor,
)
from maturity.services.scores import ScoreConflict, score_record

__all__ = [
    "CalibrationConflict",
    "ScoreConflict",
    "calibration_close",
    "calibration_reopen",
    "calibration_session_close",
    "calibration_session_open",
    "score_calibrate",
    "score_record",
    "score_reopen_for_auditor",
]
