"""Business rules of the dossiers of step 3 (DOMAIN.md §6, "Uitvoeren actie"): pure functions
over plain values, no ORM. A dossier is known by a pseudonymous reference only, never a BSN;
amounts are whole cents, read exactly or refused; status, outcome and amounts fit together.
Each has a table-driven test in tests/herstel/test_dossier_rules.py."""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from herstel.constants import (
    AMOUNT_COLUMNS,
    OUTCOME_ZERO_AMOUNTS,
    PERSONAL_DATA_COLUMNS,
    Amount,
    DossierColumn,
    DossierOutcome,
    DossierStatus,
)
from herstel.money import MAX_CENTS


def passes_elfproef(digits: str) -> bool:
    """The elfproef of the BSN: nine digits d1…d9 with 9·d1 + 8·d2 + … + 2·d8 − d9 divisible by
    11 (so 111222333 passes, 123456789 does not)."""
    if len(digits) != 9 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True))
    return (total - int(digits[8])) % 11 == 0


# A BSN as people write it: nine digits, or grouped 4-2-3 / 3-3-3 with dots, spaces or dashes.
_BSN_GROUPED = re.compile(r"^\d{4}([ .-])\d{2}\1\d{3}$|^\d{3}([ .-])\d{3}\2\d{3}$")
_NINE_DIGITS = re.compile(r"(?<!\d)\d{9}(?!\d)")
_EIGHT_DIGITS = re.compile(r"\d{8}")
# Every cell that could hold a BSN in one of the forms above contains one of these (a quick
# first look; the import checks every cell of every row).
_BSN_CANDIDATE = re.compile(r"\d{8}|\d{3}[ .-]\d{2}")


def looks_like_bsn(value: object) -> bool:
    """Whether a cell could hold a BSN, so that it is refused: a run of exactly nine digits
    anywhere in it that passes the elfproef, a grouped BSN (1234.56.782), or eight digits that
    pass with the leading zero a spreadsheet drops. Strict on purpose: a reference that happens
    to look like a BSN is refused too, and must be replaced by another reference."""
    text = (value if isinstance(value, str) else _cell_text(value)).strip()
    if len(text) < 8 or _BSN_CANDIDATE.search(text) is None:
        return False
    if _EIGHT_DIGITS.fullmatch(text):
        return passes_elfproef("0" + text)
    if _BSN_GROUPED.match(text):
        return passes_elfproef(re.sub(r"\D", "", text))
    return any(passes_elfproef(run) for run in _NINE_DIGITS.findall(text))


class AmountError(ValueError):
    """An amount that cannot be read as euros and cents; the message says why, in Dutch."""


_AMOUNT = re.compile(r"^(\d+)(?:[.,](\d{1,2}))?$")


def parse_amount(value: object) -> int:
    """An amount in euros as whole cents. Empty means 0. Accepted: 1234, 1234,5, 1234,56 and
    1234.56 (a decimal comma or point, at most two decimals, no thousands separators: "1.234"
    is refused rather than guessed), optionally with "€"; spreadsheet numbers as they are.
    Negative amounts, more than two decimals and amounts above a trillion are refused."""
    if value is None:
        return 0
    if isinstance(value, str):
        match = _AMOUNT.match(value)  # the common case: a plain amount, read at once
        if match is None:
            text = value.strip().replace("€", "").replace("\u00a0", "").replace(" ", "")
            if not text:
                return 0
            if text.startswith("-"):
                raise AmountError(_("Een bedrag is nul of meer, niet “%s”.") % value.strip())
            match = _AMOUNT.match(text)
            if match is None:
                raise AmountError(
                    _(
                        "“%s” is geen bedrag: schrijf bijvoorbeeld 1234,56 (hoogstens twee "
                        "decimalen, zonder duizendtaltekens)."
                    )
                    % value.strip()
                )
        whole, fraction = match.groups()
        cents = int(whole) * 100 + (int(fraction.ljust(2, "0")) if fraction else 0)
    elif isinstance(value, bool):
        raise AmountError(_("“%s” is geen bedrag.") % value)
    elif isinstance(value, int):
        cents = value * 100
    elif isinstance(value, float | Decimal):
        cents = _number_cents(value)
    else:
        return parse_amount(str(value))
    if cents < 0:
        raise AmountError(_("Een bedrag is nul of meer, niet “%s”.") % value)
    if cents > MAX_CENTS:
        raise AmountError(_("“%s” is groter dan een dossier kan bevatten.") % value)
    return cents


