"""Step 3, execution (DOMAIN.md §6): the project structure with the plan of approach, and the
go/no-go moment. No dossier is touched before the latest go/no-go says "go"."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from herstel.constants import GoBody, GoOutcome
from herstel.models.action import Herstelactie
from herstel.models.documents import ActionDocument
from herstel.money import euros


class ExecutionPlan(models.Model):
    """The project structure (project lead, team, how it is organised) and the plan of approach
    of an action's execution, plus the average amount per dossier the lead division estimates
    for the dossiers still to assess. Guarded by the action's version."""

    herstelactie = models.OneToOneField(
        Herstelactie,
        verbose_name=_("herstelactie"),
        on_delete=models.CASCADE,
        related_name="execution_plan",
    )
    project_lead = models.CharField(_("projectleider"), max_length=200, blank=True)
    team = models.TextField(_("projectteam"), blank=True, help_text=_("Eén lid per regel."))
    structure = models.TextField(_("projectstructuur"), blank=True)
    plan_document = models.CharField(
        _("plan van aanpak"),
        max_length=300,
        blank=True,
        help_text=_("Titel of kenmerk van het plan van aanpak in het documentsysteem."),
    )
    plan_summary = models.TextField(_("aanpak in het kort"), blank=True)
    planned_start = models.DateField(_("geplande start"), null=True, blank=True)
    planned_end = models.DateField(_("gepland einde"), null=True, blank=True)
    estimated_average_cents = models.BigIntegerField(
        _("geschat gemiddeld bedrag per dossier (cent)"), null=True, blank=True
    )
    estimate_basis = models.TextField(_("onderbouwing van de schatting"), blank=True)
    updated_at = models.DateTimeField(_("laatst gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("projectstructuur en plan van aanpak")
        verbose_name_plural = _("projectstructuren en plannen van aanpak")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(estimated_average_cents__isnull=True)
                | models.Q(estimated_average_cents__gte=0),
                name="executionplan_estimate_not_negative",
                violation_error_message=_("Een bedrag is nul of meer."),
            ),
            models.CheckConstraint(
                condition=models.Q(planned_start__isnull=True)
                | models.Q(planned_end__isnull=True)
                | models.Q(planned_end__gte=models.F("planned_start")),
                name="executionplan_end_after_start",
                violation_error_message=_("Het einde ligt niet vóór de start."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.herstelactie)

    @property
    def estimated_average(self):
        return euros(self.estimated_average_cents)

    @property
    def team_members(self) -> list[str]:
        return [line.strip() for line in self.team.splitlines() if line.strip()]


class GoDecision(models.Model):
    """The go/no-go moment of the execution: which body (DT or MT), when, the outcome and why.
    Never edited: a later record replaces an earlier one (after a no-go, a go may follow), and
    the latest one counts."""

    herstelactie = models.ForeignKey(
        Herstelactie,
        verbose_name=_("herstelactie"),
        on_delete=models.CASCADE,
        related_name="go_decisions",
    )
    body = models.CharField(_("gremium"), max_length=10, choices=GoBody.choices)
    outcome = models.CharField(_("uitkomst"), max_length=10, choices=GoOutcome.choices)
    decided_on = models.DateField(_("datum"))
    rationale = models.TextField(_("toelichting"), blank=True)
    document = models.CharField(
        _("document"),
        max_length=300,
        blank=True,
        help_text=_("Titel of kenmerk van het stuk in het documentsysteem."),
    )
    # The uploaded document the go/no-go rests on (a version in the action's own dossier).
    document_file = models.ForeignKey(
        ActionDocument,
        verbose_name=_("geüpload document"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("go/no-go-besluit")
        verbose_name_plural = _("go/no-go-besluiten")
        ordering = ["recorded_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(body__in=GoBody.values),
                name="godecision_body_valid",
                violation_error_message=_("Onbekend gremium."),
            ),
            models.CheckConstraint(
                condition=models.Q(outcome__in=GoOutcome.values),
                name="godecision_outcome_valid",
                violation_error_message=_("Onbekende uitkomst."),
            ),
            models.CheckConstraint(
                condition=models.Q(outcome=GoOutcome.GO) | ~models.Q(rationale=""),
                name="godecision_no_go_has_rationale",
                violation_error_message=_("Een no-go heeft een toelichting."),
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.get_body_display()} · {self.get_outcome_display()} · {self.decided_on:%d-%m-%Y}"
        )
