"""The audit cycle, its principles, its scope per unit and the units excluded (DOMAIN.md §2)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from audits.constants import CycleStatus, ReferenceTextKey
from uwvkms.models import BusinessUnit
from uwvkms.versioning import VersionedSinceLater
from uwvkms.withdrawal import Withdrawable


class ManagementPrinciple(VersionedSinceLater):
    """One of UWV's eight management principles; reference data seeded by a migration. Its
    definition and what it means at UWV are kept by the coordination team and shown in Bijlage 2
    of the UWV-wide report (DOMAIN.md §5). A seeded row has no author yet."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("naam"), max_length=100, unique=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    is_basic = models.BooleanField(
        _("Basic Kwaliteitsmanagement"),
        default=False,
        help_text=_(
            "Geen managementprincipe maar de toets of het onderdeel de standaard "
            "kwaliteitsmanagementprocessen toepast; wordt per onderdeel net zo gescoord."
        ),
    )
    execution_units_only = models.BooleanField(
        _("standaard alleen bij uitvoeringsprocessen"),
        default=False,
        help_text=_(
            "Wordt standaard alleen getoetst bij bedrijfsonderdelen met uitvoeringsprocessen."
        ),
    )
    definition = models.TextField(
        _("definitie"),
        blank=True,
        help_text=_("De algemene omschrijving van het principe, afgeleid van ISO 9000."),
    )
    uwv_specific = models.TextField(
        _("UWV specifiek"),
        blank=True,
        help_text=_("Wat het principe binnen UWV in het bijzonder vraagt."),
    )

    class Meta:
        verbose_name = _("managementprincipe")
        verbose_name_plural = _("managementprincipes")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class ReferenceText(VersionedSinceLater):
    """A fixed text of the UWV-wide report that the coordination team keeps with the reference
    data, one row per `key` (seeded by a migration): for now Bijlage 2's introduction."""

    key = models.CharField(
        _("sleutel"), max_length=50, unique=True, choices=ReferenceTextKey.choices
    )
    text = models.TextField(_("tekst"), blank=True)

    class Meta:
        verbose_name = _("vaste tekst")
        verbose_name_plural = _("vaste teksten")
        ordering = ["key"]

    def __str__(self) -> str:
        return str(self.get_key_display())


class AuditCycle(Withdrawable):
    """One year's Interne Toets KMS: the principles in scope and where the cycle stands."""

    year = models.PositiveSmallIntegerField(_("jaar"), unique=True)
    status = models.CharField(
        _("status"), max_length=20, choices=CycleStatus.choices, default=CycleStatus.VOORBEREIDING
    )
    principles = models.ManyToManyField(
        ManagementPrinciple, verbose_name=_("managementprincipes in scope"), related_name="cycles"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangemaakt door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    period_start = models.DateField(_("begin veldwerk"), null=True, blank=True)
    period_end = models.DateField(_("einde veldwerk"), null=True, blank=True)
    based_on = models.ForeignKey(
        "self",
        verbose_name=_("op basis van"),
        help_text=_("De cyclus waarvan deze de opzet overnam."),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta(Withdrawable.Meta):
        verbose_name = _("toetscyclus")
        verbose_name_plural = _("toetscycli")
        ordering = ["-year"]
        constraints = [
            *Withdrawable.Meta.constraints,
            models.CheckConstraint(
                condition=models.Q(year__gte=2000, year__lte=2100),
                name="auditcycle_year_range",
                violation_error_message=_("Het jaar moet tussen 2000 en 2100 liggen."),
            ),
            models.CheckConstraint(
                condition=models.Q(period_start__isnull=True)
                | models.Q(period_end__isnull=True)
                | models.Q(period_end__gte=models.F("period_start")),
                name="auditcycle_period_order",
                violation_error_message=_("Het einde van de periode ligt vóór het begin."),
            ),
        ]

    def __str__(self) -> str:
        return _("Interne Toets KMS %(year)s") % {"year": self.year}

    def get_absolute_url(self) -> str:
        return reverse("audits:cycle_detail", kwargs={"year": self.year})


class AssessedPrinciple(models.Model):
    """That a principle is assessed at a unit in a cycle. No row means the principle is absent
    there: it is left out of every figure, never counted as zero."""

    cycle = models.ForeignKey(
        AuditCycle, verbose_name=_("toetscyclus"), on_delete=models.CASCADE, related_name="scope"
    )
    unit = models.ForeignKey(
        BusinessUnit,
        verbose_name=_("bedrijfsonderdeel"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    principle = models.ForeignKey(
        ManagementPrinciple,
        verbose_name=_("managementprincipe"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("getoetst principe")
        verbose_name_plural = _("getoetste principes")
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "unit", "principle"],
                name="assessedprinciple_unique",
                violation_error_message=_("Dit principe staat al in de scope van dit onderdeel."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.cycle.year} {self.unit} {self.principle}"


class Exclusion(models.Model):
    """A unit whose audit could not be done representatively in a cycle (DOMAIN.md §2): its
    observations stay out of every UWV-wide figure; its own recommendations still reach its board."""

    cycle = models.ForeignKey(
        AuditCycle,
        verbose_name=_("toetscyclus"),
        on_delete=models.CASCADE,
        related_name="exclusions",
    )
    unit = models.ForeignKey(
        BusinessUnit,
        verbose_name=_("bedrijfsonderdeel"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    reason = models.TextField(_("reden"))
    excluded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("door"), on_delete=models.PROTECT, related_name="+"
    )
    excluded_at = models.DateTimeField(_("op"), auto_now_add=True)

    class Meta:
        verbose_name = _("uitsluiting")
        verbose_name_plural = _("uitsluitingen")
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "unit"],
                name="exclusion_one_per_cycle_unit",
                violation_error_message=_("Dit onderdeel is al uitgesloten in deze cyclus."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit} ({self.cycle.year}): {_('niet representatief')}"
