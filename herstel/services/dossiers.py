"""Writes of the dossiers of step 3 (DOMAIN.md §6): importing a CSV or XLSX file (all rows or
none), editing one dossier, and the snapshots of the figures kept for the weekly trend.

Only the advisers of the lead division import and edit dossiers, in step 3, and only while the
latest go/no-go says "go". Every change of a dossier is kept once, in DossierChange (who, when,
which import, old → new): the one source of truth of a dossier's history, which the action's
timeline reads too. The action's event log records each import (its counts)."""

from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from herstel.constants import CLOSED_STEPS, FROM_EXECUTION, Operation, SnapshotTrigger
from herstel.dossier_files import RowError, read_dossier_file
from herstel.dossier_rules import DossierValues, dossier_changes, dossier_problems
from herstel.events import DOSSIERS_IMPORTED
from herstel.models import (
    Dossier,
    DossierChange,
    DossierImport,
    DossierSnapshot,
    Herstelactie,
)
from herstel.models.dossiers import AMOUNT_FIELDS
from herstel.money import cents_of
from herstel.selectors.dossiers import (
    DossierTotals,
    dossier_totals,
    totals_per_action,
)
from herstel.selectors.execution import has_go
from herstel.services.guards import locked, require_operation
from uwvkms.malware import upload_scan
from uwvkms.models import User
from uwvkms.services import audit_event_record
from uwvkms.versioning import version_check

# Rows per INSERT/UPDATE statement: without it Django sends one 100,000-row statement to
# SQLite, which is about twice as slow; PostgreSQL is fastest around a few thousand too.
BATCH_SIZE = 2000


class DossierImportRefused(ValidationError):
    """An import file with bad rows: nothing was stored. `row_errors` lists every bad line
    with its reasons."""

    def __init__(self, row_errors: list[RowError], more_errors: int = 0):
        self.row_errors = row_errors
        lines = sum(1 for error in row_errors if error.line is not None) + more_errors
        if lines:
            message = ngettext(
                "Het bestand is niet ingelezen: %(n)s regel heeft een fout. Er is niets "
                "opgeslagen; verbeter het bestand en lees het opnieuw in.",
                "Het bestand is niet ingelezen: %(n)s regels hebben een fout. Er is niets "
                "opgeslagen; verbeter het bestand en lees het opnieuw in.",
                lines,
            ) % {"n": number_format(lines, force_grouping=True)}
        else:
            message = _("Het bestand is niet ingelezen. Er is niets opgeslagen.")
        super().__init__(message)


def require_go(herstelactie: Herstelactie) -> None:
    """No dossier work before "go" (the process guide, step 3: the go/no-go moment)."""
    if not has_go(herstelactie):
        raise ValidationError(
            _(
                "Er is nog geen go-besluit voor de uitvoering (of het laatste besluit is een "
                "no-go): er wordt nog niet aan dossiers gewerkt."
            )
        )


def _values(dossier_row: tuple) -> DossierValues:
    reference, status, outcome, paid, to_pay, recovered, written_off = dossier_row
    return DossierValues(reference, status, outcome, paid, to_pay, recovered, written_off)


_VALUE_COLUMNS = ("reference", "status", "outcome", *AMOUNT_FIELDS)


def dossiers_import(
    *, actor: User, herstelactie: Herstelactie, file_name: str, data: bytes
) -> DossierImport:
    """Import a CSV or XLSX file of dossiers into an action (advisers of the lead division,
    step 3, after "go"). Every row is read and checked first (dossier_files.read_dossier_file:
    the template's columns only, a pseudonymous reference, never anything that looks like a
    BSN, known statuses and outcomes, non-negative amounts that fit the outcome); one bad row
    and nothing is stored: DossierImportRefused lists every bad line with its reasons.

    A reference already in the action updates that dossier (re-import); a new one adds a
    dossier; dossiers not in the file stay as they are. Each change is recorded old → new with
    the import; the import itself records how many were new, changed and unchanged, and takes a
    snapshot of the figures for the weekly trend.

    Before anything is stored, and before the action's row is locked: the file is scanned for
    malware (`uwvkms.malware.upload_scan`: infected or no verdict, refused and logged) and
    read within the limits (IMPORT_MAX_ROWS, IMPORT_MAX_UNPACKED_MB; the first 1,000 bad
    lines listed). Only storing takes the lock, so two imports (or an import and an edit) do
    not interleave, and a large file being read holds nobody up."""
    require_operation(actor, herstelactie, Operation.IMPORT_DOSSIERS)
    require_go(herstelactie)
    verdict = upload_scan(
        actor=actor,
        target=herstelactie,
        name=(file_name or "")[:255],
        data=data,
        about={"import": "dossiers"},
    )
    parsed = read_dossier_file(
        name=file_name,
        data=data,
        max_rows=settings.IMPORT_MAX_ROWS,
        max_unpacked_bytes=settings.IMPORT_MAX_UNPACKED_BYTES,
    )
    if parsed.errors:
        raise DossierImportRefused(parsed.errors, parsed.more_errors)
    return _dossiers_store(
        actor=actor, herstelactie=herstelactie, file_name=file_name, parsed=parsed, verdict=verdict
    )


