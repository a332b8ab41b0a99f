"""Reads of an action's dossiers: the list, one dossier with its history, the imports and what
they changed, and the figures the database adds up (exact: amounts are whole cents). Callers
pass an action they got through an access-checked getter."""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Count, F, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.http import Http404

from herstel.constants import ASSESSED_STATUSES, DossierOutcome, DossierStatus
from herstel.dossier_rules import initial_values
from herstel.models import Dossier, DossierChange, DossierImport, Herstelactie
from herstel.models.dossiers import AMOUNT_FIELDS
from herstel.money import euros

PAGE_SIZE = 50


@dataclass(frozen=True)
class DossierTotals:
    """The dossiers of an action counted per status and outcome, and the four amounts added up
    by the database, plus the total of those four over the assessed dossiers (for the derived
    average). All amounts in cents."""

    total: int = 0
    te_beoordelen: int = 0
    beoordeeld: int = 0
    afgehandeld: int = 0
    nabetalen: int = 0
    terugvorderen: int = 0
    afboeken: int = 0
    geen_wijziging: int = 0
    paid_cents: int = 0
    to_pay_cents: int = 0
    recovered_cents: int = 0
    written_off_cents: int = 0
    assessed_amount_cents: int = 0

    @property
    def assessed(self) -> int:
        return self.beoordeeld + self.afgehandeld

    @property
    def remaining(self) -> int:
        return self.te_beoordelen

    @property
    def paid(self):
        return euros(self.paid_cents)

    @property
    def to_pay(self):
        return euros(self.to_pay_cents)

    @property
    def recovered(self):
        return euros(self.recovered_cents)

    @property
    def written_off(self):
        return euros(self.written_off_cents)

    def by_status(self) -> list[tuple[DossierStatus, int]]:
        return [(status, getattr(self, status.value)) for status in DossierStatus]

    def by_outcome(self) -> list[tuple[DossierOutcome, int]]:
        return [(outcome, getattr(self, outcome.value)) for outcome in DossierOutcome]


def _sum(field) -> Coalesce:
    return Coalesce(Sum(field), Value(0))


def totals_expressions(prefix: str = "") -> dict:
    """The aggregates of DossierTotals under "t_<field>" aliases (an alias may not shadow the
    amount fields the last sum reads), for `aggregate()` over one action's dossiers or
    `annotate()` grouped by action. One query either way."""
    p = prefix
    assessed = Q(**{f"{p}status__in": list(ASSESSED_STATUSES)})
    return {
        "t_total": Count(f"{p}id"),
        **{
            f"t_{status.value}": Count(f"{p}id", filter=Q(**{f"{p}status": status}))
            for status in DossierStatus
        },
        **{
            f"t_{outcome.value}": Count(f"{p}id", filter=Q(**{f"{p}outcome": outcome}))
            for outcome in DossierOutcome
        },
        **{f"t_{name}": _sum(f"{p}{name}") for name in AMOUNT_FIELDS},
        "t_assessed_amount_cents": Coalesce(
            Sum(
                sum((F(f"{p}{name}") for name in AMOUNT_FIELDS[1:]), F(f"{p}{AMOUNT_FIELDS[0]}")),
                filter=assessed,
            ),
            Value(0),
        ),
    }


TOTALS_FIELDS = tuple(DossierTotals.__dataclass_fields__)


def _totals(row: dict) -> DossierTotals:
    return DossierTotals(**{name: int(row[f"t_{name}"] or 0) for name in TOTALS_FIELDS})


def dossier_totals(action: Herstelactie) -> DossierTotals:
    """The figures of one action's dossiers, computed by the database (one query)."""
    return _totals(Dossier.objects.filter(herstelactie=action).aggregate(**totals_expressions()))


def totals_per_action(action_ids=None) -> dict[int, DossierTotals]:
    """The figures of many actions at once, grouped by the database (one query); actions
    without dossiers are absent."""
    dossiers = Dossier.objects.all()
    if action_ids is not None:
        dossiers = dossiers.filter(herstelactie_id__in=action_ids)
    expressions = totals_expressions()
    rows = (
        dossiers.order_by()
        .values("herstelactie_id")
        .annotate(**expressions)
        .values("herstelactie_id", *expressions)
    )
    return {row["herstelactie_id"]: _totals(row) for row in rows}


# --- The list and one dossier -------------------------------------------------------------------


def dossiers_of(
    action: Herstelactie, *, status: str = "", outcome: str = "", reference: str = ""
) -> QuerySet[Dossier]:
    """The action's dossiers by reference, optionally only one status or outcome, or the
    references containing some text."""
    dossiers = Dossier.objects.filter(herstelactie=action)
    if status in DossierStatus.values:
        dossiers = dossiers.filter(status=status)
    if outcome in DossierOutcome.values:
        dossiers = dossiers.filter(outcome=outcome)
    if reference.strip():
        dossiers = dossiers.filter(reference__icontains=reference.strip())
    return dossiers.order_by("reference")


def dossier_page(dossiers: QuerySet[Dossier], page: object) -> Page:
    return Paginator(dossiers, PAGE_SIZE).get_page(page)


def dossier_get(*, action: Herstelactie, pk: int) -> Dossier:
    dossier = Dossier.objects.filter(herstelactie=action, pk=pk).select_related(
        "created_in__imported_by"
    )
    dossier = dossier.first()
    if dossier is None:
        raise Http404
    return dossier


@dataclass(frozen=True)
class DossierHistory:
    """How a dossier came to be as it is: the import that created it with the values it had
    then, and every change since, oldest first."""

    created_in: DossierImport
    initial: dict
    changes: list[DossierChange]


def dossier_history(dossier: Dossier) -> DossierHistory:
    changes = list(
        DossierChange.objects.filter(dossier=dossier)
        .select_related("changed_by", "dossier_import")
        .order_by("changed_at", "id")
    )
    current = {
        "status": dossier.status,
        "outcome": dossier.outcome,
        "paid": dossier.paid_cents,
        "to_pay": dossier.to_pay_cents,
        "recovered": dossier.recovered_cents,
        "written_off": dossier.written_off_cents,
    }
    return DossierHistory(
        created_in=dossier.created_in,
        initial=initial_values(current, [c.changes for c in changes]),
        changes=changes,
    )


def last_dossier_change(dossier: Dossier) -> DossierChange | None:
    return (
        DossierChange.objects.filter(dossier=dossier)
        .select_related("changed_by")
        .order_by("-changed_at", "-id")
        .first()
    )


# --- Imports ------------------------------------------------------------------------------------


def imports_of(action: Herstelactie) -> QuerySet[DossierImport]:
    return DossierImport.objects.filter(herstelactie=action).select_related("imported_by")


def import_get(*, action: Herstelactie, pk: int) -> DossierImport:
    record = imports_of(action).filter(pk=pk).first()
    if record is None:
        raise Http404
    return record


def import_changes(record: DossierImport) -> QuerySet[DossierChange]:
    """What an import changed, per dossier, in the order of the references."""
    return (
        DossierChange.objects.filter(dossier_import=record)
        .select_related("dossier")
        .order_by("dossier__reference", "id")
    )
