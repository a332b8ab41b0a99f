"""The assessment framework (toetskader) per principle, versioned per cycle (DOMAIN.md §3)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from audits.models import AuditCycle, ManagementPrinciple
from uwvkms.versioning import VersionedSinceLater


class Framework(VersionedSinceLater):
    """What a principle means this cycle and what each of the five levels looks like for it.
    Auditors see the level descriptors beside the score field. One per cycle × principle: a new
    cycle starts from the previous cycle's text, so earlier cycles keep theirs."""

    cycle = models.ForeignKey(
        AuditCycle,
        verbose_name=_("toetscyclus"),
        on_delete=models.CASCADE,
        related_name="frameworks",
    )
    principle = models.ForeignKey(
        ManagementPrinciple,
        verbose_name=_("managementprincipe"),
        on_delete=models.PROTECT,
        related_name="frameworks",
    )
    definition = models.TextField(_("definitie"), blank=True)
    hard_controls = models.TextField(_("harde beheersmaatregelen"), blank=True)
    soft_controls = models.TextField(_("zachte beheersmaatregelen"), blank=True)
    research_questions = models.TextField(_("onderzoeksvragen"), blank=True)
    level_1 = models.TextField(_("niveau 1 Ad hoc"), blank=True)
    level_2 = models.TextField(_("niveau 2 Initieel"), blank=True)
    level_3 = models.TextField(_("niveau 3 Reproduceren"), blank=True)
    level_4 = models.TextField(_("niveau 4 Sturen"), blank=True)
    level_5 = models.TextField(_("niveau 5 Optimaliseren"), blank=True)

    class Meta:
        verbose_name = _("toetskader")
        verbose_name_plural = _("toetskaders")
        ordering = ["principle__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "principle"],
                name="framework_one_per_cycle_principle",
                violation_error_message=_("Dit principe heeft in deze cyclus al een toetskader."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.principle} ({self.cycle.year})"

    def descriptors(self) -> list[str]:
        """The five level descriptors, level 1 first."""
        return [self.level_1, self.level_2, self.level_3, self.level_4, self.level_5]
