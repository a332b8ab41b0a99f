"""Evidence requests to the unit (issue 21 §1): the request list the audit team sends a unit, its
items, the thread per item, and the quality contacts a unit's board designates to answer."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from audits.constants import RequestItemStatus, RequestSide
from audits.models.cycle import AuditCycle
from audits.models.documents import DocumentType
from audits.storage import private_storage
from uwvkms.models import BusinessUnit
from uwvkms.versioning import Versioned
from uwvkms.withdrawal import Withdrawable


class QualityContact(Withdrawable):
    """A user of a unit whom its board designated to answer the unit's evidence requests
    (capacity QUALITY_CONTACT). Ended with a reason (withdrawn), never deleted."""

    unit = models.ForeignKey(
        BusinessUnit,
        verbose_name=_("bedrijfsonderdeel"),
        on_delete=models.PROTECT,
        related_name="quality_contacts",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("kwaliteitscontactpersoon"),
        on_delete=models.PROTECT,
        related_name="quality_contact_roles",
    )
    designated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangewezen door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    designated_at = models.DateTimeField(_("aangewezen op"), auto_now_add=True)

    class Meta(Withdrawable.Meta):
        verbose_name = _("kwaliteitscontactpersoon")
        verbose_name_plural = _("kwaliteitscontactpersonen")
        ordering = ["designated_at", "id"]
        constraints = [
            *Withdrawable.Meta.constraints,
            models.UniqueConstraint(
                fields=["unit", "user"],
                condition=Q(withdrawn_at__isnull=True),
                name="qualitycontact_once_per_unit",
                violation_error_message=_("Deze persoon is al kwaliteitscontactpersoon."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.unit})"


class EvidenceRequest(Versioned):
    """The request list the audit team of a unit sent it in a cycle, with its due date. One per
    unit per cycle; items can be added to it after it was sent."""

    cycle = models.ForeignKey(
        AuditCycle,
        verbose_name=_("toetscyclus"),
        on_delete=models.CASCADE,
        related_name="evidence_requests",
    )
    unit = models.ForeignKey(
        BusinessUnit,
        verbose_name=_("bedrijfsonderdeel"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    due_on = models.DateField(_("uiterlijk aanleveren op"))
    note = models.TextField(_("toelichting voor het onderdeel"), blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verstuurd door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("verstuurd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("uitvraag")
        verbose_name_plural = _("uitvragen")
        ordering = ["cycle", "unit__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "unit"],
                name="evidencerequest_once_per_unit",
                violation_error_message=_("Dit onderdeel heeft in deze cyclus al een uitvraag."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit} ({self.cycle.year})"


class EvidenceRequestItem(Versioned, Withdrawable):
    """One item of a request list: a document of the documentation list or an extra item (title
    and explanation), with the unit's answer."""

    request = models.ForeignKey(
        EvidenceRequest, verbose_name=_("uitvraag"), on_delete=models.PROTECT, related_name="items"
    )
    document_type = models.ForeignKey(
        DocumentType,
        verbose_name=_("document"),
        on_delete=models.PROTECT,
        related_name="request_items",
        null=True,
        blank=True,
    )
    title = models.CharField(_("gevraagd"), max_length=200)
    explanation = models.TextField(_("toelichting"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=RequestItemStatus.choices,
        default=RequestItemStatus.OPEN,
    )
    answer = models.TextField(_("toelichting van het onderdeel"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("beantwoord door"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    answered_at = models.DateTimeField(_("beantwoord op"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta(Withdrawable.Meta):
        verbose_name = _("gevraagd stuk")
        verbose_name_plural = _("gevraagde stukken")
        ordering = ["order", "id"]
        constraints = [
            *Withdrawable.Meta.constraints,
            models.UniqueConstraint(
                fields=["request", "document_type"],
                condition=Q(withdrawn_at__isnull=True, document_type__isnull=False),
                name="evidencerequestitem_document_once",
                violation_error_message=_("Dit document staat al op de uitvraag."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=RequestItemStatus.values),
                name="evidencerequestitem_status_valid",
                violation_error_message=_("Kies een geldige status."),
            ),
            models.CheckConstraint(
                condition=~Q(title=""),
                name="evidencerequestitem_title_required",
                violation_error_message=_("Geef aan wat er gevraagd wordt."),
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[RequestItemStatus.BESTAAT_NIET, RequestItemStatus.NVT])
                | ~Q(answer=""),
                name="evidencerequestitem_explained",
                violation_error_message=_(
                    "Licht toe waarom het document niet bestaat of niet van toepassing is."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in (RequestItemStatus.OPEN, RequestItemStatus.AANVULLEND)


class RequestMessage(models.Model):
    """A message in an item's request thread: the team asking for more, the unit answering.
    Never edited or deleted."""

    item = models.ForeignKey(
        EvidenceRequestItem,
        verbose_name=_("gevraagd stuk"),
        on_delete=models.PROTECT,
        related_name="messages",
    )
    side = models.CharField(_("van"), max_length=10, choices=RequestSide.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("door"), on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(_("bericht"))
    created_at = models.DateTimeField(_("op"), auto_now_add=True)

    class Meta:
        verbose_name = _("bericht")
        verbose_name_plural = _("berichten")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(text=""),
                name="requestmessage_text_required",
                violation_error_message=_("Een bericht heeft tekst."),
            )
        ]

    def __str__(self) -> str:
        return self.text[:60]


def _item_upload_path(instance: "RequestItemFile", filename: str) -> str:
    return f"requests/{instance.item_id}/{uuid.uuid4().hex}"


class RequestItemFile(Withdrawable):
    """A file the unit delivered for an *extra* item of a request list (one not on the
    documentation list). A file for a documentation-list item lands as a `DocumentFile` on the
    unit's `DocumentCheck` instead, so the auditors judge it as any other document. Checked,
    scanned and stored privately in the same way, and kept in the same way: a file the audit
    team deletes is withdrawn into the cycle's quarantine (`audits.selectors.quarantine`), and
    the retention job removes its bytes when the evidence files' term ends (`audits.retention`)."""

    item = models.ForeignKey(
        EvidenceRequestItem,
        verbose_name=_("gevraagd stuk"),
        on_delete=models.PROTECT,
        related_name="extra_files",
    )
    file = models.FileField(
        _("bestand"), storage=private_storage, upload_to=_item_upload_path, max_length=255
    )
    original_name = models.CharField(_("bestandsnaam"), max_length=200)
    content_type = models.CharField(_("soort bestand"), max_length=100)
    size = models.PositiveBigIntegerField(_("grootte (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("door"), on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("op"), auto_now_add=True)
    # The day the retention job deleted the bytes; the row stays (as `DocumentFile.removed_on`).
    removed_on = models.DateField(_("verwijderd na bewaartermijn op"), null=True, blank=True)

    class Meta(Withdrawable.Meta):
        verbose_name = _("aangeleverd bestand")
        verbose_name_plural = _("aangeleverde bestanden")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name
