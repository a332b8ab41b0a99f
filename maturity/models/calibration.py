"""Calibration: sessions in which the auditors compare and adjust scores, and the freeze after the
last one (DOMAIN.md §3, "Calibration")."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from audits.models import AuditCycle
from maturity.constants import SessionStatus


class CalibrationSession(models.Model):
    """One calibration session of a cycle. The submitted levels are recorded when it opens and
    when it closes, so the report can show what each round changed."""

    cycle = models.ForeignKey(
        AuditCycle,
        verbose_name=_("toetscyclus"),
        on_delete=models.CASCADE,
        related_name="calibration_sessions",
    )
    number = models.PositiveSmallIntegerField(_("ronde"))
    held_on = models.DateField(_("datum"))
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("deelnemers"), related_name="+", blank=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=SessionStatus.choices, default=SessionStatus.OPEN
    )
    notes = models.TextField(_("aantekeningen"), blank=True)
    levels_at_open = models.JSONField(
        _("niveaus bij opening"), default=list, help_text=_("[unit_id, principle_id, niveau]")
    )
    levels_at_close = models.JSONField(_("niveaus bij sluiting"), null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geopend door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    opened_at = models.DateTimeField(_("geopend op"), auto_now_add=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gesloten door"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    closed_at = models.DateTimeField(_("gesloten op"), null=True, blank=True)

    class Meta:
        verbose_name = _("kalibratiesessie")
        verbose_name_plural = _("kalibratiesessies")
        ordering = ["cycle", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "number"],
                name="calibrationsession_unique_number",
                violation_error_message=_("Deze ronde bestaat al."),
            ),
            models.UniqueConstraint(
                fields=["cycle"],
                condition=models.Q(status=SessionStatus.OPEN),
                name="calibrationsession_one_open",
                violation_error_message=_("Er is al een open kalibratiesessie in deze cyclus."),
            ),
        ]

    def __str__(self) -> str:
        return _("Kalibratiesessie %(number)s (%(year)s)") % {
            "number": self.number,
            "year": self.cycle.year,
        }


class CalibrationClosure(models.Model):
    """That calibration of a cycle is closed and its scores frozen. Reopening (with a reason)
    ends the closure; a later close adds a new row, so every freeze and reopening is kept."""

    cycle = models.ForeignKey(
        AuditCycle,
        verbose_name=_("toetscyclus"),
        on_delete=models.CASCADE,
        related_name="calibration_closures",
    )
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gesloten door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("gesloten op"), auto_now_add=True)
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("heropend door"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    reopened_at = models.DateTimeField(_("heropend op"), null=True, blank=True)
    reopen_reason = models.TextField(_("reden van heropening"), blank=True)

    class Meta:
        verbose_name = _("afsluiting kalibratie")
        verbose_name_plural = _("afsluitingen kalibratie")
        ordering = ["-closed_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle"],
                condition=models.Q(reopened_at__isnull=True),
                name="calibrationclosure_one_active",
            ),
            models.CheckConstraint(
                condition=models.Q(reopened_at__isnull=True) | ~models.Q(reopen_reason=""),
                name="calibrationclosure_reopen_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return _("Kalibratie %(year)s gesloten") % {"year": self.cycle.year}
