"""Reads of maturity scoring and calibration, one module per sub-domain. Other apps import from
here."""

from maturity.selectors.calibration import is_calibration_frozen
from maturity.selectors.framework import (
    FrameworkEntry,
    LevelDescriptor,
    framework_entry,
    framework_for,
    frameworks_of_cycle,
    level_descriptors,
)
from maturity.selectors.rollup import (
    EMPTY_ROLLUP,
    CalibrationRound,
    PrincipleFigures,
    PrincipleRollup,
    UnitYearMean,
    calibration_rounds,
    rollup_by_principle,
    rollup_by_year,
    rollup_of_earlier_cycles,
    unit_means_by_year,
)
from maturity.selectors.scores import (
    WorkItem,
    auditor_work,
    citable_documents,
    citable_interviews,
    ever_submitted,
    require_scoring_access,
    score_for,
    score_history,
    score_history_rows,
    score_lock_for,
    scores_of_unit,
)

__all__ = [
    "EMPTY_ROLLUP",
    "CalibrationRound",
    "PrincipleFigures",
    "PrincipleRollup",
    "calibration_rounds",
    "is_calibration_frozen",
    "rollup_by_year",
    "rollup_of_earlier_cycles",
    "unit_means_by_year",
    "UnitYearMean",
    "WorkItem",
    "auditor_work",
    "require_scoring_access",
    "rollup_by_principle",
    "score_for",
    "scores_of_unit",
    "score_history",
    "FrameworkEntry",
    "LevelDescriptor",
    "citable_documents",
    "citable_interviews",
    "ever_submitted",
    "framework_entry",
    "framework_for",
    "frameworks_of_cycle",
    "level_descriptors",
    "score_history_rows",
    "score_lock_for",
]
