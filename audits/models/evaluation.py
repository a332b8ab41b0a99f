"""The audit's own evaluation (issue 21 §6): the hours each auditor spent on each unit, and the
lessons the coordination team keeps for the next cycle, which that cycle marks "verwerkt"."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from audits.constants import HOURS_PER_WEEK_MAX, HOURS_TOTAL_MAX, HoursKind, LessonTheme
from audits.models.cycle import AuditCycle
from uwvkms.models import BusinessUnit
from uwvkms.versioning import Versioned
from uwvkms.withdrawal import Withdrawable


class AuditHours(Versioned, Withdrawable):
    """Hours an auditor spent on the audit of one unit in a cycle: one week's hours, or one
    total for the whole audit. Kept by cycle, unit and auditor (not by the assignment row), so
    hours already spent stay when the auditor later leaves the team. Corrected by the auditor
    (versioned, old → new in the history); an entry made in error is withdrawn with a reason."""

    cycle = models.ForeignKey(
        AuditCycle, verbose_name=_("toetscyclus"), on_delete=models.PROTECT, related_name="hours"
    )
    unit = models.ForeignKey(
        BusinessUnit,
        verbose_name=_("bedrijfsonderdeel"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    auditor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("toetser"),
        on_delete=models.PROTECT,
        related_name="audit_hours",
    )
    kind = models.CharField(_("soort"), max_length=10, choices=HoursKind.choices)
    week = models.PositiveSmallIntegerField(
        _("week"), null=True, blank=True, help_text=_("Het weeknummer in het jaar van de cyclus.")
    )
    hours = models.DecimalField(_("uren"), max_digits=6, decimal_places=2)
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta(Withdrawable.Meta):
        verbose_name = _("uren")
        verbose_name_plural = _("uren")
        ordering = ["cycle", "unit__name", "auditor", "week"]
        constraints = [
            *Withdrawable.Meta.constraints,
            models.CheckConstraint(
                condition=Q(hours__gt=0),
                name="audithours_positive",
                violation_error_message=_("Het aantal uren moet groter zijn dan 0."),
            ),
            models.CheckConstraint(
                condition=(
                    Q(kind=HoursKind.WEEK, week__gte=1, week__lte=53)
                    & Q(hours__lte=HOURS_PER_WEEK_MAX)
                )
                | Q(kind=HoursKind.TOTAL, week__isnull=True, hours__lte=HOURS_TOTAL_MAX),
                name="audithours_week_or_total",
                violation_error_message=_(
                    "Uren per week horen bij een week (1–53, hoogstens 60 uur); een totaal "
                    "hoort bij geen week."
                ),
            ),
            models.UniqueConstraint(
                fields=["cycle", "unit", "auditor", "week"],
                condition=Q(withdrawn_at__isnull=True, kind=HoursKind.WEEK),
                name="audithours_one_per_week",
                violation_error_message=_("Voor deze week zijn al uren vastgelegd."),
            ),
            models.UniqueConstraint(
                fields=["cycle", "unit", "auditor"],
                condition=Q(withdrawn_at__isnull=True, kind=HoursKind.TOTAL),
                name="audithours_one_total",
                violation_error_message=_("Voor dit onderdeel is al een totaal vastgelegd."),
            ),
        ]

    def __str__(self) -> str:
        if self.kind == HoursKind.WEEK:
            return _("%(unit)s, week %(week)s: %(hours)s uur") % {
                "unit": self.unit,
                "week": self.week,
                "hours": number_format(self.hours, decimal_pos=2),
            }
        return _("%(unit)s, totaal: %(hours)s uur") % {
            "unit": self.unit,
            "hours": number_format(self.hours, decimal_pos=2),
        }


class Lesson(Versioned, Withdrawable):
    """A lesson for the next cycle ("lessen voor de volgende cyclus") that the coordination team
    keeps for a cycle: shown on the cycle opened after it, where the team marks it verwerkt."""

    cycle = models.ForeignKey(
        AuditCycle, verbose_name=_("toetscyclus"), on_delete=models.PROTECT, related_name="lessons"
    )
    text = models.TextField(_("les"))
    theme = models.CharField(
        _("thema"), max_length=20, choices=LessonTheme.choices, blank=True, default=""
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta(Withdrawable.Meta):
        verbose_name = _("les voor de volgende cyclus")
        verbose_name_plural = _("lessen voor de volgende cyclus")
        ordering = ["cycle", "created_at", "id"]
        constraints = [
            *Withdrawable.Meta.constraints,
            models.CheckConstraint(
                condition=~Q(text=""),
                name="lesson_has_text",
                violation_error_message=_("Een les heeft een tekst."),
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]


class LessonProcessing(Versioned):
    """That a lesson of an earlier cycle is verwerkt in a later one, with the team's note on how."""

    lesson = models.ForeignKey(
        Lesson, verbose_name=_("les"), on_delete=models.PROTECT, related_name="processings"
    )
    cycle = models.ForeignKey(
        AuditCycle,
        verbose_name=_("verwerkt in"),
        on_delete=models.PROTECT,
        related_name="lesson_processings",
    )
    note = models.TextField(_("toelichting"))
    processed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verwerkt door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    processed_at = models.DateTimeField(_("verwerkt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("verwerking van een les")
        verbose_name_plural = _("verwerkingen van lessen")
        constraints = [
            models.UniqueConstraint(
                fields=["lesson", "cycle"],
                name="lessonprocessing_once_per_cycle",
                violation_error_message=_("Deze les is in deze cyclus al verwerkt."),
            ),
            models.CheckConstraint(
                condition=~Q(note=""),
                name="lessonprocessing_has_note",
                violation_error_message=_("Zeg hoe de les is verwerkt."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.lesson} → {self.cycle.year}"
