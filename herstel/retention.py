"""What herstel keeps for a term (issue 19 §5; the mechanism is `uwvkms.retention`).

A dossier is known only by a pseudonymous reference, but UWV's own systems can link that
reference to a client. `RETENTION_YEARS["dossiers"]` after an action was closed, the references
are replaced by "verwijderd #<nummer>": the statuses, outcomes, amounts, changes and snapshots
stay (the management information and the evaluation rest on them), the link to a client is gone.

The documents in an action's dossier (`ActionDocument`: the advice, the note to the minister,
decision documents, evaluation reports, …) are not a retention kind: they are the action's
decision record (Archiefwet), kept like published reports, and carry no client data; a version
uploaded in error is withdrawn, never deleted.
"""

import datetime

from django.db.models import CharField, Count, F, Value
from django.db.models.functions import Cast, Concat
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from herstel.events import DOSSIER_REFERENCES_REMOVED
from herstel.models import Dossier, Herstelactie
from uwvkms.dates import dutch
from uwvkms.retention import RetentionKind, latest_start, retention_kind_register
from uwvkms.services import audit_event_record

# The reference a dossier gets: a typed reference holds no space or "#" (herstel.dossier_rules.
# reference_problems), so it never collides with a real one; the number is the dossier's own.
REMOVED_PREFIX = "verwijderd #"


def dossiers_due(today: datetime.date, years: int):
    """Actions closed `years` or more ago whose dossiers still carry their references."""
    return (
        Herstelactie.objects.filter(
            closed_on__lte=latest_start(years, today),
            dossier_references_removed_on__isnull=True,
        )
        .annotate(dossier_count=Count("dossiers"))
        .filter(dossier_count__gt=0)
        .order_by("closed_on", "id")
    )


def _describe(action: Herstelactie) -> str:
    return gettext("%(title)s: %(count)s dossiers (gesloten op %(day)s)") % {
        "title": action.title,
        "count": action.dossier_count,
        "day": dutch(action.closed_on),
    }


def _remove_references(action: Herstelactie, today: datetime.date) -> None:
    count = Dossier.objects.filter(herstelactie=action).update(
        reference=Concat(Value(REMOVED_PREFIX), Cast("pk", output_field=CharField()))
    )
    Herstelactie.objects.filter(pk=action.pk).update(
        dossier_references_removed_on=today, version=F("version") + 1
    )
    audit_event_record(
        event=DOSSIER_REFERENCES_REMOVED,
        actor=None,
        target=action,
        changes={"dossiers": [count, count]},
        reason=gettext("Bewaartermijn van %(years)s jaar na het sluiten verstreken.")
        % {"years": DOSSIERS.years},
    )


DOSSIERS = RetentionKind(
    key="dossiers",
    label=_("Herstelacties: dossierreferenties"),
    what_happens=_("Referenties vervangen door 'verwijderd #<nummer>'; cijfers blijven."),
    counted_from=_("de dag waarop de herstelactie werd gesloten"),
    due=dossiers_due,
    describe=_describe,
    apply=_remove_references,
)


def register_retention() -> None:
    retention_kind_register(DOSSIERS)
