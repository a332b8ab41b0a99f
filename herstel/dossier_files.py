"""Reading an import file of dossiers (CSV or XLSX) into checked rows, and the template to fill.

Parsing and every check per row happen here, in Python, before the database is touched; the
service (services/dossiers.py) stores all rows or none. Line numbers are those a person sees:
the header is line 1 (in a spreadsheet: row 1)."""

import csv
import io
import re
import zipfile
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from herstel.constants import DossierColumn, DossierOutcome, DossierStatus
from herstel.dossier_rules import DossierValues, dossier_columns, dossier_from_row

CSV, XLSX = "csv", "xlsx"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Limits that keep a hostile or mistaken file from taking the server's memory and CPU (issue 19
# §4): the service passes the configured ones (IMPORT_MAX_ROWS, IMPORT_MAX_UNPACKED_MB).
MAX_ROWS = 200_000
MAX_UNPACKED_BYTES = 256 * 1024 * 1024
MAX_SHEETS = 20
MAX_MEMBERS = 1000
# Bad lines listed at most; the rest are counted ("en N meer").
MAX_ERRORS = 1000
_ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s>/]")


@dataclass(frozen=True)
class RowError:
    """Why one line of the file is refused (line None: the file as a whole)."""

    line: int | None
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class ParsedDossiers:
    """A file read and checked: its format, the good rows with their line numbers, and every
    refused line with its reasons (sorted by line)."""

    file_format: str
    rows: list[tuple[int, DossierValues]]
    errors: list[RowError]
    # Bad lines beyond MAX_ERRORS: counted, not listed.
    more_errors: int = 0


def read_dossier_file(
    *,
    name: str,
    data: bytes,
    max_rows: int = MAX_ROWS,
    max_unpacked_bytes: int = MAX_UNPACKED_BYTES,
) -> ParsedDossiers:
    """Read an uploaded CSV or XLSX file of dossiers: detect the format by its content (an XLSX
    is a zip file), read the header (exactly the template's columns) and every row. Rows with
    problems are listed, the first MAX_ERRORS of them (the rest counted: "en N meer");
    duplicates of a reference are refused after the first occurrence.

    Within limits: an XLSX is refused before it is parsed when it unpacks to more than
    `max_unpacked_bytes`, has more than MAX_SHEETS sheets, or a sheet has more than `max_rows`
    rows (counted in its XML as it unpacks, without parsing); any file is refused as soon as
    it has more than `max_rows` rows under its header."""
    lowered = (name or "").lower()
    if data.startswith(b"PK\x03\x04"):
        problem = xlsx_size_problem(data, max_rows=max_rows, max_unpacked_bytes=max_unpacked_bytes)
        if problem:
            return _refused(XLSX, problem)
        file_format, lines = XLSX, _xlsx_lines(data)
    elif lowered.endswith((".xlsx", ".xlsm", ".xls")) or data.startswith(b"\xd0\xcf\x11\xe0"):
        return _refused(
            XLSX,
            _(
                "Dit is geen geldig XLSX-bestand. Sla het bestand in Excel op als "
                "Excel-werkmap (.xlsx) of als CSV."
            ),
        )
    else:
        file_format = CSV
        try:
            lines = _csv_lines(data)
        except ValueError as exc:
            return _refused(CSV, str(exc))
    try:
        header_line, header = next(lines)
    except StopIteration:
        return _refused(file_format, _("Het bestand is leeg."))
    except ValueError as exc:
        return _refused(file_format, str(exc))
    columns = dossier_columns(header)
    if columns.problems:
        return ParsedDossiers(file_format, [], [RowError(header_line, tuple(columns.problems))])

    rows: list[tuple[int, DossierValues]] = []
    errors: list[RowError] = []
    more_errors = 0
    first_line: dict[str, int] = {}
    known = columns.known
    try:
        for count, (line, row) in enumerate(lines, start=1):
            if count > max_rows:
                return _refused(file_format, too_many_rows(max_rows))
            values, problems = dossier_from_row(row, columns.positions, known)
            if values is not None:
                earlier = first_line.setdefault(values.reference, line)
                if earlier != line:
                    problems = [
                        _("Referentie “%(ref)s” staat ook op regel %(line)s.")
                        % {"ref": values.reference, "line": earlier}
                    ]
                else:
                    rows.append((line, values))
                    continue
            if len(errors) < MAX_ERRORS:
                errors.append(RowError(line, tuple(problems)))
            else:
                more_errors += 1
    except ValueError as exc:
        errors.append(RowError(None, (str(exc),)))
    if more_errors:
        errors.append(
            RowError(
                None,
                (
                    ngettext(
                        "… en %(n)s regel meer met een fout (alleen de eerste %(max)s staan hier).",
                        "… en %(n)s regels meer met een fout (alleen de eerste %(max)s staan hier).",
                        more_errors,
                    )
                    % {
                        "n": number_format(more_errors, force_grouping=True),
                        "max": number_format(MAX_ERRORS, force_grouping=True),
                    },
                ),
            )
        )
    if not rows and not errors:
        errors.append(RowError(None, (_("Het bestand bevat geen dossiers."),)))
    return ParsedDossiers(file_format, rows, errors, more_errors)


