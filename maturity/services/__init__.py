"""Writes of maturity scoring and calibration, one module per sub-domain. Other apps import from
here."""

from maturity.services.scores import ScoreConflict, score_record

__all__ = ["ScoreConflict", "score_record"]
