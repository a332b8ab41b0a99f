"""The documents in a herstelactie's dossier: the advice, the note to the minister, the plan of
approach, decision documents, evaluation reports, the kapstokverhaal, uploaded as files (checked
by content, scanned, stored privately; see herstel/services/documents.py) and kept in versions."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from herstel.constants import DocumentKind
from herstel.models.action import Herstelactie
from uwvkms.storage import private_storage
from uwvkms.withdrawal import Withdrawable


def _upload_path(instance: "ActionDocument", filename: str) -> str:
    # A random name in the storage: the user's file name is kept (sanitised) only as metadata.
    return f"herstel/{instance.herstelactie_id}/{uuid.uuid4().hex}"


class ActionDocument(Withdrawable):
    """One version of a document of an action. A new upload of the same kind and title is the
    next version; the older versions stay (and stay downloadable). A version uploaded in error
    is withdrawn with a reason, never deleted: it leaves the list of current documents and the
    choices of a decision, but its row and bytes stay."""

    herstelactie = models.ForeignKey(
        Herstelactie,
        verbose_name=_("herstelactie"),
        on_delete=models.CASCADE,
        related_name="documents",
    )
    kind = models.CharField(_("soort document"), max_length=20, choices=DocumentKind.choices)
    title = models.CharField(_("titel"), max_length=200)
    version = models.PositiveIntegerField(_("versie"))
    file = models.FileField(
        _("bestand"), storage=private_storage, upload_to=_upload_path, max_length=255
    )
    original_name = models.CharField(_("bestandsnaam"), max_length=200)
    content_type = models.CharField(_("soort bestand"), max_length=100)
    size = models.PositiveBigIntegerField(_("grootte (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("toegevoegd door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("toegevoegd op"), auto_now_add=True)

    class Meta(Withdrawable.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documenten")
        ordering = ["kind", "title", "-version"]
        constraints = [
            *Withdrawable.Meta.constraints,
            models.UniqueConstraint(
                fields=["herstelactie", "kind", "title", "version"],
                name="action_document_version_unique",
                violation_error_message=_("Deze versie van dit document bestaat al."),
            ),
            models.CheckConstraint(
                condition=models.Q(version__gte=1),
                name="action_document_version_positive",
                violation_error_message=_("Een versie is 1 of hoger."),
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=DocumentKind.values),
                name="action_document_kind_valid",
                violation_error_message=_("Onbekende soort document."),
            ),
            models.CheckConstraint(
                condition=~models.Q(title=""),
                name="action_document_has_title",
                violation_error_message=_("Een document heeft een titel."),
            ),
        ]

    def __str__(self) -> str:
        return gettext("%(kind)s: %(title)s (versie %(version)s)") % {
            "kind": self.get_kind_display(),
            "title": self.title,
            "version": self.version,
        }
