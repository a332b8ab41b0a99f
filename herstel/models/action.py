"""The herstelactie itself, its advice (step 1) with the mandate criteria, and the control
measures that prevent recurrence (DOMAIN.md §6, step 1)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from herstel.constants import AdviceSection, ControlMeasureProgress, Criterion, Mandate, Step
from uwvkms.models import BusinessUnit
from uwvkms.versioning import VersionedSinceLater
from uwvkms.withdrawal import Withdrawable


class Herstelactie(VersionedSinceLater):
    """A remediation action: UWV treated a group of clients wrongly and puts it right. One
    division is in the lead (where the weight of the action lies). `version` guards against lost
    updates: a save that does not carry the current version is refused."""

    title = models.CharField(_("titel"), max_length=200)
    what_went_wrong = models.TextField(_("wat ging er mis"))
    wrong_since = models.DateField(_("sinds wanneer"))
    lead_unit = models.ForeignKey(
        BusinessUnit,
        verbose_name=_("leidende divisie"),
        on_delete=models.PROTECT,
        related_name="herstelacties",
    )
    estimated_clients = models.PositiveIntegerField(
        _("geschat aantal cliënten"), null=True, blank=True
    )
    estimated_dossiers = models.PositiveIntegerField(
        _("geschat aantal dossiers"), null=True, blank=True
    )
    estimated_amount = models.DecimalField(
        _("geschat bedrag (€)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    step = models.CharField(_("stap"), max_length=20, choices=Step.choices, default=Step.STAP_1)
    mandate = models.CharField(
        _("besluitvormingsmandaat"), max_length=20, choices=Mandate.choices, blank=True
    )
    mandate_rule = models.TextField(_("regel die het mandaat bepaalde"), blank=True)
    is_issue = models.BooleanField(_("issue (grote publieke impact)"), default=False)
    # Designated by Directie Communicatie (services.communication.issuemanager_set); holds the
    # regie over the communication track of this action only.
    issuemanager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issuemanager"),
        on_delete=models.PROTECT,
        related_name="herstel_issues_managed",
        null=True,
        blank=True,
    )
    execution_ended_on = models.DateField(_("uitvoering afgerond op"), null=True, blank=True)
    closed_on = models.DateField(_("gesloten op"), null=True, blank=True)
    # The day the retention job replaced the dossiers' references (uwvkms.retention;
    # herstel.retention): the figures stay, nothing links a dossier to a client any more.
    dossier_references_removed_on = models.DateField(
        _("dossierreferenties verwijderd op"), null=True, blank=True
    )
    end_reason = models.TextField(
        _("reden van beëindigen zonder uitvoering"),
        blank=True,
        help_text=_("Waarom de actie na een definitieve no-go niet wordt uitgevoerd."),
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gestart door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    started_at = models.DateTimeField(_("gestart op"), auto_now_add=True)

    class Meta:
        verbose_name = _("herstelactie")
        verbose_name_plural = _("herstelacties")
        ordering = ["-started_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(estimated_amount__isnull=True)
                | models.Q(estimated_amount__gte=0),
                name="herstelactie_amount_not_negative",
                violation_error_message=_("Een bedrag is nul of meer."),
            ),
            models.CheckConstraint(
                condition=models.Q(step__in=Step.values),
                name="herstelactie_step_valid",
                violation_error_message=_("Onbekende stap."),
            ),
            models.CheckConstraint(
                condition=~models.Q(step=Step.BEEINDIGD) | ~models.Q(end_reason=""),
                name="herstelactie_ended_has_reason",
                violation_error_message=_(
                    "Een herstelactie die zonder uitvoering eindigt, heeft een reden."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(step=Step.STAP_1) | models.Q(mandate__in=Mandate.values),
                name="herstelactie_after_advice_has_mandate",
                violation_error_message=_(
                    "Na stap 1 heeft een herstelactie een besluitvormingsmandaat."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("herstel:detail", kwargs={"pk": self.pk})


class Advice(models.Model):
    """The advice of step 1: what it covers at least (the process guide, step 1). Kept apart from
    the action so the action's facts and its advice read as two things; both are guarded by the
    action's version."""

    herstelactie = models.OneToOneField(
        Herstelactie,
        verbose_name=_("herstelactie"),
        on_delete=models.CASCADE,
        related_name="advice",
    )
    target_group = models.TextField(_("doelgroep"), blank=True)
    legal_framework = models.TextField(_("juridisch kader"), blank=True)
    financial_clients = models.TextField(_("financieel aspect: cliënten"), blank=True)
    financial_employers = models.TextField(_("financieel aspect: werkgevers"), blank=True)
    financial_money_flow = models.TextField(_("financieel aspect: grote geldstroom"), blank=True)
    financial_others = models.TextField(_("financieel aspect: andere belanghebbenden"), blank=True)
    capacity = models.TextField(_("capaciteit"), blank=True)
    communication = models.TextField(_("communicatie en contact met de doelgroep"), blank=True)
    other = models.TextField(_("overige relevante informatie"), blank=True)
    updated_at = models.DateTimeField(_("laatst gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("advies")
        verbose_name_plural = _("adviezen")

    def __str__(self) -> str:
        return str(self.herstelactie)


class CriterionJudgement(models.Model):
    """One of the five criteria of the mandate assessment as judged: the judgement (None while
    open), why, and who judged. The meaning of True per criterion is in CRITERION_ANSWERS."""

    advice = models.ForeignKey(
        Advice, verbose_name=_("advies"), on_delete=models.CASCADE, related_name="criteria"
    )
    criterion = models.CharField(_("criterium"), max_length=30, choices=Criterion.choices)
    value = models.BooleanField(_("oordeel"), null=True, blank=True)
    rationale = models.TextField(_("onderbouwing"), blank=True)
    judged_by = models.CharField(_("beoordeeld door"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("mandaatcriterium")
        verbose_name_plural = _("mandaatcriteria")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["advice", "criterion"],
                name="criterionjudgement_one_per_criterion",
                violation_error_message=_("Dit criterium is al vastgelegd bij dit advies."),
            ),
            models.CheckConstraint(
                condition=models.Q(criterion__in=Criterion.values),
                name="criterionjudgement_criterion_valid",
                violation_error_message=_("Onbekend criterium."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.advice} · {self.get_criterion_display()}"


class AdviceSectionAssignment(Withdrawable):
    """A section of the advice the lead advisers asked SBK to write ("divisies/SBK" bring the
    advice out, the process guide): who asked, when, and an optional note. SBK writes exactly
    the sections asked of it, in step 1 (rules.advice_section_editable). Asked in error or no
    longer: withdrawn with a reason, never deleted."""

    advice = models.ForeignKey(
        Advice, verbose_name=_("advies"), on_delete=models.CASCADE, related_name="assignments"
    )
    section = models.CharField(_("onderdeel"), max_length=30, choices=AdviceSection.choices)
    note = models.TextField(_("toelichting"), blank=True)
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gevraagd door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    asked_at = models.DateTimeField(_("gevraagd op"), auto_now_add=True)

    class Meta(Withdrawable.Meta):
        verbose_name = _("adviesonderdeel voor SBK")
        verbose_name_plural = _("adviesonderdelen voor SBK")
        ordering = ["asked_at", "id"]
        constraints = [
            *Withdrawable.Meta.constraints,
            models.UniqueConstraint(
                fields=["advice", "section"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="adviceassignment_once_per_section",
                violation_error_message=_("SBK is al gevraagd dit onderdeel te schrijven."),
            ),
            models.CheckConstraint(
                condition=models.Q(section__in=AdviceSection.values),
                name="adviceassignment_section_valid",
                violation_error_message=_("Onbekend onderdeel van het advies."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.advice} · {self.get_section_display()}"


class AdviceSectionAuthor(models.Model):
    """Who wrote a section of the advice last, and when, and whether as SBK: shown with the
    section ("geschreven door X (SBK), 3 december 2026"). Written by the services that save
    the advice; the event log keeps every earlier version."""

    advice = models.ForeignKey(
        Advice, verbose_name=_("advies"), on_delete=models.CASCADE, related_name="authors"
    )
    section = models.CharField(_("onderdeel"), max_length=30, choices=AdviceSection.choices)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geschreven door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    written_at = models.DateTimeField(_("geschreven op"))
    as_sbk = models.BooleanField(_("als SBK"), default=False)

    class Meta:
        verbose_name = _("schrijver van een adviesonderdeel")
        verbose_name_plural = _("schrijvers van adviesonderdelen")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["advice", "section"],
                name="adviceauthor_one_per_section",
                violation_error_message=_("Per onderdeel staat één laatste schrijver."),
            ),
            models.CheckConstraint(
                condition=models.Q(section__in=AdviceSection.values),
                name="adviceauthor_section_valid",
                violation_error_message=_("Onbekend onderdeel van het advies."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.advice} · {self.get_section_display()}"


class ControlMeasure(VersionedSinceLater, Withdrawable):
    """A beheersmaatregel: what is done to learn from the error and prevent recurrence, who owns
    it, by when, and how far it is (a parallel process under the quality-management policy,
    DOMAIN.md §7, "naast of na de herstelactie": open to change in every step, also after
    closing). Versioned, as two advisers may edit it at once; a measure entered in error is
    withdrawn with a reason (its judgements in evaluations stay)."""

    herstelactie = models.ForeignKey(
        Herstelactie,
        verbose_name=_("herstelactie"),
        on_delete=models.CASCADE,
        related_name="measures",
    )
    description = models.TextField(_("maatregel"))
    owner = models.CharField(_("eigenaar"), max_length=200)
    due_on = models.DateField(_("gereed op"))
    progress = models.CharField(
        _("status"),
        max_length=20,
        choices=ControlMeasureProgress.choices,
        default=ControlMeasureProgress.OPEN,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta(Withdrawable.Meta):
        verbose_name = _("beheersmaatregel")
        verbose_name_plural = _("beheersmaatregelen")
        ordering = ["due_on", "id"]
        constraints = [
            *Withdrawable.Meta.constraints,
            models.CheckConstraint(
                condition=models.Q(progress__in=ControlMeasureProgress.values),
                name="controlmeasure_progress_valid",
                violation_error_message=_("Onbekende status van een beheersmaatregel."),
            ),
            models.CheckConstraint(
                condition=~models.Q(description="") & ~models.Q(owner=""),
                name="controlmeasure_has_description_and_owner",
                violation_error_message=_(
                    "Een beheersmaatregel heeft een omschrijving en een eigenaar."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.description[:80]
