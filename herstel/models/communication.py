"""The communication track, parallel to every step (DOMAIN.md §6, "Communication"): an action
with large public impact is an issue; the issuemanager leads a communication working group that
writes the kapstokverhaal with the joint approach, on which each discipline works out its own
part (a task per discipline); the lead division and SBK comment on the kapstokverhaal."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from herstel.constants import CommunicationFunction, Discipline, KapstokStatus, TaskStatus
from herstel.models.action import Herstelactie
from uwvkms.versioning import Versioned
from uwvkms.withdrawal import Withdrawable


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
    # The joint approach (gezamenlijke aanpak): how the disciplines work together from this
    # version, from which each works out its own part (CommunicationTask). Empty in versions
    # saved before issue 20.
    joint_approach = models.TextField(_("gezamenlijke aanpak"), blank=True)
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


class CommunicationTask(Versioned, Withdrawable):
    """What one discipline (or one involved division) does for the joint approach: its owner,
    due date, status and what was done. Set up by the issuemanager; the owner (when a user) and
    the issuemanager update it, with optimistic locking. A task set up in error is withdrawn
    with a reason."""

    herstelactie = models.ForeignKey(
        Herstelactie,
        verbose_name=_("herstelactie"),
        on_delete=models.CASCADE,
        related_name="communication_tasks",
    )
    discipline = models.CharField(_("discipline"), max_length=30, choices=Discipline.choices)
    business_unit = models.ForeignKey(
        "uwvkms.BusinessUnit",
        verbose_name=_("divisie"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    description = models.TextField(_("opdracht"))
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("eigenaar (gebruiker)"),
        on_delete=models.PROTECT,
        related_name="herstel_communication_tasks",
        null=True,
        blank=True,
    )
    owner_name = models.CharField(_("eigenaar"), max_length=200)
    due_on = models.DateField(_("gereed op"))
    status = models.CharField(
        _("status"), max_length=20, choices=TaskStatus.choices, default=TaskStatus.OPEN
    )
    done = models.TextField(_("wat is gedaan"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangemaakt door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta(Withdrawable.Meta):
        verbose_name = _("communicatietaak")
        verbose_name_plural = _("communicatietaken")
        ordering = ["due_on", "id"]
        constraints = [
            *Withdrawable.Meta.constraints,
            models.CheckConstraint(
                condition=(
                    models.Q(discipline=Discipline.DIVISIE, business_unit__isnull=False)
                    | (~models.Q(discipline=Discipline.DIVISIE) & models.Q(business_unit=None))
                ),
                name="communicationtask_division_iff_unit",
                violation_error_message=_(
                    "Een taak van een divisie noemt de divisie; een andere discipline niet."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=TaskStatus.values),
                name="communicationtask_status_known",
                violation_error_message=_("Onbekende status van een communicatietaak."),
            ),
            models.CheckConstraint(
                condition=~models.Q(owner_name=""),
                name="communicationtask_owner_required",
                violation_error_message=_("Een communicatietaak heeft een eigenaar."),
            ),
            models.CheckConstraint(
                condition=~models.Q(status=TaskStatus.GEREED) | ~models.Q(done=""),
                name="communicationtask_done_when_finished",
                violation_error_message=_("Een gereed gemelde taak zegt wat er is gedaan."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.discipline_label} · {self.owner_name}"

    @property
    def discipline_label(self) -> str:
        """ "Woordvoering", or for a division "Divisie Uitkeren"."""
        if self.discipline == Discipline.DIVISIE and self.business_unit_id:
            return _("Divisie %(unit)s") % {"unit": self.business_unit.name}
        return str(self.get_discipline_display())
