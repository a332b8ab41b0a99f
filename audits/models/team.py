"""Audit teams: auditors assigned kruislings to units (DOMAIN.md §2, "Cross-auditing")."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from audits.models.cycle import AuditCycle
from uwvkms.models import BusinessUnit


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
