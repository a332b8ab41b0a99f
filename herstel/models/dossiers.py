"""The dossiers of an action's execution (DOMAIN.md §6, step 3), their imports and history, and
the weekly snapshots of the figures. Amounts are whole cents (see herstel/money.py), so the
database's sums are exact on SQLite and PostgreSQL alike."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from herstel.constants import Amount, DossierOutcome, DossierStatus, SnapshotTrigger
from herstel.models.action import Herstelactie
from herstel.money import euros
from uwvkms.formats import local_datetime
from uwvkms.versioning import VersionedSinceLater

# The four amount columns of a dossier and of a snapshot: "<amount>_cents".
AMOUNT_FIELDS = tuple(f"{amount.value}_cents" for amount in Amount)


def _amount_constraints(prefix: str) -> list[models.CheckConstraint]:
    return [
        models.CheckConstraint(
            condition=models.Q(**{f"{name}__gte": 0}),
            name=f"{prefix}_{name}_not_negative",
            violation_error_message=_("Een bedrag is nul of meer."),
        )
        for name in AMOUNT_FIELDS
    ]


class DossierImport(models.Model):
    """One import of a file of dossiers: who, when, which file, and what it did. Atomic: an
    import with one bad row stores nothing and leaves no record."""

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "XLSX"

    herstelactie = models.ForeignKey(
        Herstelactie,
        verbose_name=_("herstelactie"),
        on_delete=models.CASCADE,
        related_name="dossier_imports",
    )
    file_name = models.CharField(_("bestand"), max_length=255)
    file_format = models.CharField(_("formaat"), max_length=4, choices=Format.choices)
    rows = models.PositiveIntegerField(_("regels"))
    created = models.PositiveIntegerField(_("nieuw"))
    updated = models.PositiveIntegerField(_("gewijzigd"))
    unchanged = models.PositiveIntegerField(_("ongewijzigd"))
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geïmporteerd door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    imported_at = models.DateTimeField(_("geïmporteerd op"))

    class Meta:
        verbose_name = _("dossierimport")
        verbose_name_plural = _("dossierimports")
        ordering = ["-imported_at", "-id"]

    def __str__(self) -> str:
        return f"{self.file_name} ({local_datetime(self.imported_at)})"

    def get_absolute_url(self) -> str:
        return reverse(
            "herstel:dossier_import_result",
            kwargs={"pk": self.herstelactie_id, "import_pk": self.pk},
        )


class Dossier(VersionedSinceLater):
    """One client dossier in a herstelactie, known only by a pseudonymous reference (never a
    BSN or a name): its status, the outcome of the assessment and the four amounts. `version`
    guards against lost updates between the edit form and imports."""

    # No index of its own: the unique (herstelactie, reference) index serves every lookup by
    # action, and each index less makes an import of 100,000 dossiers faster.
    herstelactie = models.ForeignKey(
        Herstelactie,
        verbose_name=_("herstelactie"),
        on_delete=models.CASCADE,
        related_name="dossiers",
        db_index=False,
    )
    reference = models.CharField(_("referentie"), max_length=64)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=DossierStatus.choices,
        default=DossierStatus.TE_BEOORDELEN,
    )
    outcome = models.CharField(
        _("uitkomst"), max_length=20, choices=DossierOutcome.choices, blank=True
    )
    paid_cents = models.BigIntegerField(_("nabetaald (cent)"), default=0)
    to_pay_cents = models.BigIntegerField(_("nog te betalen (cent)"), default=0)
    recovered_cents = models.BigIntegerField(_("teruggevorderd (cent)"), default=0)
    written_off_cents = models.BigIntegerField(_("afgeboekt (cent)"), default=0)
    created_in = models.ForeignKey(
        DossierImport,
        verbose_name=_("aangemaakt bij import"),
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,  # never looked up this way; imports are not deleted
    )

    class Meta:
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        ordering = ["reference"]
        constraints = [
            models.UniqueConstraint(
                fields=["herstelactie", "reference"],
                name="dossier_reference_unique",
                violation_error_message=_("Deze referentie bestaat al in deze herstelactie."),
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=DossierStatus.values),
                name="dossier_status_valid",
                violation_error_message=_("Onbekende status."),
            ),
            models.CheckConstraint(
                condition=models.Q(outcome="") | models.Q(outcome__in=DossierOutcome.values),
                name="dossier_outcome_valid",
                violation_error_message=_("Onbekende uitkomst."),
            ),
            models.CheckConstraint(
                condition=models.Q(status=DossierStatus.TE_BEOORDELEN, outcome="")
                | (~models.Q(status=DossierStatus.TE_BEOORDELEN) & ~models.Q(outcome="")),
                name="dossier_outcome_after_assessment",
                violation_error_message=_(
                    "Een beoordeeld dossier heeft een uitkomst; een dossier dat nog te "
                    "beoordelen is, nog niet."
                ),
            ),
            *_amount_constraints("dossier"),
        ]

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse(
            "herstel:dossier", kwargs={"pk": self.herstelactie_id, "dossier_pk": self.pk}
        )

    @property
    def paid(self):
        return euros(self.paid_cents)

    @property
    def to_pay(self):
        return euros(self.to_pay_cents)

    @property
    def recovered(self):
        return euros(self.recovered_cents)

    @property
    def written_off(self):
        return euros(self.written_off_cents)


class DossierChange(models.Model):
    """One change of a dossier: who, when, through which import (or the edit form), and old →
    new per field (amounts in cents). Never edited or deleted. A dossier's creation is its
    import (`Dossier.created_in`); its first values follow from undoing these changes.

    The one source of truth of a dossier's history, written once per change: the dossier page
    (`dossier_history`), the import result, the conflict message and the action's timeline (an
    edit in the browser, as "Dossier gewijzigd") read these rows. An import also records one
    `herstel.dossiers.imported` event on the action, with its counts only, never the rows."""

    dossier = models.ForeignKey(
        Dossier, verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="changes"
    )
    dossier_import = models.ForeignKey(
        DossierImport,
        verbose_name=_("import"),
        on_delete=models.PROTECT,
        related_name="changes",
        null=True,
        blank=True,
    )
    changes = models.JSONField(_("wijzigingen"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("door"), on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(_("op"))

    class Meta:
        verbose_name = _("dossierwijziging")
        verbose_name_plural = _("dossierwijzigingen")
        ordering = ["changed_at", "id"]

    def __str__(self) -> str:
        return f"{self.dossier} · {local_datetime(self.changed_at)}"


class DossierSnapshot(models.Model):
    """The figures of an action at one moment, kept for the trend per week: taken on every
    import and by `manage.py herstel_snapshot` (weekly)."""

    herstelactie = models.ForeignKey(
        Herstelactie,
        verbose_name=_("herstelactie"),
        on_delete=models.CASCADE,
        related_name="snapshots",
    )
    taken_at = models.DateTimeField(_("moment"))
    trigger = models.CharField(_("aanleiding"), max_length=10, choices=SnapshotTrigger.choices)
    total = models.PositiveIntegerField(_("dossiers"))
    te_beoordelen = models.PositiveIntegerField(_("te beoordelen"))
    beoordeeld = models.PositiveIntegerField(_("beoordeeld"))
    afgehandeld = models.PositiveIntegerField(_("afgehandeld"))
    paid_cents = models.BigIntegerField(_("nabetaald (cent)"))
    to_pay_cents = models.BigIntegerField(_("nog te betalen (cent)"))
    recovered_cents = models.BigIntegerField(_("teruggevorderd (cent)"))
    written_off_cents = models.BigIntegerField(_("afgeboekt (cent)"))

    class Meta:
        verbose_name = _("momentopname")
        verbose_name_plural = _("momentopnames")
        ordering = ["taken_at", "id"]
        constraints = _amount_constraints("dossiersnapshot")

    def __str__(self) -> str:
        return f"{self.herstelactie} · {local_datetime(self.taken_at)}"
