"""The maturity model (DOMAIN.md §3)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MaturityLevel(models.IntegerChoices):
    """The five CMM-inspired levels of UWV's maturity model. What each is called and means in
    general is reference data the coordination team keeps (`maturity.models.LevelMeaning`)."""

    AD_HOC = 1, _("1 Ad hoc")
    INITIEEL = 2, _("2 Initieel")
    REPRODUCEREN = 3, _("3 Reproduceren")
    STUREN = 4, _("4 Sturen")
    OPTIMALISEREN = 5, _("5 Optimaliseren")


class ScoreStatus(models.TextChoices):
    """A score is drafted, then submitted; a submitted score is read-only for the auditor
    unless the coordination team reopens it during calibration."""

    CONCEPT = "concept", _("Concept")
    INGEDIEND = "ingediend", _("Ingediend")


class SessionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    GESLOTEN = "gesloten", _("Gesloten")


# A unit scored this many levels or more from the principle's median is flagged in calibration.
OUTLIER_DISTANCE = 2


# Blind scoring (issue 21 part 2): the auditors of a unit's team differ this many levels or more
# on a unit × principle, and the cell is flagged in the spread and the calibration matrix.
SPREAD_FLAG_DISTANCE = 2