def too_many_rows(max_rows: int) -> str:
    return _(
        "Het bestand heeft meer dan %(max)s regels. Er is niets ingelezen; splits het bestand "
        "in delen van hoogstens %(max)s regels."
    ) % {"max": number_format(max_rows, force_grouping=True)}


def xlsx_size_problem(data: bytes, *, max_rows: int, max_unpacked_bytes: int) -> str:
    """Why an XLSX file is too big to parse, or "" when it is within the limits. Reads only the
    zip's table of contents and streams each worksheet's XML, counting its row elements; no
    XML is parsed, so a file that unpacks to millions of rows is refused in a fraction of the
    time parsing it would take."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if len(members) > MAX_MEMBERS:
                return _("Dit XLSX-bestand bestaat uit te veel delen om in te lezen.")
            unpacked = sum(member.file_size for member in members)
            if unpacked > max_unpacked_bytes:
                return _(
                    "Dit XLSX-bestand is uitgepakt groter dan %(max)s MB. Er is niets "
                    "ingelezen; splits het bestand of lever het aan als CSV."
                ) % {"max": max_unpacked_bytes // (1024 * 1024)}
            sheets = [
                m
                for m in members
                if m.filename.startswith("xl/worksheets/") and m.filename.endswith(".xml")
            ]
            if len(sheets) > MAX_SHEETS:
                return _(
                    "Dit XLSX-bestand heeft %(n)s werkbladen; hoogstens %(max)s zijn toegestaan "
                    "(de dossiers staan op het eerste)."
                ) % {"n": len(sheets), "max": MAX_SHEETS}
            for sheet in sheets:
                # The header's row plus max_rows: one more and the file is refused.
                if _count_rows(archive, sheet, stop_after=max_rows + 1) > max_rows + 1:
                    return too_many_rows(max_rows)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError, OSError):
        return ""  # not a readable zip: the reader says so in its own words
    return ""


def _count_rows(archive: zipfile.ZipFile, member: zipfile.ZipInfo, *, stop_after: int) -> int:
    """The number of row elements in a worksheet's XML, read in chunks (stops counting past
    `stop_after`). A tag split over two chunks is found through the overlap kept between them."""
    count = 0
    tail = b""
    with archive.open(member) as stream:
        while chunk := stream.read(1024 * 1024):
            window = tail + chunk
            # A tag wholly inside the kept tail was counted with the previous chunk.
            count += len(_ROW_TAG.findall(window)) - len(_ROW_TAG.findall(tail))
            if count > stop_after:
                break
            tail = window[-64:]
    return count


def _refused(file_format: str, reason: str) -> ParsedDossiers:
    return ParsedDossiers(file_format, [], [RowError(None, (reason,))])


def _csv_lines(data: bytes):
    """(line number, cells) per non-empty record of a CSV file. UTF-8 (with or without BOM) or,
    failing that, Windows-1252 (what Excel writes as "CSV (gescheiden door lijstscheidingsteken)");
    the delimiter (; , or tab) is taken from the header line."""
    if b"\x00" in data[:4096]:
        raise ValueError(_("Dit is geen CSV-bestand (het bevat binaire gegevens)."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    first = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    return _csv_records(reader)


def _csv_records(reader):
    try:
        for row in reader:
            if "".join(row).strip():
                yield reader.line_num, row
    except csv.Error as exc:
        raise ValueError(
            _("Regel %(line)s is geen geldige CSV: %(error)s")
            % {"line": reader.line_num, "error": exc}
        ) from None


def _xlsx_lines(data: bytes):
    """(row number, cells) per non-empty row of the first worksheet, values as Excel shows them
    (formulas as their last computed value)."""
    from openpyxl import load_workbook  # noqa: PLC0415 (only imports need it)
    from openpyxl.utils.exceptions import InvalidFileException  # noqa: PLC0415

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise ValueError(
            _("Dit XLSX-bestand kan niet worden gelezen (%s). Sla het opnieuw op als .xlsx.")
            % exc.__class__.__name__
        ) from None
    try:
        sheet = workbook.worksheets[0]
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            if any(cell is not None and str(cell).strip() for cell in row):
                yield number, list(row)
    finally:
        workbook.close()


# --- The template ---------------------------------------------------------------------------------

EXAMPLES = [
    ("HA-0001", DossierStatus.TE_BEOORDELEN, "", "", "", "", ""),
    ("HA-0002", DossierStatus.BEOORDEELD, DossierOutcome.NABETALEN, "0", "1250,00", "0", "0"),
    ("HA-0003", DossierStatus.AFGEHANDELD, DossierOutcome.TERUGVORDEREN, "0", "0", "310,45", "0"),
    ("HA-0004", DossierStatus.AFGEHANDELD, DossierOutcome.GEEN_WIJZIGING, "0", "0", "0", "0"),
]


def _example_rows() -> list[list[str]]:
    return [
        [ref, str(status.label).lower(), str(outcome.label).lower() if outcome else "", *amounts]
        for ref, status, outcome, *amounts in EXAMPLES
    ]


def template_csv() -> bytes:
    """The CSV template: the header and four example rows, separated by semicolons (as Dutch
    Excel reads them), UTF-8 with a byte-order mark so Excel shows the accents."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(DossierColumn.values)
    writer.writerows(_example_rows())
    return out.getvalue().encode("utf-8-sig")


