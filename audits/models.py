"""The audit cycle, its scope per unit and the cross-audit assignments (DOMAIN.md §2)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from audits.constants import CycleStatus
from uwvkms.models import BusinessUnit


class ManagementPrinciple(models.Model):
    """One of UWV's eight management principles; reference data seeded by a migration."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("naam"), max_length=100, unique=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    execution_units_only = models.BooleanField(
        _("standaard alleen bij uitvoeringsprocessen"),
        default=False,
        help_text=_(
            "Wordt standaard alleen getoetst bij bedrijfsonderdelen met uitvoeringsprocessen."
        ),
    )

    class Meta:
        verbose_name = _("managementprincipe")
        verbose_name_plural = _("managementprincipes")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class AuditCycle(models.Model):
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

    class Meta:
        verbose_name = _("toetscyclus")
        verbose_name_plural = _("toetscycli")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(year__gte=2000, year__lte=2100),
                name="auditcycle_year_range",
                violation_error_message=_("Het jaar moet tussen 2000 en 2100 liggen."),
            )
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


class Assignment(models.Model):
    """An auditor assigned to audit a unit in a cycle; never their own unit (cross-auditing)."""

    cycle = models.ForeignKey(
        AuditCycle,
        verbose_name=_("toetscyclus"),
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    unit = models.ForeignKey(
        BusinessUnit,
        verbose_name=_("bedrijfsonderdeel"),
        on_delete=models.PROTECT,
        related_name="audit_assignments",
    )
    auditor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("toetser"),
        on_delete=models.PROTECT,
        related_name="audit_assignments",
    )
    is_lead = models.BooleanField(_("leadtoetser"), default=False)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("toegewezen door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    assigned_at = models.DateTimeField(_("toegewezen op"), auto_now_add=True)

    class Meta:
        verbose_name = _("toewijzing")
        verbose_name_plural = _("toewijzingen")
        ordering = ["unit__name", "-is_lead", "auditor__last_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "unit", "auditor"],
                name="assignment_unique",
                violation_error_message=_("Deze toetser is al aan dit onderdeel toegewezen."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.auditor} → {self.unit} ({self.cycle.year})"
