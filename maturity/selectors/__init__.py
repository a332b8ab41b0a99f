"""Reads of maturity scoring and calibration, one module per sub-domain. Other apps import from
here."""

from maturity.selectors.rollup import PrincipleFigures, rollup_by_principle
from maturity.selectors.scores import (
    WorkItem,
    auditor_work,
    require_scoring_access,
    score_for,
    score_history,
)

__all__ = [
    "PrincipleFigures",
    "WorkItem",
    "auditor_work",
    "require_scoring_access",
    "rollup_by_principle",
    "score_for",
    "score_history",
]