def template_xlsx() -> bytes:
    """The XLSX template: the header and example rows on the first sheet (the reference column
    formatted as text), and an explanation of every column on a second sheet."""
    from openpyxl import Workbook  # noqa: PLC0415
    from openpyxl.styles import Font  # noqa: PLC0415

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Dossiers"
    sheet.append(DossierColumn.values)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for ref, status, outcome, *amounts in _example_rows():
        sheet.append(
            [ref, status, outcome, *(float(a.replace(",", ".")) if a else None for a in amounts)]
        )
    for row in sheet.iter_rows(min_row=2, max_col=1):
        for cell in row:
            cell.number_format = "@"
    for row in sheet.iter_rows(min_row=2, min_col=4, max_col=7):
        for cell in row:
            cell.number_format = "#,##0.00"
    for letter, width in zip("ABCDEFG", (18, 16, 16, 14, 16, 16, 14), strict=True):
        sheet.column_dimensions[letter].width = width

    help_sheet = workbook.create_sheet("Toelichting")
    help_sheet.append([_("Kolom"), _("Betekenis")])
    for cell in help_sheet[1]:
        cell.font = Font(bold=True)
    for column, meaning in column_help():
        help_sheet.append([column, meaning])
    help_sheet.column_dimensions["A"].width = 18
    help_sheet.column_dimensions["B"].width = 110
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def column_help() -> list[tuple[str, str]]:
    """What goes in each column of the template (shown on the import page and in the XLSX)."""
    statuses = ", ".join(str(s.label).lower() for s in DossierStatus)
    outcomes = ", ".join(str(o.label).lower() for o in DossierOutcome)
    amount = _("bedrag in euro's, bijvoorbeeld 1234,56 (zonder duizendtaltekens; leeg is 0)")
    return [
        (
            DossierColumn.REFERENCE.value,
            _(
                "Pseudonieme referentie van het dossier: letters, cijfers en . _ / -. Nooit een "
                "BSN of naam; een waarde die op een BSN lijkt, wordt geweigerd."
            ),
        ),
        (DossierColumn.STATUS.value, _("Een van: %s.") % statuses),
        (
            DossierColumn.OUTCOME.value,
            _("Een van: %s; leeg zolang het dossier nog te beoordelen is.") % outcomes,
        ),
        (DossierColumn.PAID.value, _("Nabetaald: %s.") % amount),
        (
            DossierColumn.TO_PAY.value,
            _("Nog te betalen (besloten, betaalopdracht nog niet gegeven): %s.") % amount,
        ),
        (DossierColumn.RECOVERED.value, _("Teruggevorderd: %s.") % amount),
        (DossierColumn.WRITTEN_OFF.value, _("Afgeboekt: %s.") % amount),
    ]
