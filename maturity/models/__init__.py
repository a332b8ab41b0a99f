from maturity.models.calibration import CalibrationClosure, CalibrationSession
from maturity.models.framework import Framework
from maturity.models.levels import LevelMeaning
from maturity.models.scores import Score, ScoreChange

__all__ = [
    "CalibrationClosure",
    "CalibrationSession",
    "Framework",
    "LevelMeaning",
    "Score",
    "ScoreChange",
]
