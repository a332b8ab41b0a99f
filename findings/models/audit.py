"""Findings per unit, unit reports with management responses, the roll-up into themes (rode
draden, hoofdbevindingen), follow-up actions with effect measurement and the audit's own rating
(DOMAIN.md §4 and §7)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audits.models import AuditCycle, Interview, ManagementPrinciple
from findings.constants import (
    DEFAULT_THREAD_THRESHOLD,
    ActionStatus,
    EffectConclusion,
    FindingKind,
    Priority,
    RaterRole,
    Recognition,
    ResponseStatus,
    UnitReportStatus,
)
from uwvkms.models import BusinessUnit
from uwvkms.review import Reviewable
from uwvkms.versioning import Versioned
from uwvkms.withdrawal import Withdrawable


class Finding(Versioned, Reviewable):
    """An observation or good practice at a unit for one assessed principle, reviewed by
    another than who last wrote it (`uwvkms.review`)."""

    cycle = models.ForeignKey(
        AuditCycle, verbose_name=_("toetscyclus"), on_delete=models.CASCADE, related_name="findings"
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
    kind = models.CharField(_("soort"), max_length=20, choices=FindingKind.choices)
    text = models.TextField(_("tekst"))

    class Meta:
        verbose_name = _("bevinding")
        verbose_name_plural = _("bevindingen")
        ordering = ["principle__order", "kind", "id"]
        constraints = [*Reviewable.Meta.constraints]

    def __str__(self) -> str:
        return f"{self.unit} · {self.principle} · {self.get_kind_display()}"


class Recommendation(Versioned, Reviewable):
    """A recommendation ("waar is verbetering nodig") to a unit for one principle, reviewed by
    another than who last wrote it (`uwvkms.review`)."""

    cycle = models.ForeignKey(
        AuditCycle,
        verbose_name=_("toetscyclus"),
        on_delete=models.CASCADE,
        related_name="recommendations",
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
    title = models.CharField(_("titel"), max_length=200)
    text = models.TextField(_("toelichting"))
    priority = models.CharField(
        _("prioriteit"), max_length=10, choices=Priority.choices, default=Priority.MIDDEN
    )

    class Meta:
        verbose_name = _("aanbeveling")
        verbose_name_plural = _("aanbevelingen")
        ordering = ["principle__order", "id"]
        constraints = [*Reviewable.Meta.constraints]

    def __str__(self) -> str:
        return self.title


class Quote(Versioned):
    """A short quote from a confirmed interview. The report attributes it to the unit's report
    ("Uit het rapport van Uitkeren"), never to the person who said it."""

    cycle = models.ForeignKey(
        AuditCycle, verbose_name=_("toetscyclus"), on_delete=models.CASCADE, related_name="quotes"
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
    interview = models.ForeignKey(
        Interview, verbose_name=_("interview"), on_delete=models.PROTECT, related_name="+"
    )
    text = models.CharField(_("citaat"), max_length=400)

    class Meta:
        verbose_name = _("citaat")
        verbose_name_plural = _("citaten")
        ordering = ["principle__order", "id"]

    def __str__(self) -> str:
        return self.text


class UnitReport(Versioned):
    """The report of one unit: concept → afgestemd (agreed with the board: when and with whom) →
    definitief."""

    cycle = models.ForeignKey(
        AuditCycle,
        verbose_name=_("toetscyclus"),
        on_delete=models.CASCADE,
        related_name="unit_reports",
    )
    unit = models.ForeignKey(
        BusinessUnit,
        verbose_name=_("bedrijfsonderdeel"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=UnitReportStatus.choices,
        default=UnitReportStatus.CONCEPT,
    )
    agreed_on = models.DateField(_("afgestemd op"), null=True, blank=True)
    agreed_with = models.CharField(_("afgestemd met"), max_length=300, blank=True)
    finalised_at = models.DateTimeField(_("definitief op"), null=True, blank=True)

    class Meta:
        verbose_name = _("rapport bedrijfsonderdeel")
        verbose_name_plural = _("rapporten bedrijfsonderdelen")
        constraints = [
            models.UniqueConstraint(fields=["cycle", "unit"], name="unitreport_one_per_cycle_unit"),
            models.CheckConstraint(
                condition=models.Q(status=UnitReportStatus.CONCEPT)
                | (models.Q(agreed_on__isnull=False) & ~models.Q(agreed_with="")),
                name="unitreport_agreed_has_date_and_who",
                violation_error_message=_("Een afgestemd rapport heeft een datum en met wie."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} ({self.cycle.year})"


class ManagementResponse(Versioned):
    """The unit board's answer to its report: per recommendation recognised or not, and an
    overall response. Read-only once submitted."""

    unit_report = models.OneToOneField(
        UnitReport, verbose_name=_("rapport"), on_delete=models.CASCADE, related_name="response"
    )
    overall = models.TextField(_("reactie"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ResponseStatus.choices, default=ResponseStatus.CONCEPT
    )
    submitted_at = models.DateTimeField(_("ingediend op"), null=True, blank=True)

    class Meta:
        verbose_name = _("managementreactie")
        verbose_name_plural = _("managementreacties")

    def __str__(self) -> str:
        return str(self.unit_report)


class RecommendationResponse(models.Model):
    """The board's answer to one recommendation."""

    response = models.ForeignKey(
        ManagementResponse,
        verbose_name=_("managementreactie"),
        on_delete=models.CASCADE,
        related_name="answers",
    )
    recommendation = models.OneToOneField(
        Recommendation,
        verbose_name=_("aanbeveling"),
        on_delete=models.PROTECT,
        related_name="answer",
    )
    recognition = models.CharField(_("herkenning"), max_length=20, choices=Recognition.choices)
    explanation = models.TextField(_("toelichting"), blank=True)
    intended_actions = models.TextField(_("voorgenomen acties"), blank=True)

    class Meta:
        verbose_name = _("reactie op aanbeveling")
        verbose_name_plural = _("reacties op aanbevelingen")

    def __str__(self) -> str:
        return f"{self.recommendation}: {self.get_recognition_display()}"


