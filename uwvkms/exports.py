"""Spreadsheet exports shared by every app: tables as CSV and XLSX.

CSV is written as Dutch Excel reads it: semicolons, decimal commas, UTF-8 with a byte-order
mark. XLSX keeps amounts as numbers (two decimals). Text that a spreadsheet would take for a
formula (starting with = + - @) is prefixed with an apostrophe, so an exported cell never runs
as a formula in the reader's spreadsheet."""

import csv
import datetime
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value: str) -> str:
    """Text as a spreadsheet shows it, never run as a formula."""
    return f"'{value}" if value.startswith(_FORMULA_START) else value


def _csv_cell(value) -> str:
    """One CSV cell as a Dutch reader expects it: a decimal comma, a date as 7-12-2026 and a
    moment in local time (never ISO, never UTC), text never run as a formula."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return f"{value.day}-{value.month}-{value.year} {value:%H:%M}"
    if isinstance(value, datetime.date):
        return f"{value.day}-{value.month}-{value.year}"
    if isinstance(value, Decimal):
        return f"{value:.2f}".replace(".", ",")
    if isinstance(value, str):
        return safe_text(value)
    return str(value)


def to_csv(sections: Sequence[tuple[str | None, Sequence, Iterable[Sequence]]]) -> bytes:
    """CSV bytes of one or more tables (title, header, rows), separated by an empty line."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    for index, (title, header, rows) in enumerate(sections):
        if index:
            writer.writerow([])
        if title:
            writer.writerow([safe_text(title)])
        writer.writerow(header)
        for row in rows:
            writer.writerow([_csv_cell(cell) for cell in row])
    return out.getvalue().encode("utf-8-sig")


def to_xlsx(sheets: Sequence[tuple[str, Sequence, Iterable[Sequence]]]) -> bytes:
    """XLSX bytes with one sheet per (title, header, rows); amounts as numbers with two
    decimals, a bold header, frozen under the header."""
    from openpyxl import Workbook  # noqa: PLC0415 (only exports need it)
    from openpyxl.cell import WriteOnlyCell  # noqa: PLC0415
    from openpyxl.styles import Font  # noqa: PLC0415

    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    for title, header, rows in sheets:
        sheet = workbook.create_sheet(title[:31])
        sheet.freeze_panes = "A2"
        header_cells = []
        for text in header:
            cell = WriteOnlyCell(sheet, value=str(text))
            cell.font = bold
            header_cells.append(cell)
        sheet.append(header_cells)
        for row in rows:
            cells = []
            for value in row:
                cell = WriteOnlyCell(sheet, value=_xlsx_value(value))
                if isinstance(value, Decimal):
                    cell.number_format = "#,##0.00"
                cells.append(cell)
            sheet.append(cells)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _xlsx_value(value):
    if isinstance(value, str):
        return safe_text(value)
    if hasattr(value, "tzinfo") and value.tzinfo is not None:
        return timezone.localtime(value).replace(tzinfo=None)
    return value


XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    """A download of `content` under `filename`."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
