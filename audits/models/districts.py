"""Districts, regions and departments to visit, and the reproducible random draw among them."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from audits.constants import LocationKind
from audits.models.cycle import AuditCycle
from uwvkms.models import BusinessUnit


class District(models.Model):
    """A candidate place to hold interviews at a unit: a district, region (rayon) or department,
    central or decentral."""

    cycle = models.ForeignKey(
        AuditCycle,
        verbose_name=_("toetscyclus"),
        on_delete=models.CASCADE,
        related_name="districts",
    )
    unit = models.ForeignKey(
        BusinessUnit,
        verbose_name=_("bedrijfsonderdeel"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    name = models.CharField(_("naam"), max_length=120)
    kind = models.CharField(_("soort"), max_length=20, choices=LocationKind.choices)

    class Meta:
        verbose_name = _("district of afdeling")
        verbose_name_plural = _("districten en afdelingen")
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(
                "cycle",
                "unit",
                Lower("name"),
                name="district_unique_name",
                violation_error_message=_("Dit district of deze afdeling staat er al."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class DistrictDraw(models.Model):
    """One draw of the places to visit at a unit. The candidate list and the seed are stored, so
    anyone can redo the draw and get the same result; a redraw adds a row, never overwrites."""

    cycle = models.ForeignKey(
        AuditCycle, verbose_name=_("toetscyclus"), on_delete=models.CASCADE, related_name="draws"
    )
    unit = models.ForeignKey(
        BusinessUnit,
        verbose_name=_("bedrijfsonderdeel"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    seed = models.BigIntegerField(_("seed"))
    count = models.PositiveSmallIntegerField(_("aantal"))
    candidates = models.JSONField(_("kandidaten"), help_text=_("[naam, soort] in volgorde"))
    drawn = models.JSONField(_("getrokken"), help_text=_("[naam, soort] in trekkingsvolgorde"))
    is_current = models.BooleanField(_("geldend"), default=True)
    reason = models.TextField(_("reden"), blank=True)
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("door"), on_delete=models.PROTECT, related_name="+"
    )
    drawn_at = models.DateTimeField(_("op"), auto_now_add=True)

    class Meta:
        verbose_name = _("loting")
        verbose_name_plural = _("lotingen")
        ordering = ["-drawn_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "unit"],
                condition=models.Q(is_current=True),
                name="districtdraw_one_current",
            ),
            models.CheckConstraint(
                condition=models.Q(count__gte=1), name="districtdraw_count_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} ({self.cycle.year}): {', '.join(name for name, _kind in self.drawn)}"