class RollupSettings(models.Model):
    """Per cycle: at how many units a theme becomes a rode draad."""

    cycle = models.OneToOneField(
        AuditCycle,
        verbose_name=_("toetscyclus"),
        on_delete=models.CASCADE,
        related_name="rollup_settings",
    )
    thread_threshold = models.PositiveSmallIntegerField(
        _("drempel rode draad (aantal onderdelen)"), default=DEFAULT_THREAD_THRESHOLD
    )

    class Meta:
        verbose_name = _("instellingen oprollen")
        verbose_name_plural = _("instellingen oprollen")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(thread_threshold__gte=2), name="rollupsettings_threshold_min_2"
            )
        ]

    def __str__(self) -> str:
        return str(self.cycle)


class Theme(Versioned, Withdrawable):
    """A group of recommendations the roll-up team sees as one subject. Whether it is a rode
    draad is computed (findings.rules), never typed."""

    cycle = models.ForeignKey(
        AuditCycle, verbose_name=_("toetscyclus"), on_delete=models.CASCADE, related_name="themes"
    )
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True)
    recommendations = models.ManyToManyField(
        Recommendation,
        through="ThemeMembership",
        verbose_name=_("aanbevelingen"),
        related_name="themes",
    )

    class Meta(Withdrawable.Meta):
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class ThemeMembership(models.Model):
    """That a recommendation belongs to a theme: who grouped it there and when."""

    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="memberships")
    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="memberships"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("door"), on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(_("op"), auto_now_add=True)

    class Meta:
        verbose_name = _("indeling")
        verbose_name_plural = _("indelingen")
        constraints = [
            models.UniqueConstraint(
                fields=["theme", "recommendation"], name="thememembership_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.theme} ← {self.recommendation}"


class MainFinding(Versioned):
    """A hoofdbevinding: a theme that recurs under every assessed principle, confirmed by the
    roll-up team with UWV-wide advice."""

    theme = models.OneToOneField(
        Theme, verbose_name=_("thema"), on_delete=models.PROTECT, related_name="main_finding"
    )
    title = models.CharField(_("titel"), max_length=200)
    advice = models.TextField(_("UWV-breed advies"))
    confirmed_at = models.DateTimeField(_("bevestigd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("hoofdbevinding")
        verbose_name_plural = _("hoofdbevindingen")
        ordering = ["confirmed_at"]

    def __str__(self) -> str:
        return self.title


class FollowUpAction(Versioned, Withdrawable):
    """An improvement action of a unit for a recognised recommendation, with a SMART goal and, in
    the end, a measured effect (DOMAIN.md §4 "Follow-up", §7). Done without an effect measurement
    is a gap, not a success."""

    cycle = models.ForeignKey(
        AuditCycle,
        verbose_name=_("toetscyclus"),
        on_delete=models.CASCADE,
        related_name="follow_up_actions",
    )
    unit = models.ForeignKey(
        BusinessUnit,
        verbose_name=_("bedrijfsonderdeel"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recommendation = models.ForeignKey(
        Recommendation,
        verbose_name=_("aanbeveling"),
        on_delete=models.PROTECT,
        related_name="actions",
    )
    title = models.CharField(_("actie"), max_length=200)
    owner = models.CharField(_("eigenaar"), max_length=120)
    goal = models.TextField(_("doel (specifiek)"))
    indicator = models.CharField(_("indicator (meetbaar)"), max_length=200, blank=True)
    baseline = models.DecimalField(
        _("nulmeting"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    target = models.DecimalField(
        _("streefwaarde"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    due_on = models.DateField(_("uiterlijk gereed"))
    status = models.CharField(
        _("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.GEPLAND
    )
    # When the board recorded it: an effect is never measured before (findings.rules).
    created_at = models.DateTimeField(_("vastgelegd op"), default=timezone.now, editable=False)

    class Meta(Withdrawable.Meta):
        verbose_name = _("vervolgactie")
        verbose_name_plural = _("vervolgacties")
        ordering = ["due_on", "id"]
        constraints = [
            *Withdrawable.Meta.constraints,
            models.CheckConstraint(
                condition=models.Q(target__isnull=True) | ~models.Q(indicator=""),
                name="followupaction_target_needs_indicator",
                violation_error_message=_("Een streefwaarde hoort bij een indicator."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class EffectMeasurement(models.Model):
    """What an improvement action delivered: a measured value on a date and a conclusion."""

    action = models.ForeignKey(
        FollowUpAction,
        verbose_name=_("vervolgactie"),
        on_delete=models.CASCADE,
        related_name="measurements",
    )
    measured_value = models.DecimalField(_("gemeten waarde"), max_digits=12, decimal_places=2)
    measured_on = models.DateField(_("meetdatum"))
    conclusion = models.CharField(_("conclusie"), max_length=20, choices=EffectConclusion.choices)
    next_steps = models.TextField(_("wat volgt"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("door"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("effectmeting")
        verbose_name_plural = _("effectmetingen")
        ordering = ["measured_on", "id"]

    def __str__(self) -> str:
        return f"{self.action}: {self.measured_value} ({self.measured_on})"


class AuditRating(models.Model):
    """A participant's rating of the audit itself, 1–10, with a comment."""

    cycle = models.ForeignKey(
        AuditCycle, verbose_name=_("toetscyclus"), on_delete=models.CASCADE, related_name="ratings"
    )
    unit = models.ForeignKey(
        BusinessUnit,
        verbose_name=_("bedrijfsonderdeel"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    rater = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("beoordelaar"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    rater_role = models.CharField(_("rol"), max_length=20, choices=RaterRole.choices)
    rating = models.PositiveSmallIntegerField(_("cijfer"))
    comment = models.TextField(_("toelichting"), blank=True)
    rated_at = models.DateTimeField(_("op"), auto_now_add=True)

    class Meta:
        verbose_name = _("beoordeling van de toets")
        verbose_name_plural = _("beoordelingen van de toets")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__gte=1, rating__lte=10),
                name="auditrating_1_to_10",
                violation_error_message=_("Een cijfer is een geheel getal van 1 tot en met 10."),
            ),
            models.UniqueConstraint(fields=["cycle", "rater"], name="auditrating_one_per_rater"),
        ]

    def __str__(self) -> str:
        return f"{self.cycle.year}: {self.rating}"