def _number_cents(value: float | Decimal) -> int:
    """A spreadsheet number in cents. A float carries binary noise (0.1 + 0.2 is
    0.30000000000000004): within a millionth of a cent it is that cent; beyond, refused."""
    try:
        number = Decimal(repr(value)) if isinstance(value, float) else value
        cents = number * 100
        rounded = cents.quantize(Decimal(1))
    except (InvalidOperation, ValueError):
        raise AmountError(_("“%s” is geen bedrag.") % value) from None
    if abs(cents - rounded) > Decimal("0.0001"):
        raise AmountError(_("“%s” heeft meer dan twee decimalen.") % value)
    if rounded < 0:
        raise AmountError(_("Een bedrag is nul of meer, niet “%s”.") % value)
    return int(rounded)


@dataclass(frozen=True)
class DossierValues:
    """One dossier as imported or edited: its pseudonymous reference, status, outcome (empty
    while still to assess) and the four amounts in cents."""

    reference: str
    status: str
    outcome: str
    paid: int = 0
    to_pay: int = 0
    recovered: int = 0
    written_off: int = 0

    def amount(self, amount: Amount) -> int:
        return getattr(self, amount.value)


DOSSIER_FIELDS = ("status", "outcome", "paid", "to_pay", "recovered", "written_off")

# A reference is a pseudonym: letters, digits and . _ / - (no spaces, so no full names).
REFERENCE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$")


def reference_problems(reference: str) -> list[str]:
    """Why `reference` cannot be a dossier's reference (empty: it can)."""
    if REFERENCE.match(reference) and not looks_like_bsn(reference):
        return []
    if not reference:
        return [_("De referentie ontbreekt.")]
    if looks_like_bsn(reference):
        return [
            _(
                "De referentie “%s” lijkt op een BSN (negen cijfers die de elfproef doorstaan). "
                "Gebruik alleen een pseudonieme referentie."
            )
            % reference
        ]
    if not REFERENCE.match(reference):
        return [
            _(
                "De referentie “%s” mag alleen letters, cijfers en . _ / - bevatten (geen spaties, "
                "hoogstens 64 tekens)."
            )
            % reference
        ]
    return []


_AMOUNTS = tuple(Amount)
_TE_BEOORDELEN, _AFGEHANDELD = DossierStatus.TE_BEOORDELEN.value, DossierStatus.AFGEHANDELD.value
# outcome value → the amount fields that must be zero for it
_ZERO_FIELDS = {
    outcome.value: tuple(a.value for a in _AMOUNTS if a in zeros)
    for outcome, zeros in OUTCOME_ZERO_AMOUNTS.items()
}


def dossier_problems(values: DossierValues) -> list[str]:
    """What is inconsistent in a dossier (empty: nothing):

    - a dossier still to assess has no outcome and no amounts yet;
    - an assessed or handled dossier has an outcome;
    - an outcome leaves some amounts at zero (OUTCOME_ZERO_AMOUNTS: who is paid gets nothing
      claimed back, a claim is not paid out, "geen wijziging" moves no money);
    - a handled dossier has nothing left "to be paid": that payment is ordered first.
    """
    problems = []
    if values.status == _TE_BEOORDELEN:
        if values.outcome:
            problems.append(_("Een dossier dat nog te beoordelen is, heeft nog geen uitkomst."))
        if values.paid or values.to_pay or values.recovered or values.written_off:
            problems.append(_("Een dossier dat nog te beoordelen is, heeft nog geen bedragen."))
        return problems
    if not values.outcome:
        problems.append(
            _("Een %(status)s dossier heeft een uitkomst.")
            % {"status": str(DossierStatus(values.status).label).lower()}
        )
        return problems
    nonzero = [name for name in _ZERO_FIELDS[values.outcome] if getattr(values, name)]
    if nonzero:
        problems.append(
            _("Bij de uitkomst “%(outcome)s” hoort geen bedrag bij %(amounts)s.")
            % {
                "outcome": str(DossierOutcome(values.outcome).label).lower(),
                "amounts": ", ".join(f"“{str(Amount(n).label).lower()}”" for n in nonzero),
            }
        )
    if values.status == _AFGEHANDELD and values.to_pay:
        problems.append(
            _(
                "Een afgehandeld dossier heeft niets meer “nog te betalen”: geef eerst de "
                "betaalopdracht."
            )
        )
    return problems


