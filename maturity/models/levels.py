"""The meaning of each of the five maturity levels: reference data (DOMAIN.md §3)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from maturity.constants import MaturityLevel
from uwvkms.versioning import VersionedSinceLater


class LevelMeaning(VersionedSinceLater):
    """What one level of UWV's maturity model is called and means in general, one row per level
    1–5 (seeded by a migration; a seeded row has no author yet). The coordination team keeps it;
    Bijlage 1 of the UWV-wide report, the calibration page and a framework's empty level
    descriptors show it."""

    level = models.PositiveSmallIntegerField(
        _("niveau"), choices=MaturityLevel.choices, unique=True
    )
    name = models.CharField(_("naam"), max_length=50)
    meaning = models.TextField(_("betekenis"))

    class Meta:
        verbose_name = _("betekenis van een volwassenheidsniveau")
        verbose_name_plural = _("betekenissen van de volwassenheidsniveaus")
        ordering = ["level"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(level__gte=1, level__lte=5),
                name="levelmeaning_level_range",
                violation_error_message=_("Een niveau ligt tussen 1 en 5."),
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The level as the scale names it, e.g. "3 Reproduceren"."""
        return f"{self.level} {self.name}"
