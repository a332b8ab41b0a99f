"""The export of one unit's improvement actions as CSV (Dutch Excel: semicolons, decimal
commas) and XLSX, with the page's filters."""

import csv
import io

from django.urls import reverse
from openpyxl import load_workbook


def test_csv_export_with_the_filters(client, board_member, improvement_data, uitkeren):
    client.force_login(board_member)
    url = reverse("herstel:improvements_export", args=[uitkeren.pk, "csv"])
    response = client.get(url, {"zonder_effectmeting": "1"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="verbeteracties-uit-' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Bron", "Herkomst", "Verbeteractie"]
    assert sorted(r[2] for r in rows[1:]) == [
        "Kwaliteitsrapportage",
        "Teamplannen herijken",
        "Werkinstructie",
    ]
    assert {r[-1] for r in rows[1:]} == {"ja"}


def test_xlsx_export_keeps_the_measurements(client, fez_adviser, improvement_data, uitkeren):
    client.force_login(fez_adviser)
    response = client.get(reverse("herstel:improvements_export", args=[uitkeren.pk, "xlsx"]))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    data = {r[2]: dict(zip(header, r, strict=True)) for r in rows[1:]}
    assert len(data) == 9
    measured = data["Klantsignalen bespreken"]
    assert measured["Bron"] == "Vervolgactie toets"
    assert measured["Gemeten waarde"] == 82.5
    assert measured["Effectmeting"] == "gemeten waarde 82.50: Effect bereikt"
    assert measured["Geen effectmeting"] == "nee"
    judged = data["Maandelijkse steekproef"]
    assert judged["Bron"] == "Beheersmaatregel herstelactie"
    assert judged["Effectmeting"] == "evaluatie 2: geïmplementeerd, werkt: deels"
    assert judged["Toelichting of bewijs"] == "Eerste twee steekproeven gedaan."
    assert data["Werkinstructie"]["Geen effectmeting"] == "ja"
