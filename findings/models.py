"""Findings per unit, unit reports with management responses, the roll-up into themes (rode
draden, hoofdbevindingen), follow-up actions with effect measurement and the audit's own rating
(DOMAIN.md §4 and §7)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audits.models import AuditCycle, Interview, ManagementPrinciple
from audits.storage import private_storage
from findings.constants import (
    DEFAULT_THREAD_THRESHOLD,
    ActionStatus,
    EffectConclusion,
    FindingKind,
    Priority,
    RaterRole,
    Recognition,
    ResponseStatus,
    SectionStatus,
    UnitReportStatus,
)
from uwvkms.models import BusinessUnit
from uwvkms.versioning import Versioned
from uwvkms.withdrawal import Withdrawable


class Finding(Versioned):
    """An observation or good practice at a unit for one assessed principle."""

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

    def __str__(self) -> str:
        return f"{self.unit} · {self.principle} · {self.get_kind_display()}"


class Recommendation(Versioned):
    """A recommendation ("waar is verbetering nodig") to a unit for one principle."""

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


class ReportFrontMatter(Versioned):
    """The front matter of a cycle's UWV-wide report, kept by the coordination team (DOMAIN.md
    §5): the report date (empty: the day the version is published, or today for the live
    concept) and to whom the report goes (empty: `DEFAULT_ADDRESSEES`). One row per cycle. The
    chapters' titles are kept with the report's structure (`ReportSection`)."""

    cycle = models.ForeignKey(
        AuditCycle,
        verbose_name=_("toetscyclus"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    report_date = models.DateField(
        _("rapportdatum"),
        null=True,
        blank=True,
        help_text=_("Leeg: de datum van publicatie van de versie."),
    )
    addressees = models.CharField(
        _("geadresseerden"), max_length=200, blank=True, help_text=_("Leeg: de standaard.")
    )

    class Meta:
        verbose_name = _("voorwerk van het rapport")
        verbose_name_plural = _("voorwerk van rapporten")
        constraints = [
            models.UniqueConstraint(
                fields=["cycle"],
                name="reportfrontmatter_one_per_cycle",
                violation_error_message=_("Deze toetscyclus heeft al een voorwerk."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.cycle.year} · {self._meta.verbose_name}"


class ReportSection(Versioned, Withdrawable):
    """A chapter (`chapter` empty) or a section of a cycle's UWV-wide report, as the coordination
    team writes it (issue 18): its title, the team's own text in the report markup
    (`uwvkms.markup`), and the generated blocks it chose to show after the text, in order
    (`findings.report.uwv.blocks`), with those it declared "niet van toepassing". A chapter of a
    principle names it. Status concept → klaar voor review → akkoord; akkoord is given by a team
    member other than the last one who edited the content (`edited_by`), a database constraint
    as well as a rule. Removing a section withdraws it with a reason."""

    cycle = models.ForeignKey(
        AuditCycle,
        verbose_name=_("toetscyclus"),
        on_delete=models.CASCADE,
        related_name="report_sections",
    )
    chapter = models.ForeignKey(
        "self",
        verbose_name=_("hoofdstuk"),
        on_delete=models.CASCADE,
        related_name="sections",
        null=True,
        blank=True,
    )
    position = models.PositiveSmallIntegerField(_("volgorde"))
    is_appendix = models.BooleanField(_("bijlage"), default=False)
    principle = models.ForeignKey(
        ManagementPrinciple,
        verbose_name=_("managementprincipe"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    title = models.CharField(_("titel"), max_length=200)
    anchor = models.SlugField(_("linkadres"), max_length=80)
    text = models.TextField(_("tekst"), blank=True)
    blocks = models.JSONField(_("gegenereerde onderdelen"), default=list, blank=True)
    not_applicable = models.JSONField(_("niet van toepassing"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=SectionStatus.choices, default=SectionStatus.CONCEPT
    )
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("laatst bewerkt door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("akkoord door"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    approved_at = models.DateTimeField(_("akkoord op"), null=True, blank=True)

    class Meta(Withdrawable.Meta):
        verbose_name = _("hoofdstuk of paragraaf")
        verbose_name_plural = _("hoofdstukken en paragrafen")
        ordering = ["position", "id"]
        constraints = [
            *Withdrawable.Meta.constraints,
            models.UniqueConstraint(
                fields=["cycle", "anchor"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="reportsection_anchor_unique_per_cycle",
                violation_error_message=_("Dit rapport heeft al een onderdeel met dit linkadres."),
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(status=SectionStatus.AKKOORD)
                    & models.Q(approved_by__isnull=False, approved_at__isnull=False)
                    & ~models.Q(approved_by=models.F("edited_by"))
                )
                | (
                    ~models.Q(status=SectionStatus.AKKOORD)
                    & models.Q(approved_by__isnull=True, approved_at__isnull=True)
                ),
                name="reportsection_akkoord_by_another",
                violation_error_message=_(
                    "Akkoord geeft een ander teamlid dan wie de tekst het laatst bewerkte."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(chapter__isnull=True) | models.Q(principle__isnull=True),
                name="reportsection_principle_on_chapter",
                violation_error_message=_("Alleen een hoofdstuk hoort bij een principe."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ReportStatus(models.TextChoices):
    """The status printed on a published UWV-wide report (DOMAIN.md §5)."""

    CONCEPT = "Concept", _("Concept")
    DEFINITIEF = "Definitief", _("Definitief")


class PublishState(models.TextChoices):
    """Where the one-time rendering of a published version stands."""

    QUEUED = "queued", _("In de wachtrij")
    RUNNING = "running", _("Wordt opgemaakt")
    DONE = "done", _("Gepubliceerd")
    FAILED = "failed", _("Mislukt")


def _report_version_path(instance: "ReportVersion", filename: str) -> str:
    return f"rapportversies/{instance.cycle_id}/{filename}"


class ReportVersion(models.Model):
    """A published version of the UWV-wide report (DOMAIN.md §5): rendered once, stored as PDF
    with its SHA-256 and the data snapshot it came from. Once done it never changes: later edits
    go into a new version with a new label."""

    cycle = models.ForeignKey(
        AuditCycle,
        verbose_name=_("toetscyclus"),
        on_delete=models.PROTECT,
        related_name="report_versions",
    )
    label = models.CharField(_("versie"), max_length=20)
    report_status = models.CharField(_("status"), max_length=20, choices=ReportStatus.choices)
    state = models.CharField(
        _("voortgang"), max_length=10, choices=PublishState.choices, default=PublishState.QUEUED
    )
    task_id = models.CharField(_("taak"), max_length=64, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gepubliceerd door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("aangevraagd op"))
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)
    # When the version last moved (queued, taken by a worker, retried): a version queued or
    # rendering without progress for REPORT_RENDER_STALL_MINUTES was left by a dead worker.
    progress_at = models.DateTimeField(_("laatste voortgang"), null=True, blank=True)
    # How often a worker took it up (a retry is a new attempt): a late worker's writes name the
    # attempt they belong to, so they never land on a later one.
    attempt = models.PositiveIntegerField(_("poging"), default=0)
    pdf = models.FileField(
        _("pdf"),
        storage=private_storage,
        upload_to=_report_version_path,
        max_length=255,
        blank=True,
    )
    pdf_sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    pdf_size = models.PositiveIntegerField(_("grootte (bytes)"), null=True, blank=True)
    # The same version as a Word file (issue 18), rendered from the same view-model at the same
    # moment; empty on versions published before Word export existed.
    docx = models.FileField(
        _("Word-bestand"),
        storage=private_storage,
        upload_to=_report_version_path,
        max_length=255,
        blank=True,
    )
    docx_sha256 = models.CharField(_("SHA-256 van het Word-bestand"), max_length=64, blank=True)
    docx_size = models.PositiveIntegerField(_("grootte Word (bytes)"), null=True, blank=True)
    snapshot = models.JSONField(_("gegevens"), null=True, blank=True)
    error = models.TextField(_("foutmelding"), blank=True)

    class Meta:
        verbose_name = _("rapportversie")
        verbose_name_plural = _("rapportversies")
        ordering = ["cycle__year", "requested_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "label"],
                name="reportversion_unique_label_per_cycle",
                violation_error_message=_("Deze versie bestaat al voor deze toetscyclus."),
            ),
            models.CheckConstraint(
                condition=~models.Q(state="done")
                | (
                    models.Q(published_at__isnull=False, snapshot__isnull=False)
                    & ~models.Q(pdf="")
                    & models.Q(pdf_sha256__regex=r"^[0-9a-f]{64}$")
                ),
                name="reportversion_done_has_pdf_hash_snapshot",
                violation_error_message=_(
                    "Een gepubliceerde versie heeft een pdf, een SHA-256 en een momentopname."
                ),
            ),
            models.CheckConstraint(
                condition=(models.Q(docx="") & models.Q(docx_sha256=""))
                | (~models.Q(docx="") & models.Q(docx_sha256__regex=r"^[0-9a-f]{64}$")),
                name="reportversion_docx_has_hash",
                violation_error_message=_("Een Word-bestand heeft zijn SHA-256."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cycle.year} versie {self.label}"

    @property
    def is_published(self) -> bool:
        return self.state == PublishState.DONE
