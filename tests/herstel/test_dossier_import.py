"""Importing dossiers (DOMAIN.md §6, step 3): CSV and XLSX in the browser, after the template;
a pseudonymous reference only (a column or value that looks like a BSN is refused); all rows or
none, with every bad row listed by line number and reason; re-importing updates by reference
and shows what it changed."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from herstel.constants import DossierColumn, StepMove
from herstel.dossier_files import read_dossier_file, template_csv, template_xlsx
from herstel.models import Dossier, DossierChange, DossierImport, DossierSnapshot
from herstel.services.dossiers import DossierImportRefused, dossiers_import
from tests.herstel.flow import HEADER, csv_bytes, import_rows, move, row
from uwvkms.models import AuditEvent

FIRST = [
    row("HA-0001"),
    row("HA-0002", "beoordeeld", "nabetalen", "0", "1250,00", "0", "0"),
    row("HA-0003", "afgehandeld", "terugvorderen", "0", "0", "310,45", "0"),
]


def stored() -> dict:
    return {
        "dossiers": Dossier.objects.count(),
        "imports": DossierImport.objects.count(),
        "changes": DossierChange.objects.count(),
        "snapshots": DossierSnapshot.objects.count(),
        "events": AuditEvent.objects.filter(event__startswith="herstel.dossier").count(),
    }


def values(reference):
    d = Dossier.objects.get(reference=reference)
    return (
        d.status,
        d.outcome,
        d.paid_cents,
        d.to_pay_cents,
        d.recovered_cents,
        d.written_off_cents,
    )


def test_a_first_import_adds_the_dossiers(executing, adviser):
    record = import_rows(executing, adviser, FIRST)
    assert (record.rows, record.created, record.updated, record.unchanged) == (3, 3, 0, 0)
    assert (record.file_format, record.imported_by) == ("csv", adviser)
    assert values("HA-0002") == ("beoordeeld", "nabetalen", 0, 125000, 0, 0)
    assert values("HA-0003") == ("afgehandeld", "terugvorderen", 0, 0, 31045, 0)
    assert Dossier.objects.get(reference="HA-0001").created_in == record
    snapshot = DossierSnapshot.objects.get()
    assert (snapshot.total, snapshot.beoordeeld, snapshot.to_pay_cents) == (3, 1, 125000)
    event = AuditEvent.objects.get(event="herstel.dossiers.imported")
    assert event.changes == {
        "file": [None, "dossiers.csv"],
        "created": [None, 3],
        "updated": [None, 0],
        "unchanged": [None, 0],
        "malware_scan": [None, "niet gescand (MALWARE_SCAN staat uit)"],
    }


def test_a_reimport_updates_by_reference_and_keeps_what_changed(executing, adviser):
    import_rows(executing, adviser, FIRST)
    untouched = Dossier.objects.get(reference="HA-0003")
    second = import_rows(
        executing,
        adviser,
        [
            row("HA-0001", "beoordeeld", "afboeken", "0", "0", "0", "99,99"),
            row("HA-0002", "afgehandeld", "nabetalen", "1250,00", "0", "0", "0"),
            row("HA-0004"),
        ],
        name="week-2.csv",
    )
    assert (second.rows, second.created, second.updated, second.unchanged) == (3, 1, 2, 0)
    assert values("HA-0001") == ("beoordeeld", "afboeken", 0, 0, 0, 9999)
    assert Dossier.objects.get(reference="HA-0003").version == untouched.version  # not in file
    changes = {
        c.dossier.reference: c.changes for c in DossierChange.objects.select_related("dossier")
    }
    assert changes == {
        "HA-0001": {
            "status": ["te_beoordelen", "beoordeeld"],
            "outcome": ["", "afboeken"],
            "written_off": [0, 9999],
        },
        "HA-0002": {
            "status": ["beoordeeld", "afgehandeld"],
            "paid": [0, 125000],
            "to_pay": [125000, 0],
        },
    }
    assert all(
        c.dossier_import == second and c.changed_by == adviser for c in DossierChange.objects.all()
    )
    assert Dossier.objects.get(reference="HA-0002").version == 2
    third = import_rows(executing, adviser, [row("HA-0004")])
    assert (third.created, third.updated, third.unchanged) == (0, 0, 1)
    assert DossierSnapshot.objects.count() == 3  # one per import


def test_one_bad_row_and_nothing_is_stored_every_bad_row_listed(executing, adviser):
    import_rows(executing, adviser, FIRST)
    before = stored()
    rows = [
        row("HA-0001", "beoordeeld", "nabetalen", "0", "10,00", "0", "0"),  # good (an update)
        row("HA-0010", "te beoordelen", "", "", "", "", ""),  # good (new)
        row("111222333"),  # line 4: a BSN as reference
        row("HA-0012", "beoordeeld", "", "", "", "", ""),  # line 5: no outcome
        row("HA-0013", "te beoordelen", "", "-3", "", "", ""),  # line 6: negative, and amount
        row("HA-0010"),  # line 7: a repeated reference
        row("HA-0014", "beoordeeld", "nabetalen", "1.234,00", "", "", ""),  # line 8
        [*row("HA-0015"), "1234.56.782"],  # line 9: a grouped BSN in a column without header
    ]
    with pytest.raises(DossierImportRefused) as refused:
        import_rows(executing, adviser, rows)
    assert stored() == before
    assert values("HA-0001") == ("te_beoordelen", "", 0, 0, 0, 0)
    errors = refused.value.row_errors
    assert [e.line for e in errors] == [4, 5, 6, 7, 8, 9]
    reasons = {e.line: " ".join(e.reasons) for e in errors}
    assert "lijkt op een BSN" in reasons[4]
    assert "heeft een uitkomst" in reasons[5]
    assert "Een bedrag is nul of meer" in reasons[6]
    assert "Referentie “HA-0010” staat ook op regel 3." in reasons[7]
    assert "zonder duizendtaltekens" in reasons[8]
    assert "Waarde “1234.56.782” lijkt op een BSN" in reasons[9]
    assert refused.value.messages == [
        "Het bestand is niet ingelezen: 6 regels hebben een fout. Er is niets opgeslagen; "
        "verbeter het bestand en lees het opnieuw in."
    ]


@pytest.mark.parametrize(
    ("header", "reason"),
    [
        ([*HEADER, "bsn"], "Kolom “bsn” is niet toegestaan"),
        ([*HEADER, "Naam"], "Kolom “Naam” is niet toegestaan"),
        ([*HEADER, "toelichting"], "hoort niet in het sjabloon"),
        (HEADER[:-1], "Ontbrekende kolommen: afgeboekt."),
    ],
)
def test_a_wrong_header_refuses_the_file(executing, adviser, header, reason):
    with pytest.raises(DossierImportRefused) as refused:
        dossiers_import(
            actor=adviser,
            herstelactie=executing,
            file_name="x.csv",
            data=csv_bytes([[*row("HA-1"), ""]], header=header),
        )
    [error] = refused.value.row_errors
    assert error.line == 1 and reason in " ".join(error.reasons)
    assert not Dossier.objects.exists()


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "Het bestand is leeg."),
        (csv_bytes([]), "Het bestand bevat geen dossiers."),
        (b"\x00\x01\x02binary", "geen CSV-bestand"),
        (b"\xd0\xcf\x11\xe0old excel", "geen geldig XLSX-bestand"),
        (b"PK\x03\x04not really a zip", "kan niet worden gelezen"),
    ],
)
def test_files_that_are_not_dossier_files(executing, adviser, data, reason):
    with pytest.raises(DossierImportRefused) as refused:
        dossiers_import(actor=adviser, herstelactie=executing, file_name="x.csv", data=data)
    assert reason in " ".join(r for e in refused.value.row_errors for r in e.reasons)
    assert refused.value.messages == ["Het bestand is niet ingelezen. Er is niets opgeslagen."]


def test_csv_as_excel_writes_it(executing, adviser):
    """Windows-1252 with a comma as separator (amounts quoted), or UTF-8 with a BOM."""
    cp1252 = csv_bytes(
        [row("HA-1", "beoordeeld", "nabetalen", "0", "€ 12,50", "0", "0")],
        delimiter=",",
        encoding="cp1252",
    )
    assert b"\x80" in cp1252  # the euro sign in Windows-1252
    import_rows_data(executing, adviser, cp1252)
    assert values("HA-1")[3] == 1250
    bom = "\ufeff".encode() + csv_bytes([row("HA-2")])
    import_rows_data(executing, adviser, bom)
    assert Dossier.objects.filter(reference="HA-2").exists()


def import_rows_data(action, adviser, data, name="dossiers.csv"):
    action.refresh_from_db()
    return dossiers_import(actor=adviser, herstelactie=action, file_name=name, data=data)


def xlsx(rows, header=HEADER) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(header))
    for r in rows:
        sheet.append(list(r))
    sheet.append([])  # trailing empty rows, as Excel leaves them
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_an_xlsx_import_with_numbers_as_numbers(executing, adviser):
    data = xlsx(
        [
            ["HA-1", "Beoordeeld", "Nabetalen", 0, 1250.5, 0, None],
            ["HA-2", "afgehandeld", "terugvorderen", None, None, 0.1 + 0.2, 0],
        ]
    )
    record = import_rows_data(executing, adviser, data, name="dossiers.xlsx")
    assert (record.file_format, record.created) == ("xlsx", 2)
    assert values("HA-1") == ("beoordeeld", "nabetalen", 0, 125050, 0, 0)
    assert values("HA-2")[4] == 30


def test_an_xlsx_with_a_bsn_number_is_refused(executing, adviser):
    data = xlsx(
        [["HA-1", "te beoordelen", None, None, None, None, None], [111222333, "te beoordelen"]]
    )
    with pytest.raises(DossierImportRefused) as refused:
        import_rows_data(executing, adviser, data, name="dossiers.xlsx")
    [error] = refused.value.row_errors
    assert error.line == 3 and "Waarde “111222333” lijkt op een BSN" in error.reasons[0]
    assert not Dossier.objects.exists()


def test_the_templates_read_back_and_import(executing, adviser):
    for name, data in (("sjabloon.csv", template_csv()), ("sjabloon.xlsx", template_xlsx())):
        parsed = read_dossier_file(name=name, data=data)
        assert parsed.errors == [], name
        assert [line for line, _values in parsed.rows] == [2, 3, 4, 5]
    record = import_rows_data(executing, adviser, template_xlsx(), name="sjabloon.xlsx")
    assert record.created == 4
    workbook = load_workbook(io.BytesIO(template_xlsx()))
    assert workbook.sheetnames == ["Dossiers", "Toelichting"]
    assert [c.value for c in workbook["Dossiers"][1]] == DossierColumn.values


def test_only_the_lead_advisers_import(
    wg_member, executing, dt_member, sbk_adviser, board_member, other_adviser, fez_adviser
):
    for someone in (dt_member, sbk_adviser, board_member, other_adviser, fez_adviser, wg_member):
        with pytest.raises(PermissionDenied):
            import_rows(executing, someone, FIRST)
    assert not Dossier.objects.exists()


def test_no_import_outside_step_3(executing, adviser):
    import_rows(executing, adviser, [row("HA-1", "afgehandeld", "geen wijziging", 0, 0, 0, 0)])
    move(executing, adviser, StepMove.TO_EVALUATION)
    with pytest.raises(ValidationError, match="kan niet in Stap 4"):
        import_rows(executing, adviser, [row("HA-2")])
    assert Dossier.objects.count() == 1


# --- In the browser -------------------------------------------------------------------------


def upload(name, data, content_type="text/csv"):
    return {"file": SimpleUploadedFile(name, data, content_type=content_type)}


def test_the_import_page_imports_and_shows_what_changed(client, executing, adviser):
    client.force_login(adviser)
    url = reverse("herstel:dossier_import", args=[executing.pk])
    page = client.get(url).content.decode()
    assert "Sjabloon (XLSX)" in page and "Nooit een BSN of naam" in page
    response = client.post(url, upload("week-1.csv", csv_bytes(FIRST)))
    first = DossierImport.objects.get()
    assert response.status_code == 302 and response["Location"] == first.get_absolute_url()
    response = client.post(
        url,
        upload(
            "week-2.csv", csv_bytes([row("HA-0001", "beoordeeld", "nabetalen", 0, "7,5", 0, 0)])
        ),
        follow=True,
    )
    page = response.content.decode()
    assert "week-2.csv is ingelezen: 0 nieuw, 1 gewijzigd, 0 ongewijzigd." in page
    assert "HA-0001" in page
    assert "status</span>: Te beoordelen → Beoordeeld" in page
    assert "nog te betalen</span>: €\xa00,00 → €\xa07,50" in page


def test_a_refused_file_lists_every_bad_line(client, executing, adviser):
    client.force_login(adviser)
    url = reverse("herstel:dossier_import", args=[executing.pk])
    bad = csv_bytes([row("HA-1"), row("123456782"), row("HA-3", "klaar")])
    response = client.post(url, upload("fout.csv", bad))
    assert response.status_code == 400
    page = response.content.decode()
    assert "2 regels hebben een fout. Er is niets opgeslagen" in page
    assert '<th scope="row">3</th>' in page and "lijkt op een BSN" in page
    assert '<th scope="row">4</th>' in page and "Onbekende status “klaar”" in page
    assert not Dossier.objects.exists()


def test_an_upload_too_large_is_refused(client, executing, adviser, settings):
    settings.UPLOAD_MAX_BYTES = 100
    client.force_login(adviser)
    response = client.post(
        reverse("herstel:dossier_import", args=[executing.pk]),
        upload("groot.csv", csv_bytes([row(f"HA-{n}") for n in range(20)])),
    )
    assert response.status_code == 400 and "groter dan" in response.content.decode()
    assert not Dossier.objects.exists()


def test_the_templates_download(client, wg_member, executing, outsider):
    client.force_login(wg_member)
    response = client.get(reverse("herstel:dossier_template", args=["csv"]))
    assert response["Content-Disposition"] == 'attachment; filename="sjabloon-dossiers.csv"'
    assert response.content == template_csv()
    response = client.get(reverse("herstel:dossier_template", args=["xlsx"]))
    assert response.content.startswith(b"PK")
    assert client.get(reverse("herstel:dossier_template", args=["pdf"])).status_code == 404
    client.force_login(outsider)
    assert client.get(reverse("herstel:dossier_template", args=["csv"])).status_code == 403


def test_the_export_reimports_unchanged(client, executing, adviser):
    import_rows(executing, adviser, FIRST)
    client.force_login(adviser)
    exported = client.get(reverse("herstel:dossier_export", args=[executing.pk])).content
    assert exported.startswith("\ufeff".encode())
    assert "HA-0002;beoordeeld;nabetalen;0,00;1250,00;0,00;0,00" in exported.decode("utf-8-sig")
    record = import_rows_data(executing, adviser, exported)
    assert (record.created, record.updated, record.unchanged) == (0, 0, 3)
