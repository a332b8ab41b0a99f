"""The communication track, parallel to every step (DOMAIN.md §6, "Communication"): an action
with large public impact is an issue; issue management leads a communication working group that
writes the kapstokverhaal, on which internal and external communication build."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from herstel.constants import CommunicationFunction, KapstokStatus
from herstel.models.action import Herstelactie


class CommunicationMember(models.Model):
    """A member of the communication working group, by discipline. Members who are users read
    the action."""

    herstelactie = models.ForeignKey(
        Herstelactie,
        verbose_name=_("herstelactie"),
        on_delete=models.CASCADE,
        related_name="communication_members",
    )
    function = models.CharField(
        _("discipline"), max_length=30, choices=CommunicationFunction.choices
    )
    name = models.CharField(_("naam"), max_length=200)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        on_delete=models.PROTECT,
        related_name="herstel_communication_memberships",
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("lid communicatiewerkgroep")
        verbose_name_plural = _("leden communicatiewerkgroep")
        ordering = ["function", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["herstelactie", "user"],
                condition=models.Q(user__isnull=False),
                name="communicationmember_user_once",
                violation_error_message=_("Deze persoon zit al in de communicatiewerkgroep."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_function_display()})"


class Kapstokverhaal(models.Model):
    """One version of the kapstokverhaal: the strategic narrative, the key messages (one per
    line) and Q&A pairs. A version's text never changes: saving makes a new version, which
    starts as a concept; only the status of a version moves."""

    herstelactie = models.ForeignKey(
        Herstelactie,
        verbose_name=_("herstelactie"),
        on_delete=models.CASCADE,
        related_name="kapstok_versions",
    )
    version = models.PositiveIntegerField(_("versie"))
    narrative = models.TextField(_("strategisch narratief"))
    key_messages = models.TextField(_("kernboodschappen"))
    status = models.CharField(
        _("status"), max_length=20, choices=KapstokStatus.choices, default=KapstokStatus.CONCEPT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opgesteld door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("opgesteld op"), auto_now_add=True)

    class Meta:
        verbose_name = _("kapstokverhaal")
        verbose_name_plural = _("kapstokverhalen")
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["herstelactie", "version"],
                name="kapstokverhaal_version_unique",
                violation_error_message=_("Deze versie van het kapstokverhaal bestaat al."),
            ),
            models.CheckConstraint(
                condition=models.Q(version__gte=1),
                name="kapstokverhaal_version_positive",
                violation_error_message=_("Versies tellen vanaf 1."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.herstelactie} · kapstokverhaal v{self.version}"

    @property
    def key_message_list(self) -> list[str]:
        return [line.strip() for line in self.key_messages.splitlines() if line.strip()]


class QuestionAnswer(models.Model):
    """A question with its answer in a version of the kapstokverhaal."""

    kapstokverhaal = models.ForeignKey(
        Kapstokverhaal,
        verbose_name=_("kapstokverhaal"),
        on_delete=models.CASCADE,
        related_name="qas",
    )
    question = models.CharField(_("vraag"), max_length=500)
    answer = models.TextField(_("antwoord"))
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("vraag en antwoord")
        verbose_name_plural = _("vragen en antwoorden")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.question