def _normalised(text: object) -> str:
    return re.sub(r"[\s_]+", " ", str(text or "").strip().lower())


_STATUS_BY_TEXT = {
    **{_normalised(s.value): s for s in DossierStatus},
    **{_normalised(s.label): s for s in DossierStatus},
}
_OUTCOME_BY_TEXT = {
    **{_normalised(o.value): o for o in DossierOutcome},
    **{_normalised(o.label): o for o in DossierOutcome},
}
_COLUMN_BY_TEXT = {_normalised(c.value): c for c in DossierColumn}


def parse_status(value: object) -> DossierStatus:
    """A status as written in a file ("te beoordelen", "Beoordeeld", "afgehandeld")."""
    status = _STATUS_BY_TEXT.get(value) or _STATUS_BY_TEXT.get(_normalised(value))
    if status is None:
        raise ValueError(
            _("Onbekende status “%(value)s” (kies uit: %(choices)s).")
            % {"value": value, "choices": ", ".join(str(s.label).lower() for s in DossierStatus)}
        )
    return status


def parse_outcome(value: object) -> str:
    """An outcome as written in a file, or "" when empty."""
    if value is None or value == "":
        return ""
    outcome = _OUTCOME_BY_TEXT.get(value)
    if outcome is not None:
        return outcome.value
    if not _normalised(value):
        return ""
    outcome = _OUTCOME_BY_TEXT.get(_normalised(value))
    if outcome is None:
        raise ValueError(
            _("Onbekende uitkomst “%(value)s” (kies uit: %(choices)s).")
            % {"value": value, "choices": ", ".join(str(o.label).lower() for o in DossierOutcome)}
        )
    return outcome.value


