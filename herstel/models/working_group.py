"""The working group of a herstelactie: the fixed contact persons of every division and
directorate who are always informed, the members with their role, and the interest groups
consulted (DOMAIN.md §6, step 1)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from herstel.constants import Directorate, InterestGroupKind
from herstel.models.action import Herstelactie


class ContactPoint(models.Model):
    """A fixed contact person (vaste contactpersoon) of a division or directorate. Every active
    contact person is informed when an action starts and joins its working group. Linked to a
    user, they also read the action in the app."""

    directorate = models.CharField(
        _("divisie of directie"), max_length=20, choices=Directorate.choices
    )
    name = models.CharField(_("naam"), max_length=200)
    email = models.EmailField(_("e-mailadres"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker in uwvkms"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    is_active = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("vaste contactpersoon")
        verbose_name_plural = _("vaste contactpersonen")
        ordering = ["directorate", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(directorate__in=Directorate.values),
                name="contactpoint_directorate_valid",
                violation_error_message=_("Onbekende divisie of directie."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_directorate_display()})"


class WorkingGroupMember(models.Model):
    """A member of an action's working group, with their role. Members who are users read the
    action. A fixed contact person carries the date they were informed."""

    herstelactie = models.ForeignKey(
        Herstelactie,
        verbose_name=_("herstelactie"),
        on_delete=models.CASCADE,
        related_name="members",
    )
    contact_point = models.ForeignKey(
        ContactPoint,
        verbose_name=_("vaste contactpersoon"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        on_delete=models.PROTECT,
        related_name="herstel_memberships",
        null=True,
        blank=True,
    )
    name = models.CharField(_("naam"), max_length=200)
    directorate = models.CharField(
        _("divisie of directie"), max_length=20, choices=Directorate.choices, blank=True
    )
    role = models.CharField(_("rol in de werkgroep"), max_length=200)
    informed_on = models.DateField(_("ingelicht op"), null=True, blank=True)

    class Meta:
        verbose_name = _("werkgroeplid")
        verbose_name_plural = _("werkgroepleden")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["herstelactie", "user"],
                condition=models.Q(user__isnull=False),
                name="workinggroupmember_user_once",
                violation_error_message=_("Deze persoon zit al in de werkgroep."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.role})"


class InterestGroupConsultation(models.Model):
    """An interest group consulted about the advice (client council, employer or employee
    organisation, another government body), when, and what came of it."""

    herstelactie = models.ForeignKey(
        Herstelactie,
        verbose_name=_("herstelactie"),
        on_delete=models.CASCADE,
        related_name="consultations",
    )
    kind = models.CharField(_("soort"), max_length=20, choices=InterestGroupKind.choices)
    name = models.CharField(_("organisatie"), max_length=200)
    consulted_on = models.DateField(_("geraadpleegd op"))
    outcome = models.TextField(_("uitkomst"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("raadpleging belangengroep")
        verbose_name_plural = _("raadplegingen belangengroepen")
        ordering = ["consulted_on", "id"]

    def __str__(self) -> str:
        return f"{self.name} · {self.consulted_on:%d-%m-%Y}"
