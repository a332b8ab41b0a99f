"""Writes of maturity scoring and calibration, one module per sub-domain. Other apps import from
here."""

from maturity.services.blind import (
    blind_phase_close,
    blind_scoring_set,
    individual_score_record,
)
from maturity.services.calibration import (
    calibration_close,
    calibration_reopen,
    calibration_session_close,
    calibration_session_open,
    score_calibrate,
    score_reopen_for_auditor,
)
from maturity.services.framework import (
    framework_get_or_start,
    framework_update,
)
from maturity.services.scores import ScoreLocked, score_record

__all__ = [
    "ScoreLocked",
    "blind_phase_close",
    "blind_scoring_set",
    "calibration_close",
    "calibration_reopen",
    "calibration_session_close",
    "calibration_session_open",
    "framework_get_or_start",
    "framework_update",
    "individual_score_record",
    "score_calibrate",
    "score_record",
    "score_reopen_for_auditor",
]
