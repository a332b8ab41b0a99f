"""Step 2: informal rounds, the recorded decisions of the DT, the RvB and the minister, and the
notifications (the RvB and SZW informed, the note to the minister). Decisions are never edited:
a correction is a new record that refers to the one it corrects."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from herstel.constants import (
    FORUM_OUTCOMES,
    Forum,
    InformChannel,
    Mandate,
    NotificationKind,
    Outcome,
)
from herstel.models.action import Herstelactie
from herstel.models.documents import ActionDocument
from uwvkms.withdrawal import Withdrawable


class InformalRound(models.Model):
    """An informal round before formal decisions (optional, repeatable)."""

    herstelactie = models.ForeignKey(
        Herstelactie,
        verbose_name=_("herstelactie"),
        on_delete=models.CASCADE,
        related_name="informal_rounds",
    )
    held_on = models.DateField(_("datum"))
    participants = models.CharField(_("met wie"), max_length=300)
    summary = models.TextField(_("uitkomst"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("informele ronde")
        verbose_name_plural = _("informele rondes")
        ordering = ["held_on", "id"]

    def __str__(self) -> str:
        return f"{self.participants} · {self.held_on:%d-%m-%Y}"


def _values(forum: Forum) -> list[str]:
    """Every outcome `forum` can record on any path (for the database constraint)."""
    return sorted(outcome.value for outcome in FORUM_OUTCOMES[forum])


class Decision(Withdrawable):
    """A decision of a forum (DT, RvB, minister) on the path of the action's mandate: what was
    decided, when, with which outcome, the document, and who recorded it. Never edited; a
    correction is a new record with `corrects` set (one correction per record)."""

    herstelactie = models.ForeignKey(
        Herstelactie,
        verbose_name=_("herstelactie"),
        on_delete=models.CASCADE,
        related_name="decisions",
    )
    forum = models.CharField(_("gremium"), max_length=20, choices=Forum.choices)
    outcome = models.CharField(_("uitkomst"), max_length=30, choices=Outcome.choices)
    mandate = models.CharField(
        _("mandaat bij het vastleggen"), max_length=20, choices=Mandate.choices
    )
    body = models.TextField(_("besluit"))
    decided_on = models.DateField(_("datum"))
    document = models.CharField(
        _("document"),
        max_length=300,
        blank=True,
        help_text=_("Titel of kenmerk van het stuk in het documentsysteem."),
    )
    # The uploaded document the decision rests on (a version in the action's own dossier).
    document_file = models.ForeignKey(
        ActionDocument,
        verbose_name=_("geüpload document"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    corrects = models.OneToOneField(
        "self",
        verbose_name=_("corrigeert"),
        on_delete=models.PROTECT,
        related_name="correction",
        null=True,
        blank=True,
    )
    correction_reason = models.TextField(_("reden van de correctie"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta(Withdrawable.Meta):
        verbose_name = _("besluit")
        verbose_name_plural = _("besluiten")
        ordering = ["recorded_at", "id"]
        constraints = [
            *Withdrawable.Meta.constraints,
            models.CheckConstraint(
                condition=models.Q(forum=Forum.DT, outcome__in=_values(Forum.DT))
                | models.Q(forum=Forum.RVB, outcome__in=_values(Forum.RVB))
                | models.Q(forum=Forum.MINISTER, outcome__in=_values(Forum.MINISTER)),
                name="decision_outcome_fits_forum",
                violation_error_message=_("Deze uitkomst past niet bij dit gremium."),
            ),
            models.CheckConstraint(
                condition=models.Q(corrects__isnull=True) | ~models.Q(correction_reason=""),
                name="decision_correction_has_reason",
                violation_error_message=_("Een correctie heeft een reden."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_forum_display()} · {self.get_outcome_display()} · {self.decided_on:%d-%m-%Y}"


class Notification(models.Model):
    """A kennisgeving: the RvB or SZW informed, or SBK's note to the minister drafted with SZW."""

    herstelactie = models.ForeignKey(
        Herstelactie,
        verbose_name=_("herstelactie"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("soort"), max_length=20, choices=NotificationKind.choices)
    informed_on = models.DateField(_("datum"))
    summary = models.TextField(_("toelichting"))
    document = models.CharField(
        _("document"),
        max_length=300,
        blank=True,
        help_text=_("Titel of kenmerk van het stuk in het documentsysteem."),
    )
    # The uploaded document itself (e.g. the note to the minister), beside its title above.
    document_file = models.ForeignKey(
        ActionDocument,
        verbose_name=_("geüpload document"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    # How (issue 20): SZW is outside the app, so SBK records how it was informed. Empty on
    # records made before it was asked.
    channel = models.CharField(_("hoe"), max_length=20, choices=InformChannel.choices, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("kennisgeving")
        verbose_name_plural = _("kennisgevingen")
        ordering = ["informed_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=NotificationKind.values),
                name="notification_kind_valid",
                violation_error_message=_("Onbekende soort kennisgeving."),
            ),
            models.CheckConstraint(
                condition=models.Q(channel="") | models.Q(channel__in=InformChannel.values),
                name="notification_channel_valid",
                violation_error_message=_("Onbekende manier van informeren."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.informed_on:%d-%m-%Y}"
