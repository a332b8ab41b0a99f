"""Maturity scores per unit × principle, the evidence they cite, and their history (DOMAIN.md §3)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from audits.models import AuditCycle, DocumentCheck, Interview, ManagementPrinciple
from maturity.constants import MaturityLevel, ScoreStatus
from uwvkms.models import BusinessUnit
from uwvkms.versioning import Versioned


class Score(Versioned):
    """The maturity level (1–5) an auditor gives a unit for one principle in a cycle: observations
    on design, existence and operation, and a justification that cites the evidence (confirmed
    interviews, delivered documents). A concept may still lack a level; a submitted score has a
    level and a justification. `version` guards against lost updates: a save that does not carry
    the current version is refused."""

    cycle = models.ForeignKey(
        AuditCycle, verbose_name=_("toetscyclus"), on_delete=models.PROTECT, related_name="scores"
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
    level = models.PositiveSmallIntegerField(
        _("volwassenheidsniveau"), choices=MaturityLevel.choices, null=True, blank=True
    )
    justification = models.TextField(_("onderbouwing"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ScoreStatus.choices, default=ScoreStatus.CONCEPT
    )
    design_note = models.TextField(_("opzet"), blank=True)
    existence_note = models.TextField(_("bestaan"), blank=True)
    operation_note = models.TextField(_("werking"), blank=True)
    cited_interviews = models.ManyToManyField(
        Interview, verbose_name=_("aangehaalde interviews"), related_name="+", blank=True
    )
    cited_documents = models.ManyToManyField(
        DocumentCheck, verbose_name=_("aangehaalde documenten"), related_name="+", blank=True
    )
    submitted_at = models.DateTimeField(_("ingediend op"), null=True, blank=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(level__isnull=True) | models.Q(level__gte=1, level__lte=5),
                name="score_level_1_to_5",
                violation_error_message=_("Een score is een geheel getal van 1 tot en met 5."),
            ),
            models.CheckConstraint(
                condition=~models.Q(status=ScoreStatus.INGEDIEND)
                | (models.Q(level__isnull=False) & ~models.Q(justification="")),
                name="score_submitted_has_level_and_justification",
                violation_error_message=_(
                    "Een ingediende score heeft een niveau en een onderbouwing."
                ),
            ),
            models.UniqueConstraint(
                fields=["cycle", "unit", "principle"],
                name="score_one_per_cycle_unit_principle",
                violation_error_message=_("Voor dit onderdeel en principe bestaat al een score."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.principle} · {self.level}"


class ScoreChange(models.Model):
    """One change of a score: who, when, old → new and why. Never edited or deleted.

    The source of truth of a score's history: the score pages (`score_history_rows`), the
    calibration pages, the roll-up per calibration round and the API read these rows, never the
    event log. The `maturity.score.*` event that each score service records beside it is the
    app-wide audit trail (it also carries the opzet/bestaan/werking notes, which these rows do
    not); no page reads a score's history from it."""

    score = models.ForeignKey(
        Score, verbose_name=_("score"), on_delete=models.PROTECT, related_name="changes"
    )
    event = models.CharField(_("gebeurtenis"), max_length=60)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("door"), on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(_("op"), auto_now_add=True)
    old_level = models.PositiveSmallIntegerField(_("oud niveau"), null=True, blank=True)
    new_level = models.PositiveSmallIntegerField(_("nieuw niveau"), null=True, blank=True)
    old_justification = models.TextField(_("oude onderbouwing"), blank=True)
    new_justification = models.TextField(_("nieuwe onderbouwing"), blank=True)
    old_status = models.CharField(_("oude status"), max_length=20, blank=True)
    new_status = models.CharField(_("nieuwe status"), max_length=20, blank=True)
    reason = models.TextField(_("reden"), blank=True)
    session = models.ForeignKey(
        "maturity.CalibrationSession",
        verbose_name=_("kalibratiesessie"),
        on_delete=models.PROTECT,
        related_name="adjustments",
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("scorewijziging")
        verbose_name_plural = _("scorewijzigingen")
        ordering = ["-changed_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(new_level__isnull=True) | models.Q(new_level__gte=1, new_level__lte=5)
                )
                & (models.Q(old_level__isnull=True) | models.Q(old_level__gte=1, old_level__lte=5)),
                name="scorechange_levels_1_to_5",
            )
        ]

    def __str__(self) -> str:
        return f"{self.score}: {self.old_level} → {self.new_level}"
