"""Blind scoring (issue 21 part 2; DOMAIN.md §3, "Calibration"): before the team agrees a score
for a unit × principle, each auditor of the unit's team records their own level and
justification without seeing the others'. Anchoring is the bias calibration exists to fight.

`BlindScoring` says whether a cycle uses it; `IndividualScore` is one auditor's own level;
`IndividualScoreChange` its history (old → new); `BlindPhaseClosure` marks the end of the blind
phase of a unit × principle (every auditor scored, or the lead auditor closed it)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from audits.models import AuditCycle, ManagementPrinciple
from maturity.constants import MaturityLevel
from uwvkms.models import BusinessUnit
from uwvkms.versioning import Versioned


class BlindScoring(Versioned):
    """Whether the auditors of `cycle` score blind before agreeing a team score. The coordination
    team sets it before scoring starts. A cycle without this record scores as before blind
    scoring existed (off); a cycle opened from the previous one gets it on (see
    `maturity.services.blind.blind_scoring_copy`)."""

    cycle = models.OneToOneField(
        AuditCycle,
        verbose_name=_("toetscyclus"),
        on_delete=models.PROTECT,
        related_name="blind_scoring",
    )
    enabled = models.BooleanField(_("blind scoren"), default=True)

    class Meta:
        verbose_name = _("instelling blind scoren")
        verbose_name_plural = _("instellingen blind scoren")

    def __str__(self) -> str:
        return f"{self.cycle}: {'aan' if self.enabled else 'uit'}"


class IndividualScore(Versioned):
    """One auditor's own level (1–5) and short justification for a unit × principle, recorded
    before the team agrees the team score (`Score`). While the blind phase is open only its
    author sees it (`maturity.blind_rules.may_see_individual_levels`). Never enters a figure:
    the roll-up reads team scores only."""

    cycle = models.ForeignKey(
        AuditCycle, verbose_name=_("toetscyclus"), on_delete=models.PROTECT, related_name="+"
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
    auditor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("toetser"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    level = models.PositiveSmallIntegerField(_("eigen niveau"), choices=MaturityLevel.choices)
    justification = models.TextField(_("korte onderbouwing"))

    class Meta:
        verbose_name = _("eigen score")
        verbose_name_plural = _("eigen scores")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(level__gte=1, level__lte=5),
                name="individualscore_level_1_to_5",
                violation_error_message=_("Een score is een geheel getal van 1 tot en met 5."),
            ),
            models.CheckConstraint(
                condition=~models.Q(justification=""),
                name="individualscore_has_justification",
                violation_error_message=_("Een eigen score heeft een onderbouwing."),
            ),
            models.UniqueConstraint(
                fields=["cycle", "unit", "principle", "auditor"],
                name="individualscore_one_per_auditor",
                violation_error_message=_("U hebt voor dit onderdeel en principe al gescoord."),
            ),
        ]

    def __str__(self) -> str:
        # No level: the string lands in the event log, which others may read.
        return f"{self.unit} · {self.principle} · {self.auditor}"


class IndividualScoreChange(models.Model):
    """One change of an individual score: who, when, old → new level and justification, and
    why. Never edited or deleted. The source of its history: the event log records only that
    it changed (never the level), so nobody reads a level there during the blind phase."""

    score = models.ForeignKey(
        IndividualScore,
        verbose_name=_("eigen score"),
        on_delete=models.PROTECT,
        related_name="changes",
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("door"), on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(_("op"), auto_now_add=True)
    old_level = models.PositiveSmallIntegerField(_("oud niveau"), null=True, blank=True)
    new_level = models.PositiveSmallIntegerField(_("nieuw niveau"))
    old_justification = models.TextField(_("oude onderbouwing"), blank=True)
    new_justification = models.TextField(_("nieuwe onderbouwing"))

    class Meta:
        verbose_name = _("wijziging eigen score")
        verbose_name_plural = _("wijzigingen eigen scores")
        ordering = ["-changed_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(new_level__gte=1, new_level__lte=5)
                & (models.Q(old_level__isnull=True) | models.Q(old_level__gte=1, old_level__lte=5)),
                name="individualscorechange_levels_1_to_5",
            )
        ]

    def __str__(self) -> str:
        return f"{self.score}: {self.old_level} → {self.new_level}"


class BlindPhaseClosure(models.Model):
    """The end of the blind phase of a unit × principle: from here the team sees the spread and
    sets the team score. Recorded when the last auditor of the team scores, or when the lead
    auditor closes it early (then with a reason). Never reopened: what the team has seen it
    cannot unsee."""

    cycle = models.ForeignKey(
        AuditCycle, verbose_name=_("toetscyclus"), on_delete=models.PROTECT, related_name="+"
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
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gesloten door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("gesloten op"), auto_now_add=True)
    all_scored = models.BooleanField(_("alle toetsers hadden gescoord"))
    reason = models.TextField(_("reden"), blank=True)

    class Meta:
        verbose_name = _("sluiting blinde fase")
        verbose_name_plural = _("sluitingen blinde fase")
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "unit", "principle"],
                name="blindphaseclosure_one_per_cell",
                violation_error_message=_("De blinde fase is al gesloten."),
            ),
            models.CheckConstraint(
                condition=models.Q(all_scored=True) | ~models.Q(reason=""),
                name="blindphaseclosure_early_needs_reason",
                violation_error_message=_(
                    "Wie de blinde fase sluit voordat iedereen heeft gescoord, geeft een reden."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.principle}"
