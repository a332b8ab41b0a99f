from maturity.models.blind import (
    BlindPhaseClosure,
    BlindScoring,
    IndividualScore,
    IndividualScoreChange,
)
from maturity.models.calibration import CalibrationClosure, CalibrationSession
from maturity.models.framework import Framework
from maturity.models.levels import LevelMeaning
from maturity.models.scores import Score, ScoreChange

__all__ = [
    "BlindPhaseClosure",
    "BlindScoring",
    "IndividualScore",
    "IndividualScoreChange",
    "CalibrationClosure",
    "CalibrationSession",
    "Framework",
    "LevelMeaning",
    "Score",
    "ScoreChange",
]