@dataclass(frozen=True)
class ColumnMap:
    """Which position in a row holds which column, and why the header row is refused."""

    positions: dict[DossierColumn, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def known(self) -> frozenset[int]:
        return frozenset(self.positions.values())


def dossier_columns(headers: Sequence[object]) -> ColumnMap:
    """Read the header row of an import file: exactly the columns of the template (in any
    order). A column named like personal data (BSN, naam, …) is refused by name; an unknown or
    repeated column is refused too, so nothing but the template's fields enters the app.
    Trailing empty header cells are ignored."""
    positions: dict[DossierColumn, int] = {}
    problems = []
    for index, header in enumerate(headers):
        name = _normalised(header)
        if not name:
            continue
        if name in PERSONAL_DATA_COLUMNS or name.replace(" ", "") in PERSONAL_DATA_COLUMNS:
            problems.append(
                _(
                    "Kolom “%s” is niet toegestaan: een importbestand bevat geen BSN, naam of "
                    "andere persoonsgegevens, alleen een pseudonieme referentie."
                )
                % str(header).strip()
            )
        elif looks_like_bsn(header):
            problems.append(
                _("De kolomkop “%s” lijkt op een BSN; dat is niet toegestaan.") % str(header)
            )
        elif (column := _COLUMN_BY_TEXT.get(name)) is None:
            problems.append(
                _("Kolom “%(name)s” hoort niet in het sjabloon (wel: %(columns)s).")
                % {"name": str(header).strip(), "columns": ", ".join(DossierColumn.values)}
            )
        elif column in positions:
            problems.append(_("Kolom “%s” staat er twee keer in.") % column.value)
        else:
            positions[column] = index
    missing = [c.value for c in DossierColumn if c not in positions]
    if missing:
        problems.append(_("Ontbrekende kolommen: %s.") % ", ".join(missing))
    return ColumnMap(positions, problems)


def dossier_from_row(
    row: Sequence[object], columns: Mapping[DossierColumn, int], known: frozenset[int] = None
) -> tuple[DossierValues | None, list[str]]:
    """One data row of an import file as a dossier, or None with every reason it is refused.
    Every cell is checked for a BSN, whatever its column; a value in a column without a header
    is refused. (`known`: the positions of `columns`, when the caller has them at hand.)"""
    if known is None:
        known = frozenset(columns.values())
    problems = _cell_problems(row, known) if _needs_cell_checks(row, known) else []
    if problems:
        return None, problems

    size = len(row)
    cells = {column: (row[index] if index < size else None) for column, index in columns.items()}
    reference = _cell_text(cells[DossierColumn.REFERENCE]).strip()
    problems += reference_problems(reference)
    status = outcome = None
    try:
        status = parse_status(cells[DossierColumn.STATUS])
    except ValueError as exc:
        problems.append(str(exc))
    try:
        outcome = parse_outcome(cells[DossierColumn.OUTCOME])
    except ValueError as exc:
        problems.append(str(exc))
    amounts = {}
    for column, amount in _AMOUNT_COLUMNS:
        try:
            amounts[amount] = parse_amount(cells[column])
        except AmountError as exc:
            problems.append(f"{column.label}: {exc}")
    if problems:
        return None, problems
    values = DossierValues(reference, status.value, outcome, **amounts)
    problems = dossier_problems(values)
    return (None, problems) if problems else (values, [])


_AMOUNT_COLUMNS = tuple((column, amount.value) for column, amount in AMOUNT_COLUMNS.items())


def _needs_cell_checks(row: Sequence[object], known: frozenset[int]) -> bool:
    """Whether a row needs its cells looked at one by one: something in it could be a BSN, or
    it has cells outside the known columns. Text rows (CSV) are looked at in one go."""
    try:
        joined = "\x1f".join(row)  # a separator that no BSN pattern spans
    except TypeError:
        return True  # spreadsheet numbers: look at every cell
    return _BSN_CANDIDATE.search(joined) is not None or any(
        index not in known for index in range(len(row))
    )


def _cell_problems(row: Sequence[object], known: frozenset[int]) -> list[str]:
    problems = []
    for index, cell in enumerate(row):
        if cell is None or cell == "":
            continue
        if looks_like_bsn(cell):
            problems.append(
                _(
                    "Waarde “%s” lijkt op een BSN (negen cijfers die de elfproef doorstaan); een "
                    "importbestand bevat geen BSN."
                )
                % _cell_text(cell).strip()
            )
        elif index not in known and _cell_text(cell).strip():
            problems.append(
                _("Waarde “%s” staat in een kolom zonder kop.") % _cell_text(cell).strip()
            )
    return problems


def _cell_text(value: object) -> str:
    """A cell as text; a spreadsheet's whole number 123.0 reads as 123."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def dossier_changes(old: DossierValues, new: DossierValues) -> dict[str, list]:
    """`{field: [old, new]}` for every field of the dossier that differs (amounts in cents)."""
    return {
        name: [getattr(old, name), getattr(new, name)]
        for name in DOSSIER_FIELDS
        if getattr(old, name) != getattr(new, name)
    }


def initial_values(current: Mapping[str, object], changes: Sequence[Mapping[str, list]]) -> dict:
    """What a dossier held when it was created: its current values with every recorded change
    (`{field: [old, new]}`, oldest first) undone, newest first."""
    values = dict(current)
    for change in reversed(changes):
        for name, (old, _new) in change.items():
            values[name] = old
    return values
