"""Choices and reference data of the audit cycle (DOMAIN.md §2)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CycleStatus(models.TextChoices):
    """Where an audit cycle stands; it moves forward through these in order."""

    VOORBEREIDING = "voorbereiding", _("Voorbereiding")
    VELDWERK = "veldwerk", _("Veldwerk")
    KALIBRATIE = "kalibratie", _("Kalibratie")
    OPROLLEN = "oprollen", _("Oprollen")
    GEPUBLICEERD = "gepubliceerd", _("Gepubliceerd")


# Statuses in which auditors may still record or change scores.
SCORING_OPEN = frozenset({CycleStatus.VOORBEREIDING, CycleStatus.VELDWERK})

# The one way forward for a cycle's status (a state machine as data).
NEXT_STATUS: dict[str, str] = {
    CycleStatus.VOORBEREIDING: CycleStatus.VELDWERK,
    CycleStatus.VELDWERK: CycleStatus.KALIBRATIE,
    CycleStatus.KALIBRATIE: CycleStatus.OPROLLEN,
    CycleStatus.OPROLLEN: CycleStatus.GEPUBLICEERD,
}
