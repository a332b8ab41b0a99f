"""Undo with a trace, one way for every app (issue 17, "mistakes undone").

A record entered in error is never deleted: it is *withdrawn* with a reason. It keeps its row,
who withdrew it, when and why (`Withdrawable`), and the service that withdraws it writes the
event as every change does. Its model's default manager (`objects`) leaves withdrawn rows out,
so every figure, report, export and count leaves them out without knowing about withdrawal;
`with_withdrawn` is for the pages that show them struck through, with the reason.

Related managers (`cycle.interviews`, `cycle.themes`) follow the default manager and leave
withdrawn rows out too; a foreign key to a withdrawn row still resolves (Django reads it
through the base manager). A query that reaches a withdrawn record *through a join* (the notes
of an interview, the main findings of a theme) does not: it filters on the join itself.

A model's own `Meta` extends `Withdrawable.Meta` (its constraint keeps the three fields together)
and adds its constraints after `*Withdrawable.Meta.constraints`."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from uwvkms.formats import local_datetime


class CurrentManager(models.Manager):
    """The records that count: those not withdrawn."""

    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().filter(withdrawn_at__isnull=True)


class Withdrawable(models.Model):
    """A record that can be withdrawn with a reason instead of deleted. A database constraint
    keeps the three fields together: withdrawn means by whom, when and why."""

    withdrawn_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ingetrokken door"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    withdrawal_reason = models.TextField(_("reden van intrekken"), blank=True)

    objects = CurrentManager()
    with_withdrawn = models.Manager()  # noqa: DJ012 (a manager, not a field)

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(withdrawn_at__isnull=True, withdrawn_by__isnull=True)
                    & models.Q(withdrawal_reason="")
                )
                | (
                    models.Q(withdrawn_at__isnull=False, withdrawn_by__isnull=False)
                    & ~models.Q(withdrawal_reason="")
                ),
                name="%(app_label)s_%(class)s_withdrawn_with_who_when_why",
                violation_error_message=_(
                    "Een ingetrokken record heeft een reden, wie en wanneer."
                ),
            )
        ]

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    def withdrawal_summary(self) -> str:
        """ "Ingetrokken door X op 7 december 2026 10:15: <reden>", for a struck-through row."""
        return gettext("Ingetrokken door %(who)s op %(when)s: %(reason)s") % {
            "who": self.withdrawn_by,
            "when": local_datetime(self.withdrawn_at),
            "reason": self.withdrawal_reason,
        }


def withdraw(record: Withdrawable, *, actor, reason: str, what: str) -> dict[str, list]:
    """Mark `record` (locked by the caller, whose service has authorised `actor`) withdrawn
    by `actor` with `reason`, and return the change for the event log. Refused with a Dutch
    message when no reason is given or it was withdrawn already; `what` names the record
    ("Dit interview")."""
    if record.is_withdrawn:
        raise ValidationError(
            gettext("%(what)s is al ingetrokken (%(summary)s).")
            % {"what": what, "summary": record.withdrawal_summary()},
            code="withdrawn",
        )
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": gettext("Geef de reden waarom u dit intrekt.")}, code="required"
        )
    record.withdrawn_at = timezone.now()
    record.withdrawn_by = actor
    record.withdrawal_reason = reason
    record.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_reason"])
    return {"withdrawn": [False, True]}
