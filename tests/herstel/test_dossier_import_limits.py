"""Dossier imports within limits (issue 19 §4): an XLSX is measured before it is parsed (its
unpacked size, its sheets, the rows in each sheet's XML), every file's rows are capped
(IMPORT_MAX_ROWS), and at most 1,000 bad lines are listed ("en N meer"). A refused file changes
nothing."""

import io
import zipfile

import pytest
from openpyxl import Workbook

from herstel.dossier_files import MAX_ERRORS, read_dossier_file, xlsx_size_problem
from herstel.models import Dossier, DossierImport
from herstel.services.dossiers import DossierImportRefused
from tests.herstel.flow import HEADER, csv_bytes, import_rows, row
from tests.herstel.test_dossier_import_scan import nothing_stored, post


def workbook_bytes(sheets: int = 1) -> bytes:
    workbook = Workbook()
    workbook.active.append(list(HEADER))
    workbook.active.append(["HA-0001", "te beoordelen"])
    for number in range(1, sheets):
        workbook.create_sheet(f"Blad {number + 1}")
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def with_sheet_xml(xlsx: bytes, sheet_xml: bytes) -> bytes:
    """The workbook with its first sheet's XML replaced, deflated as Excel does."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx)) as source, zipfile.ZipFile(out, "w") as target:
        for member in source.infolist():
            data = source.read(member)
            if member.filename == "xl/worksheets/sheet1.xml":
                data = sheet_xml
            target.writestr(member.filename, data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def sheet_xml(rows: int, *, same: bool = False) -> bytes:
    cells = "".join(
        f'<c r="{col}1" t="inlineStr"><is><t>{name}</t></is></c>'
        for col, name in zip("ABCDEFG", HEADER, strict=True)
    )
    body = (
        # `same`: every row alike (no row numbers: they are optional), so it deflates to little.
        '<row><c t="inlineStr"><is><t>HA-1</t></is></c>'
        '<c t="inlineStr"><is><t>te beoordelen</t></is></c></row>'
        if same
        else f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>HA-{n}</t></is></c>'
        f'<c r="B{n}" t="inlineStr"><is><t>te beoordelen</t></is></c></row>'
        for n in range(2, rows + 2)
    )
    return (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetData><row r="1">'
        + cells.encode()
        + b"</row>"
        + "".join(body).encode()
        + b"</sheetData></worksheet>"
    )


def test_a_small_xlsx_that_unpacks_to_300000_rows_is_refused(client, executing, adviser):
    bomb = with_sheet_xml(workbook_bytes(), sheet_xml(300_000, same=True))
    assert len(bomb) < 150 * 1024  # about 100 KB, unpacking to 30 MB of rows
    client.force_login(adviser)
    response = post(client, executing, "dossiers.xlsx", bomb)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Het bestand heeft meer dan 200.000 regels" in page
    assert "splits het bestand in delen van hoogstens 200.000 regels" in page
    assert nothing_stored()


def test_rows_are_counted_exactly_across_chunks():
    # About 27 MB of sheet XML: read in 1 MB chunks, every row counted once.
    xlsx = with_sheet_xml(workbook_bytes(), sheet_xml(250_000))
    big = dict(max_unpacked_bytes=1 << 30)
    assert xlsx_size_problem(xlsx, max_rows=250_000, **big) == ""
    assert "meer dan 249.999 regels" in xlsx_size_problem(xlsx, max_rows=249_999, **big)


def test_the_row_cap_holds_for_csv_and_xlsx(settings, executing, adviser):
    settings.IMPORT_MAX_ROWS = 3
    rows = [row(f"HA-{n}") for n in range(4)]
    with pytest.raises(DossierImportRefused) as refused:
        import_rows(executing, adviser, rows)
    assert "meer dan 3 regels" in str(refused.value.row_errors[0].reasons)
    xlsx = with_sheet_xml(workbook_bytes(), sheet_xml(4))
    assert (
        "meer dan 3 regels"
        in read_dossier_file(name="a.xlsx", data=xlsx, max_rows=3).errors[0].reasons[0]
    )
    assert nothing_stored()
    import_rows(executing, adviser, rows[:3])
    assert Dossier.objects.count() == 3


def test_an_xlsx_that_unpacks_too_large_or_has_too_many_sheets_is_refused(
    settings, client, executing, adviser
):
    client.force_login(adviser)
    settings.IMPORT_MAX_UNPACKED_BYTES = 4096
    response = post(client, executing, "dossiers.xlsx", workbook_bytes())
    assert response.status_code == 400
    assert "uitgepakt groter dan 0 MB" in response.content.decode()
    settings.IMPORT_MAX_UNPACKED_BYTES = 256 * 1024 * 1024
    response = post(client, executing, "dossiers.xlsx", workbook_bytes(sheets=21))
    assert response.status_code == 400
    assert "heeft 21 werkbladen; hoogstens 20" in response.content.decode()
    assert nothing_stored()
    assert post(client, executing, "dossiers.xlsx", workbook_bytes(sheets=2)).status_code == 302
    assert DossierImport.objects.count() == 1


def test_at_most_1000_bad_lines_are_listed(client, executing, adviser):
    bad = csv_bytes([row(f"HA-{n}", "klaar") for n in range(MAX_ERRORS + 205)])
    parsed = read_dossier_file(name="fout.csv", data=bad)
    assert len(parsed.errors) == MAX_ERRORS + 1 and parsed.more_errors == 205
    assert parsed.errors[-1].line is None
    assert parsed.errors[-1].reasons == (
        "… en 205 regels meer met een fout (alleen de eerste 1.000 staan hier).",
    )
    client.force_login(adviser)
    response = post(client, executing, "fout.csv", bad)
    page = response.content.decode()
    assert "1.205 regels hebben een fout" in page
    assert "en 205 regels meer met een fout" in page
    assert nothing_stored()