@transaction.atomic
def _dossiers_store(
    *, actor: User, herstelactie: Herstelactie, file_name: str, parsed, verdict: str
) -> DossierImport:
    herstelactie = locked(herstelactie)
    require_operation(actor, herstelactie, Operation.IMPORT_DOSSIERS)
    require_go(herstelactie)

    now = timezone.now()
    existing = {
        row[1]: (row[0], row[-1], _values(row[1:-1]))
        for row in Dossier.objects.filter(herstelactie=herstelactie).values_list(
            "id", *_VALUE_COLUMNS, "version"
        )
    }
    new: list[DossierValues] = []
    changed: list[tuple[int, int, dict, DossierValues]] = []
    for _line, values in parsed.rows:
        found = existing.get(values.reference)
        if found is None:
            new.append(values)
            continue
        pk, version, old = found
        if old != values:
            changed.append((pk, version, dossier_changes(old, values), values))

    record = DossierImport.objects.create(
        herstelactie=herstelactie,
        file_name=(file_name or "")[:255] or "bestand",
        file_format=parsed.file_format,
        rows=len(parsed.rows),
        created=len(new),
        updated=len(changed),
        unchanged=len(parsed.rows) - len(new) - len(changed),
        imported_by=actor,
        imported_at=now,
    )
    Dossier.objects.bulk_create(
        (
            Dossier(
                herstelactie=herstelactie,
                reference=v.reference,
                status=v.status,
                outcome=v.outcome,
                paid_cents=v.paid,
                to_pay_cents=v.to_pay,
                recovered_cents=v.recovered,
                written_off_cents=v.written_off,
                created_in=record,
                updated_by=actor,
            )
            for v in new
        ),
        batch_size=BATCH_SIZE,
    )
    if changed:
        _update_dossiers(
            [
                (pk, v.status, v.outcome, v.paid, v.to_pay, v.recovered, v.written_off, version + 1)
                for pk, version, _changes, v in changed
            ],
            updated_at=now,
            updated_by=actor,
        )
        DossierChange.objects.bulk_create(
            (
                DossierChange(
                    dossier_id=pk,
                    dossier_import=record,
                    changes=changes,
                    changed_by=actor,
                    changed_at=now,
                )
                for pk, _version, changes, _v in changed
            ),
            batch_size=BATCH_SIZE,
        )
    dossier_snapshot_take(herstelactie=herstelactie, trigger=SnapshotTrigger.IMPORT, taken_at=now)
    audit_event_record(
        event=DOSSIERS_IMPORTED,
        actor=actor,
        target=herstelactie,
        changes={
            "file": [None, record.file_name],
            "created": [None, record.created],
            "updated": [None, record.updated],
            "unchanged": [None, record.unchanged],
            "malware_scan": [None, verdict],
        },
    )
    return record


_UPDATED = ("status", "outcome", *AMOUNT_FIELDS, "version")


def _update_dossiers(rows: list[tuple], *, updated_at: datetime, updated_by: User) -> None:
    """Write (id, status, outcome, four amounts, version) for many dossiers at once, in batches,
    with when and by whom (the import).

    Django's bulk_update writes one CASE WHEN per field per row: a re-import of 100,000 changed
    dossiers took 107 s on PostgreSQL that way (tests/benchmarks). One UPDATE … FROM a VALUES
    list per batch does the same in a fraction; SQLite understands it too (3.33+), naming the
    VALUES columns column1, column2, …. Other databases fall back to bulk_update."""
    vendor = connection.vendor
    if vendor not in ("postgresql", "sqlite"):
        Dossier.objects.bulk_update(
            [
                Dossier(
                    pk=row[0],
                    updated_at=updated_at,
                    updated_by=updated_by,
                    **dict(zip(_UPDATED, row[1:], strict=True)),
                )
                for row in rows
            ],
            [*_UPDATED, "updated_at", "updated_by"],
            batch_size=BATCH_SIZE,
        )
        return
    table = connection.ops.quote_name(Dossier._meta.db_table)
    names = ["id", *_UPDATED]
    if vendor == "postgresql":
        alias = f"v({', '.join(names)})"
        column = dict(zip(names, names, strict=True))
    else:
        alias = "v"
        column = {name: f"column{index}" for index, name in enumerate(names, start=1)}
    assignments = ", ".join(
        f"{connection.ops.quote_name(name)} = v.{column[name]}" for name in _UPDATED
    )
    row_sql = "(" + ", ".join(["%s"] * len(names)) + ")"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH_SIZE):
            batch = rows[start : start + BATCH_SIZE]
            cursor.execute(
                f"UPDATE {table} SET {assignments}, updated_at = %s, updated_by_id = %s "  # noqa: S608
                f"FROM (VALUES {', '.join([row_sql] * len(batch))}) AS {alias} "
                f"WHERE {table}.id = v.{column['id']}",
                [updated_at, updated_by.pk, *(value for row in batch for value in row)],
            )


