"""The UWV-wide report as the coordination team writes it (DOMAIN.md §5, issue 18): its front
matter, its chapters and sections with the material chosen for them, and its published
versions."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from audits.models import AuditCycle, ManagementPrinciple
from audits.storage import private_storage
from findings.constants import (
    MaterialKind,
    SectionStatus,
)
from findings.models.audit import (
    Finding,
    ManagementResponse,
    Quote,
    Recommendation,
    Theme,
)
from uwvkms.models import BusinessUnit
from uwvkms.versioning import Versioned
from uwvkms.withdrawal import Withdrawable


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


class ReportMaterial(Versioned, Withdrawable):
    """Material the coordination team places in a section of the UWV-wide report (issue 18):
    a good example (a unit's good practice with the team's explanation), a quote (a passage from
    a confirmed interview, the unit's report or its management response, attributed to the
    unit's report, never to a person), or a UWV-level observation or recommendation the team
    wrote, with the rode draden and unit recommendations it rests on (for the team; never
    printed)."""

    section = models.ForeignKey(
        ReportSection,
        verbose_name=_("paragraaf"),
        on_delete=models.CASCADE,
        related_name="materials",
    )
    position = models.PositiveSmallIntegerField(_("volgorde"))
    kind = models.CharField(_("soort"), max_length=20, choices=MaterialKind.choices)
    unit = models.ForeignKey(
        BusinessUnit,
        verbose_name=_("bedrijfsonderdeel"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    finding = models.ForeignKey(
        Finding,
        verbose_name=_("bevinding uit het rapport"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    quote = models.ForeignKey(
        Quote,
        verbose_name=_("citaat uit een interview"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    response = models.ForeignKey(
        ManagementResponse,
        verbose_name=_("managementreactie"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    # The source's text as it was when the team placed it: the report prints what the team saw,
    # even when the unit's report is edited later.
    source_text = models.TextField(_("tekst van de bron"), blank=True)
    title = models.CharField(_("titel"), max_length=200, blank=True)
    text = models.TextField(_("tekst"))
    themes = models.ManyToManyField(
        Theme, verbose_name=_("rode draden"), related_name="+", blank=True
    )
    recommendations = models.ManyToManyField(
        Recommendation,
        verbose_name=_("aanbevelingen aan onderdelen"),
        related_name="+",
        blank=True,
    )

    class Meta(Withdrawable.Meta):
        verbose_name = _("gekozen materiaal")
        verbose_name_plural = _("gekozen materiaal")
        ordering = ["position", "id"]
        constraints = [
            *Withdrawable.Meta.constraints,
            models.CheckConstraint(
                condition=(
                    models.Q(kind=MaterialKind.VOORBEELD)
                    & models.Q(finding__isnull=False, unit__isnull=False)
                    & models.Q(quote__isnull=True, response__isnull=True)
                )
                | (
                    models.Q(kind=MaterialKind.CITAAT, unit__isnull=False)
                    & (
                        models.Q(finding__isnull=False, quote__isnull=True, response__isnull=True)
                        | models.Q(finding__isnull=True, quote__isnull=False, response__isnull=True)
                        | models.Q(finding__isnull=True, quote__isnull=True, response__isnull=False)
                    )
                )
                | (
                    models.Q(kind__in=[MaterialKind.OBSERVATIE, MaterialKind.AANBEVELING])
                    & ~models.Q(title="")
                    & models.Q(
                        unit__isnull=True,
                        finding__isnull=True,
                        quote__isnull=True,
                        response__isnull=True,
                    )
                ),
                name="reportmaterial_source_fits_kind",
                violation_error_message=_(
                    "Een goed voorbeeld komt uit een goede praktijk, een citaat uit één bron, een "
                    "UWV-brede observatie of aanbeveling heeft een titel en geen bron."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title or f"{self.get_kind_display()}: {self.text[:60]}"


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
