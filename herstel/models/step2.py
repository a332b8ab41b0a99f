"""Step 2 beyond the decisions themselves (the process guide, steps 2A and 2B): the views of the
DTs of the divisions involved, the DT's enrichment of the advice to the RvB (versioned), the
RvB's raising of the mandate (a recorded decision) and the RvB's contacts with the minister."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from herstel.constants import ContactForm, Mandate, ViewPosition
from herstel.models.action import Herstelactie
from uwvkms.models import BusinessUnit
from uwvkms.withdrawal import Withdrawable


class DtView(Withdrawable):
    """The view (zienswijze) of an involved division's DT on the advice, in step 2A: where it
    stands and why. The lead DT's decision is the one that counts; the views are shown beside
    it and with the advice to the RvB. One current view per division: a correction is a new
    record referring to the one it replaces (with a reason); a mistake is withdrawn."""

    herstelactie = models.ForeignKey(
        Herstelactie,
        verbose_name=_("herstelactie"),
        on_delete=models.CASCADE,
        related_name="dt_views",
    )
    business_unit = models.ForeignKey(
        BusinessUnit, verbose_name=_("divisie"), on_delete=models.PROTECT, related_name="+"
    )
    position = models.CharField(_("standpunt"), max_length=30, choices=ViewPosition.choices)
    body = models.TextField(_("zienswijze"))
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
        verbose_name = _("zienswijze DT")
        verbose_name_plural = _("zienswijzen DT")
        ordering = ["recorded_at", "id"]
        constraints = [
            *Withdrawable.Meta.constraints,
            models.CheckConstraint(
                condition=models.Q(position__in=ViewPosition.values),
                name="dtview_position_valid",
                violation_error_message=_("Onbekend standpunt."),
            ),
            models.CheckConstraint(
                condition=models.Q(corrects__isnull=True) | ~models.Q(correction_reason=""),
                name="dtview_correction_has_reason",
                violation_error_message=_("Een correctie heeft een reden."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.business_unit} · {self.get_position_display()}"


class AdviceEnrichment(models.Model):
    """A version of the DT's addition to the advice (aanvulling op het advies), in step 2A under
    an RvB or minister mandate, shown with the advice to the RvB. Never edited: each save is a
    new version, numbered from 1, with who and when."""

    herstelactie = models.ForeignKey(
        Herstelactie,
        verbose_name=_("herstelactie"),
        on_delete=models.CASCADE,
        related_name="enrichments",
    )
    version = models.PositiveIntegerField(_("versie"))
    body = models.TextField(_("aanvulling op het advies"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("aanvulling op het advies")
        verbose_name_plural = _("aanvullingen op het advies")
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["herstelactie", "version"],
                name="adviceenrichment_version_once",
                violation_error_message=_("Deze versie van de aanvulling bestaat al."),
            ),
            models.CheckConstraint(
                condition=models.Q(version__gte=1),
                name="adviceenrichment_version_from_one",
                violation_error_message=_("Versies tellen vanaf 1."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.herstelactie} · {self.version}"


# The raises the rule allows (rules.mandate_raise_refusal: only upwards), for the constraint.
_UPWARDS = models.Q(old_mandate=Mandate.DT, new_mandate__in=[Mandate.RVB, Mandate.RVB_MINISTER]) | (
    models.Q(old_mandate=Mandate.RVB, new_mandate=Mandate.RVB_MINISTER)
)


class MandateRaise(models.Model):
    """The RvB raised the decision mandate in step 2B because the scenario it chose needs a
    heavier decision (the minister's approval): from which mandate to which, why, who and
    when. Only upwards; never undone."""

    herstelactie = models.ForeignKey(
        Herstelactie,
        verbose_name=_("herstelactie"),
        on_delete=models.CASCADE,
        related_name="mandate_raises",
    )
    old_mandate = models.CharField(_("mandaat was"), max_length=20, choices=Mandate.choices)
    new_mandate = models.CharField(_("mandaat wordt"), max_length=20, choices=Mandate.choices)
    reason = models.TextField(_("reden"))
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verhoogd door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    raised_at = models.DateTimeField(_("verhoogd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("verhoging van het mandaat")
        verbose_name_plural = _("verhogingen van het mandaat")
        ordering = ["raised_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=_UPWARDS,
                name="mandateraise_only_upwards",
                violation_error_message=_("Het mandaat kan alleen omhoog."),
            ),
            models.CheckConstraint(
                condition=~models.Q(reason=""),
                name="mandateraise_has_reason",
                violation_error_message=_("Een verhoging van het mandaat heeft een reden."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_old_mandate_display()} → {self.get_new_mandate_display()}"


class MinisterContact(Withdrawable):
    """A contact of the RvB with the minister of SZW about the action (the process guide, step
    2B: "RvB onderhoudt, indien van toepassing, contact minister"): when, how, what about, and
    who recorded it. One recorded in error is withdrawn with a reason (never deleted)."""

    herstelactie = models.ForeignKey(
        Herstelactie,
        verbose_name=_("herstelactie"),
        on_delete=models.CASCADE,
        related_name="minister_contacts",
    )
    contact_on = models.DateField(_("datum"))
    form = models.CharField(_("vorm"), max_length=20, choices=ContactForm.choices)
    summary = models.TextField(_("waarover en uitkomst"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta(Withdrawable.Meta):
        verbose_name = _("contact met de minister")
        verbose_name_plural = _("contacten met de minister")
        ordering = ["contact_on", "id"]
        constraints = [
            *Withdrawable.Meta.constraints,
            models.CheckConstraint(
                condition=models.Q(form__in=ContactForm.values),
                name="ministercontact_form_valid",
                violation_error_message=_("Onbekende vorm van contact."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_form_display()} · {self.contact_on:%d-%m-%Y}"