@transaction.atomic
def dossier_update(
    *,
    actor: User,
    dossier: Dossier,
    expected_version: int,
    status: str,
    outcome: str,
    paid: Decimal,
    to_pay: Decimal,
    recovered: Decimal,
    written_off: Decimal,
) -> Dossier:
    """Change one dossier in the browser (advisers of the lead division, step 3, after "go"):
    its status, outcome and amounts in euros, under the same rules as an import. A save on a
    stale version (someone else saved or imported it since) is refused with EditConflict
    naming who; the change is recorded old → new."""
    herstelactie = locked(dossier.herstelactie)
    require_operation(actor, herstelactie, Operation.EDIT_DOSSIER)
    require_go(herstelactie)
    dossier = Dossier.objects.select_for_update().get(pk=dossier.pk, herstelactie=herstelactie)
    version_check(dossier, expected_version=expected_version, what=_("Dit dossier"))
    amounts = {}
    for name, value in (
        ("paid", paid),
        ("to_pay", to_pay),
        ("recovered", recovered),
        ("written_off", written_off),
    ):
        try:
            cents = cents_of(value or Decimal(0))
        except ValueError:
            raise ValidationError({name: _("Hoogstens twee decimalen.")}) from None
        if cents < 0:
            raise ValidationError({name: _("Een bedrag is nul of meer.")})
        amounts[name] = cents
    new = DossierValues(dossier.reference, status, outcome or "", **amounts)
    problems = dossier_problems(new)
    if problems:
        raise ValidationError(problems)
    old = _values(tuple(getattr(dossier, name) for name in _VALUE_COLUMNS))
    changes = dossier_changes(old, new)
    if not changes:
        return dossier
    dossier.status, dossier.outcome = new.status, new.outcome
    dossier.paid_cents, dossier.to_pay_cents = new.paid, new.to_pay
    dossier.recovered_cents, dossier.written_off_cents = new.recovered, new.written_off
    touched = dossier.touch(actor)
    dossier.full_clean(exclude=["herstelactie", "created_in"])
    dossier.save(update_fields=["status", "outcome", *AMOUNT_FIELDS, *touched])
    # The one record of this edit; the action's timeline reads it (no event log row beside it).
    DossierChange.objects.create(
        dossier=dossier, changes=changes, changed_by=actor, changed_at=dossier.updated_at
    )
    return dossier


# --- Snapshots for the weekly trend ------------------------------------------------------------


def _snapshot(herstelactie_id: int, totals, trigger: str, taken_at: datetime) -> DossierSnapshot:
    return DossierSnapshot(
        herstelactie_id=herstelactie_id,
        taken_at=taken_at,
        trigger=trigger,
        total=totals.total,
        te_beoordelen=totals.te_beoordelen,
        beoordeeld=totals.beoordeeld,
        afgehandeld=totals.afgehandeld,
        paid_cents=totals.paid_cents,
        to_pay_cents=totals.to_pay_cents,
        recovered_cents=totals.recovered_cents,
        written_off_cents=totals.written_off_cents,
    )


@transaction.atomic
def dossier_snapshot_take(
    *, herstelactie: Herstelactie, trigger: str, taken_at: datetime | None = None
) -> DossierSnapshot:
    """Keep the action's current figures (counts per status and the four amount totals, added
    up by the database) for the trend per week. Taken on every import and weekly by
    `manage.py herstel_snapshot`. A system write: it records no event."""
    snapshot = _snapshot(
        herstelactie.pk, dossier_totals(herstelactie), trigger, taken_at or timezone.now()
    )
    snapshot.save()
    return snapshot


@transaction.atomic
def snapshots_take_all(*, action_ids: Iterable[int] | None = None) -> list[DossierSnapshot]:
    """The weekly snapshot of every action in execution or evaluation (or only `action_ids`),
    in two queries however many actions: the figures grouped by the database, then one
    insert. Closed actions no longer change and are skipped."""
    open_steps = (FROM_EXECUTION - CLOSED_STEPS) if action_ids is None else FROM_EXECUTION
    actions = Herstelactie.objects.filter(step__in=open_steps)
    if action_ids is not None:
        actions = actions.filter(pk__in=list(action_ids))
    ids = list(actions.values_list("pk", flat=True))
    totals = totals_per_action(ids)
    now = timezone.now()
    snapshots = [
        _snapshot(pk, totals.get(pk, DossierTotals()), SnapshotTrigger.SCHEDULE, now) for pk in ids
    ]
    return DossierSnapshot.objects.bulk_create(snapshots, batch_size=BATCH_SIZE)
