"""Interviews held at a unit, with appreciative questions and notes per principle. An interview
counts as evidence only once its record is confirmed by the interviewees (DOMAIN.md §2)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from audits.constants import ConfirmationChannel, InterviewStatus
from audits.models.cycle import AuditCycle, ManagementPrinciple
from audits.models.districts import District
from uwvkms.models import BusinessUnit
from uwvkms.review import Reviewable
from uwvkms.versioning import VersionedSinceLater
from uwvkms.withdrawal import Withdrawable


class InterviewQuestion(models.Model):
    """An appreciative question ("Waar ben je trots op?") of the question set of a principle."""

    principle = models.ForeignKey(
        ManagementPrinciple,
        verbose_name=_("managementprincipe"),
        on_delete=models.PROTECT,
        related_name="questions",
    )
    text = models.CharField(_("vraag"), max_length=300)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    is_active = models.BooleanField(_("in gebruik"), default=True)

    class Meta:
        verbose_name = _("interviewvraag")
        verbose_name_plural = _("interviewvragen")
        ordering = ["principle__order", "order", "id"]

    def __str__(self) -> str:
        return self.text


class Interview(VersionedSinceLater, Withdrawable, Reviewable):
    """One interview at a unit: when, where, with whom, by whom, and its confirmation; its
    record is reviewed by another than its author before the unit's scores are submitted
    (`uwvkms.review`; its authors are who created it and who last changed its record).

    `edited_by` is who last changed the record's content; `updated_by` also follows the moves of
    its confirmation (sending, recording an answer), which make nobody an author."""

    REVIEW_AUTHOR_FIELDS = ("created_by", "edited_by")

    cycle = models.ForeignKey(
        AuditCycle,
        verbose_name=_("toetscyclus"),
        on_delete=models.CASCADE,
        related_name="interviews",
    )
    unit = models.ForeignKey(
        BusinessUnit,
        verbose_name=_("bedrijfsonderdeel"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    held_on = models.DateField(_("datum"))
    outside_period_reason = models.TextField(
        _("reden buiten de veldwerkperiode"),
        blank=True,
        help_text=_("Alleen nodig als het interview buiten de veldwerkperiode is gehouden."),
    )
    location = models.ForeignKey(
        District,
        verbose_name=_("plaats (district/afdeling)"),
        on_delete=models.PROTECT,
        related_name="interviews",
    )
    auditors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("aanwezige toetsers"), related_name="interviews"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=InterviewStatus.choices, default=InterviewStatus.CONCEPT
    )
    confirmed_by = models.CharField(_("bevestigd door"), max_length=200, blank=True)
    confirmed_at = models.DateTimeField(_("bevestigd op"), null=True, blank=True)
    correction_remarks = models.TextField(_("opmerkingen van de geïnterviewden"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangemaakt door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verslag laatst gewijzigd door"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    # The day the retention job removed the interviewees' names and functions and the notes
    # (uwvkms.retention; audits.retention): the record's facts stay, the personal data is gone.
    personal_data_removed_on = models.DateField(
        _("persoonsgegevens verwijderd op"), null=True, blank=True
    )

    class Meta(Withdrawable.Meta):
        verbose_name = _("interview")
        verbose_name_plural = _("interviews")
        ordering = ["held_on", "id"]
        constraints = [
            *Withdrawable.Meta.constraints,
            *Reviewable.Meta.constraints,
            models.CheckConstraint(
                condition=~models.Q(status=InterviewStatus.BEVESTIGD)
                | (models.Q(confirmed_at__isnull=False) & ~models.Q(confirmed_by="")),
                name="interview_confirmed_has_who_and_when",
                violation_error_message=_("Een bevestigd interview heeft een bevestiger en datum."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.location} · {self.held_on:%d-%m-%Y}"

    def get_absolute_url(self) -> str:
        return reverse("audits:interview_detail", kwargs={"year": self.cycle.year, "pk": self.pk})


class Interviewee(models.Model):
    """A person interviewed. Quotes in reports are attributed to the unit, never to them. When
    linked to a user account, that user confirms the record (or asks for a correction) in the
    app; the name and function stay as recorded."""

    interview = models.ForeignKey(
        Interview,
        verbose_name=_("interview"),
        on_delete=models.CASCADE,
        related_name="interviewees",
    )
    name = models.CharField(_("naam"), max_length=120)
    function = models.CharField(_("functie"), max_length=120)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        help_text=_(
            "Het account waarmee deze geïnterviewde het verslag zelf bevestigt (optioneel)."
        ),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="interview_links",
    )
    # Confirmation per interviewee (issue 17): the record counts as evidence once every
    # interviewee confirmed it. A linked one confirms in the app; the auditor records the
    # confirmation of an unlinked one, with the day it was given and how it came in.
    confirmed_on = models.DateField(_("bevestigd op"), null=True, blank=True)
    confirmed_via = models.CharField(
        _("bevestigd via"), max_length=20, choices=ConfirmationChannel.choices, blank=True
    )
    confirmation_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bevestiging vastgelegd door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    confirmation_recorded_at = models.DateTimeField(
        _("bevestiging vastgelegd op"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("geïnterviewde")
        verbose_name_plural = _("geïnterviewden")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(
                        confirmed_on__isnull=True,
                        confirmation_recorded_by__isnull=True,
                        confirmation_recorded_at__isnull=True,
                        confirmed_via="",
                    )
                )
                | (
                    models.Q(
                        confirmed_on__isnull=False,
                        confirmation_recorded_by__isnull=False,
                        confirmation_recorded_at__isnull=False,
                        confirmed_via__in=ConfirmationChannel.values,
                    )
                ),
                name="interviewee_confirmed_with_when_how_who",
                violation_error_message=_(
                    "Een bevestiging heeft een datum, een manier en wie haar vastlegde."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.function})"

    @property
    def has_confirmed(self) -> bool:
        return self.confirmed_on is not None

    @property
    def confirms_in_app(self) -> bool:
        """Whether they confirm themselves, in the app: linked to an active account. Anyone
        else's confirmation the audit team records (an account switched off can no longer log
        in, and is not asked)."""
        return self.user_id is not None and self.user.is_active


class InterviewNote(models.Model):
    """What an interview yielded for one principle: the questions asked and the notes."""

    interview = models.ForeignKey(
        Interview, verbose_name=_("interview"), on_delete=models.CASCADE, related_name="notes"
    )
    principle = models.ForeignKey(
        ManagementPrinciple,
        verbose_name=_("managementprincipe"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    questions = models.ManyToManyField(
        InterviewQuestion, verbose_name=_("gestelde vragen"), related_name="+", blank=True
    )
    notes = models.TextField(_("aantekeningen"), blank=True)

    class Meta:
        verbose_name = _("interviewaantekening")
        verbose_name_plural = _("interviewaantekeningen")
        ordering = ["principle__order"]
        constraints = [
            models.UniqueConstraint(fields=["interview", "principle"], name="interviewnote_unique")
        ]

    def __str__(self) -> str:
        return f"{self.interview} · {self.principle}"
