"""Document study against the documentation list of standard quality-management products."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from audits.constants import DocumentStatus
from audits.models.cycle import AuditCycle, ManagementPrinciple
from audits.storage import private_storage
from uwvkms.models import BusinessUnit
from uwvkms.review import Reviewable
from uwvkms.versioning import Versioned
from uwvkms.withdrawal import Withdrawable


class DocumentType(models.Model):
    """An item of the documentation list (year plan, quality plan, management review, …),
    maintained by the coordination team."""

    name = models.CharField(_("naam"), max_length=120, unique=True)
    description = models.TextField(_("toelichting"), blank=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    is_active = models.BooleanField(_("in gebruik"), default=True)

    class Meta:
        verbose_name = _("documentsoort")
        verbose_name_plural = _("documentenlijst")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class DocumentCheck(Versioned, Reviewable):
    """What the auditor found for one item of the documentation list at one unit: delivered or
    not, and what the document shows for design (opzet), existence (bestaan) and operation
    (werking). Reviewed by another than who last judged it before the unit's scores are
    submitted (`uwvkms.review`)."""

    cycle = models.ForeignKey(
        AuditCycle,
        verbose_name=_("toetscyclus"),
        on_delete=models.CASCADE,
        related_name="documents",
    )
    unit = models.ForeignKey(
        BusinessUnit,
        verbose_name=_("bedrijfsonderdeel"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    document_type = models.ForeignKey(
        DocumentType, verbose_name=_("document"), on_delete=models.PROTECT, related_name="checks"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=DocumentStatus.choices, default=DocumentStatus.OPEN
    )
    principles = models.ManyToManyField(
        ManagementPrinciple, verbose_name=_("bewijs voor"), related_name="+", blank=True
    )
    design_note = models.TextField(_("opzet"), blank=True)
    existence_note = models.TextField(_("bestaan"), blank=True)
    operation_note = models.TextField(_("werking"), blank=True)

    class Meta:
        verbose_name = _("documentbeoordeling")
        verbose_name_plural = _("documentbeoordelingen")
        ordering = ["document_type__order", "document_type__name"]
        constraints = [
            *Reviewable.Meta.constraints,
            models.UniqueConstraint(
                fields=["cycle", "unit", "document_type"],
                name="documentcheck_unique",
                violation_error_message=_("Dit document is voor dit onderdeel al beoordeeld."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.document_type}"


def _upload_path(instance: "DocumentFile", filename: str) -> str:
    # A random name on disk: the user's file name is kept (sanitised) only as metadata.
    return f"documents/{instance.document_check_id}/{uuid.uuid4().hex}"


class DocumentFile(Withdrawable):
    """An uploaded file for a document check. Stored privately; see `audits.storage`.

    A file the audit team deletes is *withdrawn* into quarantine (`uwvkms.withdrawal`): it
    leaves every page, count and download (the default manager), but its row and bytes stay
    until the retention period ends, and the coordination team can restore it."""

    document_check = models.ForeignKey(
        DocumentCheck,
        verbose_name=_("documentbeoordeling"),
        on_delete=models.PROTECT,
        related_name="files",
    )
    file = models.FileField(
        _("bestand"), storage=private_storage, upload_to=_upload_path, max_length=255
    )
    original_name = models.CharField(_("bestandsnaam"), max_length=200)
    content_type = models.CharField(_("soort bestand"), max_length=100)
    size = models.PositiveBigIntegerField(_("grootte (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("door"), on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("op"), auto_now_add=True)
    # The day the retention job deleted the file's bytes (uwvkms.retention; audits.retention): the
    # row stays, so the evidence list still says which file there was, and since when it is gone.
    # The request item it answered, when the unit delivered it (issue 21 §1); None for a file
    # the audit team added itself.
    request_item = models.ForeignKey(
        "audits.EvidenceRequestItem",
        verbose_name=_("aangeleverd op uitvraag"),
        on_delete=models.PROTECT,
        related_name="document_files",
        null=True,
        blank=True,
    )
    removed_on = models.DateField(_("verwijderd na bewaartermijn op"), null=True, blank=True)

    class Meta(Withdrawable.Meta):
        verbose_name = _("bestand")
        verbose_name_plural = _("bestanden")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name
