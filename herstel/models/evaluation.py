"""Step 4, evaluation (DOMAIN.md §6): by the lead division, how clients experienced the action
and the communication, how the internal process went, and per control measure of step 1 whether
it was implemented and works. A second and a third evaluation may follow."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from herstel.constants import MAX_EVALUATIONS, Effectiveness
from herstel.models.action import ControlMeasure, Herstelactie
from uwvkms.versioning import VersionedSinceLater


class Evaluation(VersionedSinceLater):
    """One evaluation (number 1 to 3) of an action: planned until it is completed, then
    read-only. The first is planned when execution ends; the next ones when measures were not
    yet in place. `version` guards against lost updates."""

    herstelactie = models.ForeignKey(
        Herstelactie,
        verbose_name=_("herstelactie"),
        on_delete=models.CASCADE,
        related_name="evaluations",
    )
    number = models.PositiveSmallIntegerField(_("evaluatie"))
    planned_on = models.DateField(_("gepland op"), null=True, blank=True)
    planned_reason = models.TextField(_("waarom deze evaluatie"), blank=True)
    client_experience = models.TextField(
        _("hoe cliënten de actie en de communicatie ervoeren"), blank=True
    )
    survey_invited = models.PositiveIntegerField(_("enquête: uitgenodigd"), null=True, blank=True)
    survey_responses = models.PositiveIntegerField(
        _("enquête: respondenten"), null=True, blank=True
    )
    survey_satisfied = models.PositiveIntegerField(
        _("enquête: (zeer) tevreden"), null=True, blank=True
    )
    survey_score = models.DecimalField(
        _("enquête: gemiddeld rapportcijfer"),
        max_digits=3,
        decimal_places=1,
        null=True,
        blank=True,
    )
    internal_process = models.TextField(_("hoe het interne proces is gegaan"), blank=True)
    lessons = models.TextField(_("lessen voor de dienstverlening"), blank=True)
    completed_on = models.DateField(_("afgerond op"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gepland door"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("evaluatie")
        verbose_name_plural = _("evaluaties")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(
                fields=["herstelactie", "number"],
                name="evaluation_number_unique",
                violation_error_message=_("Deze evaluatie bestaat al."),
            ),
            models.CheckConstraint(
                condition=models.Q(number__gte=1, number__lte=MAX_EVALUATIONS),
                name="evaluation_number_range",
                violation_error_message=_("Er zijn hoogstens drie evaluaties."),
            ),
            models.CheckConstraint(
                condition=models.Q(survey_responses__isnull=True)
                | models.Q(survey_invited__isnull=True)
                | models.Q(survey_responses__lte=models.F("survey_invited")),
                name="evaluation_responses_within_invited",
                violation_error_message=_("Er zijn niet meer respondenten dan genodigden."),
            ),
            models.CheckConstraint(
                condition=models.Q(survey_satisfied__isnull=True)
                | models.Q(survey_responses__isnull=True)
                | models.Q(survey_satisfied__lte=models.F("survey_responses")),
                name="evaluation_satisfied_within_responses",
                violation_error_message=_("Er zijn niet meer tevreden cliënten dan respondenten."),
            ),
            models.CheckConstraint(
                condition=models.Q(survey_score__isnull=True)
                | models.Q(survey_score__gte=1, survey_score__lte=10),
                name="evaluation_score_range",
                violation_error_message=_("Een rapportcijfer ligt tussen 1 en 10."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.herstelactie} · evaluatie {self.number}"

    @property
    def is_completed(self) -> bool:
        return self.completed_on is not None

    @property
    def response_rate(self) -> int | None:
        """Respondents as a whole percentage of those invited."""
        if not self.survey_invited or self.survey_responses is None:
            return None
        return round(self.survey_responses * 100 / self.survey_invited)

    @property
    def satisfied_rate(self) -> int | None:
        if not self.survey_responses or self.survey_satisfied is None:
            return None
        return round(self.survey_satisfied * 100 / self.survey_responses)


class MeasureEvaluation(models.Model):
    """A control measure of step 1 as judged in one evaluation: implemented yes/no, effective
    yes/partly/no (only when implemented) and the evidence."""

    evaluation = models.ForeignKey(
        Evaluation, verbose_name=_("evaluatie"), on_delete=models.CASCADE, related_name="measures"
    )
    measure = models.ForeignKey(
        ControlMeasure,
        verbose_name=_("beheersmaatregel"),
        on_delete=models.PROTECT,
        related_name="evaluations",
    )
    implemented = models.BooleanField(_("geïmplementeerd"), null=True, blank=True)
    effective = models.CharField(
        _("werkt"), max_length=10, choices=Effectiveness.choices, blank=True
    )
    evidence = models.TextField(_("bewijs"), blank=True)

    class Meta:
        verbose_name = _("beoordeelde beheersmaatregel")
        verbose_name_plural = _("beoordeelde beheersmaatregelen")
        ordering = ["measure__due_on", "measure_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "measure"],
                name="measureevaluation_once",
                violation_error_message=_("Deze maatregel is al beoordeeld in deze evaluatie."),
            ),
            models.CheckConstraint(
                condition=models.Q(effective="") | models.Q(implemented=True),
                name="measureevaluation_effective_when_implemented",
                violation_error_message=_(
                    "Alleen een geïmplementeerde maatregel kan werken of niet."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(effective="") | models.Q(effective__in=Effectiveness.values),
                name="measureevaluation_effective_valid",
                violation_error_message=_("Onbekend oordeel."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.evaluation} · {self.measure}"
