"""A bulk of dossiers sent to the API, made ready for the import service.

The service (herstel/services/dossiers.py `dossiers_import`) is the one the web upload uses: it
reads a file in the import template's format, checks every row (the BSN elfproef, amounts,
status and outcome that fit together), updates by reference on a re-import with the change
history, and stores all rows or none. A CSV body goes to it as it is. A JSON list is first
checked for what only JSON can get wrong (a row that is not an object, an unknown field, a
number where an amount must be a decimal string, a status that is not one of the codes, a
reference given twice) and then written as the template's CSV, one line per row, so the
service sees exactly what an upload would give it. Its refusals, per line, are mapped back to
the row's index.

These checks are a plain loop rather than a DRF serializer: 100,000 rows must go through in
well under a second."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from herstel.api.fields import MONEY, money_problem
from herstel.constants import DossierColumn, DossierOutcome, DossierStatus
from herstel.dossier_files import RowError
from herstel.dossier_rules import REFERENCE, reference_problems
from uwvkms.api.serializers import shown

AMOUNT_KEYS = ("paid", "to_pay", "recovered", "written_off")
ROW_KEYS = ("reference", "status", "outcome", *AMOUNT_KEYS)
_KNOWN = frozenset(ROW_KEYS)
_STATUSES = frozenset(DossierStatus.values)
_OUTCOMES = frozenset(DossierOutcome.values)
# The template's header, in the columns' order, which is the order of ROW_KEYS.
HEADER = DossierColumn.values

# The CSV the service reads: the header is line 1, the row at index i is line i + 2.
FIRST_LINE = 2


@dataclass(frozen=True)
class PreparedRows:
    """The JSON rows as the template's CSV (rows refused here are left as empty lines, which
    the reader skips, so every other row keeps its line), and the refusals per row index:
    `{"[3].paid": [reason], "[7]": [reason]}`."""

    csv: bytes
    errors: dict[str, list[str]]


def _choice_problem(value: object, kind: str, allowed) -> str:
    return _("Onbekende %(kind)s “%(value)s” (kies uit: %(choices)s).") % {
        "kind": kind,
        "value": shown(value),
        "choices": ", ".join(allowed.values),
    }


def prepare_json_rows(rows: list) -> PreparedRows:
    """Check the shape of every JSON row and write the good ones as the template's CSV. The
    values that reach the CSV are plain (a reference of letters, digits and . _ / -, codes,
    digits and a point), so each row is exactly one line."""
    lines = [";".join(HEADER)]
    errors: dict[str, list[str]] = {}
    first_index: dict[str, int] = {}
    for index, row in enumerate(rows):
        cells = _good_row(row)
        if cells is not None and first_index.setdefault(cells[0], index) == index:
            lines.append(";".join(cells))
            continue
        for key, reasons in _row_problems(row, index, first_index).items():
            errors[f"[{index}]" + (f".{key}" if key else "")] = reasons
        lines.append("")  # an empty line: the reader skips it, the next row keeps its line
    lines.append("")
    return PreparedRows("\n".join(lines).encode(), errors)


def _good_row(row: object) -> list[str] | None:
    """The row's cells when its shape is right (the common case, checked quickly), else None."""
    if type(row) is not dict or not row.keys() <= _KNOWN:
        return None
    reference, status = row.get("reference"), row.get("status")
    if type(reference) is not str or REFERENCE.match(reference) is None:
        return None
    if type(status) is not str or status not in _STATUSES:
        return None
    outcome = row.get("outcome") or ""
    if outcome and (type(outcome) is not str or outcome not in _OUTCOMES):
        return None
    cells = [reference, status, outcome]
    for key in AMOUNT_KEYS:
        value = row.get(key)
        if value is None or value == "":
            cells.append("")
        elif type(value) is str and MONEY.match(value):
            cells.append(value)
        else:
            return None
    return cells


def _row_problems(row: object, index: int, first_index: dict[str, int]) -> dict[str, list[str]]:
    """Every reason a row is refused, per field ("" for the row as a whole)."""
    if not isinstance(row, dict):
        return {"": [_("Een dossier is een object met velden, zoals referentie.")]}
    problems: dict[str, list[str]] = {}
    for key in row.keys() - _KNOWN:
        problems[shown(key, 100)] = [_("Onbekend veld.")]
    reference = row.get("reference")
    if not isinstance(reference, str):
        problems["reference"] = [_("De referentie ontbreekt of is geen tekst.")]
    elif reasons := reference_problems(reference):
        problems["reference"] = reasons
    elif (earlier := first_index.setdefault(reference, index)) != index:
        problems["reference"] = [
            _("Referentie “%(ref)s” staat ook op index %(index)s.")
            % {"ref": reference, "index": earlier}
        ]
    status = row.get("status")
    if not (isinstance(status, str) and status in _STATUSES):
        problems["status"] = [_choice_problem(status, _("status"), DossierStatus)]
    outcome = row.get("outcome")
    if outcome not in (None, "") and not (isinstance(outcome, str) and outcome in _OUTCOMES):
        problems["outcome"] = [_choice_problem(outcome, _("uitkomst"), DossierOutcome)]
    for key in AMOUNT_KEYS:
        value = row.get(key)
        if value not in (None, "") and (problem := money_problem(value)):
            problems[key] = [problem]
    return problems


def json_row_errors(row_errors: list[RowError]) -> dict[str, list[str]]:
    """The service's refusals (per CSV line) as refusals per JSON index."""
    errors: dict[str, list[str]] = {}
    for error in row_errors:
        name = "body" if error.line is None else f"[{error.line - FIRST_LINE}]"
        errors.setdefault(name, []).extend(error.reasons)
    return errors


def csv_row_errors(row_errors: list[RowError]) -> dict[str, list[str]]:
    """The service's refusals per line of the CSV body ("line 5"; the header is line 1)."""
    errors: dict[str, list[str]] = {}
    for error in row_errors:
        name = "body" if error.line is None else f"line {error.line}"
        errors.setdefault(name, []).extend(error.reasons)
    return errors


def by_index(errors: dict[str, list[str]]) -> dict[str, list[str]]:
    """Refusals in the order of the rows (then the field), whole-body refusals first."""

    def key(name: str):
        if not name.startswith("["):
            return (-1, name)
        index, _sep, rest = name[1:].partition("]")
        return (int(index), rest)

    return dict(sorted(errors.items(), key=lambda item: key(item[0])))
