"""A herstelactie from "go" to a closed evaluation in a real browser, the way people work:

1. the adviser of Uitkeren records the project lead and the go/no-go (go) on the execution page;
2. imports dossiers in the browser: a file with a BSN-like reference and a bad status is refused,
   nothing is stored, and every bad line is listed with its reason; the corrected file imports;
3. reads the management information (progress and the four totals), imports the final state,
   and ends the execution;
4. opens the evaluation from their work queue and evaluates (client experience with survey
   figures, internal process, the control measure of step 1), completes the evaluation and
   closes the action;
5. FEZ opens the central overview from its work queue's totals line, reads the action's totals
   and downloads the export.

The action is taken to step 3 through the services first (test_herstel_journey.py walks steps
1–2 in the browser). Locators go by label and role only; the browser console is watched: a
Content-Security-Policy violation fails the journey.
"""

import datetime
import io
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from herstel.models import Dossier, Herstelactie
from herstel.services.actions import control_measure_add
from tests.e2e.conftest import (
    assert_console_clean,
    assert_tables_fit,
    check,
    from_work_queue,
    log_in,
    log_out,
    status_message,
)
from tests.herstel.flow import csv_bytes, row, start, to_execution

TITLE = "Te lage WW-uitkering na loonbeslag"
REFUSED = csv_bytes(
    [
        row("WW-0001"),
        row("123456782"),  # line 3: nine digits that pass the elfproef
        row("WW-0003", "klaar"),  # line 4: an unknown status
    ]
)
FIRST = csv_bytes(
    [
        row("WW-0001"),
        row("WW-0002", "beoordeeld", "nabetalen", "0", "1250,00", "0", "0"),
        row("WW-0003", "afgehandeld", "nabetalen", "980,40", "0", "0", "0"),
        row("WW-0004", "afgehandeld", "terugvorderen", "0", "0", "310,45", "20,00"),
    ]
)
FINAL = csv_bytes(
    [
        row("WW-0001", "afgehandeld", "geen wijziging", "0", "0", "0", "0"),
        row("WW-0002", "afgehandeld", "nabetalen", "1250,00", "0", "0", "0"),
    ]
)


def tab(page: Page, name: str) -> None:
    page.get_by_role("link", name=name, exact=True).click()
    check(page)


def upload(page: Page, name: str, data: bytes) -> None:
    page.get_by_label("Bestand (CSV of XLSX)").set_input_files(
        files=[{"name": name, "mimeType": "text/csv", "buffer": data}]
    )
    page.get_by_role("button", name="Bestand inlezen").click()


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_go_dossiers_figures_evaluation_and_close(
    browser_page: Page, console_messages, page_checks, adviser, dt_member, board_member, fez_adviser
):
    action = start(adviser, title=TITLE)
    control_measure_add(
        actor=adviser,
        herstelactie=action,
        description="Het dagloon wordt bij loonbeslag automatisch gecontroleerd.",
        owner="Proceseigenaar WW",
        due_on=datetime.date(2025, 6, 1),
    )
    to_execution(action, adviser, dt_member, board_member)
    page = browser_page

    # 1. The adviser records the project lead and the go.
    log_in(page, "adviseur")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Herstelacties"
    ).click()
    page.get_by_role("link", name=TITLE).click()
    tab(page, "Stap 3 · uitvoering")
    expect(
        page.get_by_text("Nog geen go/no-go. Zonder go wordt er niet aan dossiers gewerkt.")
    ).to_be_visible()
    page.get_by_role("link", name="Projectstructuur en plan van aanpak wijzigen").click()
    page.get_by_label("Projectleider").fill("Petra Projectleider")
    page.get_by_label("Plan van aanpak (document)").fill("PvA herstel loonbeslag v1.0")
    page.get_by_role("button", name="Opslaan").click()
    expect(
        status_message(page, "De projectstructuur en het plan van aanpak zijn opgeslagen.")
    ).to_be_visible()
    go_form = page.get_by_role("region", name="Go/no-go")
    go_form.get_by_label("Go", exact=True).check()
    go_form.get_by_label("Datum van het besluit").fill("2025-04-01")
    go_form.get_by_role("button", name="Go/no-go vastleggen").click()
    expect(status_message(page, "Het besluit “Go” is vastgelegd.")).to_be_visible()
    expect(page.get_by_text("Aan de dossiers wordt gewerkt.")).to_be_visible()

    # 2. A file with a BSN-like value is refused with every bad line; nothing is stored.
    tab(page, "Dossiers")
    page.get_by_role("link", name="Dossiers importeren").click()
    expect(page.get_by_role("link", name="Sjabloon (XLSX)")).to_be_visible()
    upload(page, "week-14.csv", REFUSED)
    expect(
        page.get_by_text(
            "Het bestand is niet ingelezen: 2 regels hebben een fout. Er is niets opgeslagen"
        )
    ).to_be_visible()
    errors = page.get_by_role("table", name="Elke regel die niet is ingelezen, met de reden")
    expect(errors.get_by_role("row")).to_have_count(3)  # the header and two lines
    expect(errors.get_by_role("row").nth(1)).to_contain_text("3")
    expect(errors.get_by_role("row").nth(1)).to_contain_text("lijkt op een BSN")
    expect(errors.get_by_role("row").nth(2)).to_contain_text("Onbekende status “klaar”")
    assert not Dossier.objects.exists()

    upload(page, "week-14.csv", FIRST)
    expect(
        status_message(page, "week-14.csv is ingelezen: 4 nieuw, 0 gewijzigd, 0 ongewijzigd.")
    ).to_be_visible()

    # 3. The management information adds the dossiers up.
    tab(page, "Managementinformatie")
    expect(page.get_by_text("3 van 4 dossiers beoordeeld (75%)")).to_be_visible()
    assert_tables_fit(page)
    amounts = page.get_by_role("table", name="De vier bedragen, opgeteld over alle dossiers")
    expect(amounts.get_by_role("row", name=re.compile("^Nabetaald"))).to_contain_text("€\xa0980,40")
    expect(amounts.get_by_role("row", name=re.compile("^Nog te betalen"))).to_contain_text(
        "€\xa01.250,00"
    )
    expect(amounts.get_by_role("row", name=re.compile("^Teruggevorderd"))).to_contain_text(
        "€\xa0310,45"
    )
    expect(amounts.get_by_role("row", name=re.compile("^Afgeboekt"))).to_contain_text("€\xa020,00")
    expect(
        page.get_by_text("Het gemiddelde is afgeleid uit de beoordeelde dossiers")
    ).to_be_visible()

    tab(page, "Dossiers")
    page.get_by_role("link", name="Dossiers importeren").click()
    upload(page, "eindstand.csv", FINAL)
    expect(
        status_message(page, "eindstand.csv is ingelezen: 0 nieuw, 2 gewijzigd, 0 ongewijzigd.")
    ).to_be_visible()
    changes = page.get_by_role("table", name="Per gewijzigd dossier: oud en nieuw")
    expect(changes.get_by_role("row", name=re.compile("WW-0002"))).to_contain_text(
        "nog te betalen: €\xa01.250,00 → €\xa00,00"
    )
    tab(page, "Stap 3 · uitvoering")
    page.get_by_role("button", name="Uitvoering afronden, door naar stap 4 · evaluatie").click()
    page.get_by_role(
        "button", name="Ja: Uitvoering afronden, door naar stap 4 · evaluatie"
    ).click()  # the confirmation step
    expect(status_message(page, "De herstelactie staat nu in Stap 4 · evaluatie.")).to_be_visible()

    # 4. The evaluation, completed, and the action closed. The adviser opens it from their work
    # queue, where the action now waits for its evaluation.
    from_work_queue(
        page,
        "Evaluatie",
        f"Herstelactie ‘{TITLE}’: evaluatie",
        detail="Stap 4: evalueer de ervaring van klanten, het proces en de maatregelen.",
    )
    check(page)
    evaluation = page.get_by_role("region", name=re.compile("^Evaluatie 1"))
    evaluation.get_by_label("Hoe cliënten de herstelactie en de communicatie ervoeren").fill(
        "De meeste cliënten waardeerden de brief zonder aanvraag."
    )
    evaluation.get_by_label("Enquête: uitgenodigd").fill("4")
    evaluation.get_by_label("Enquête: respondenten").fill("2")
    evaluation.get_by_label("Enquête: gemiddeld rapportcijfer").fill("7,5")
    evaluation.get_by_label("Hoe het interne proces is gegaan").fill("De betaalrun liep goed.")
    measure = evaluation.get_by_role(
        "group", name="Het dagloon wordt bij loonbeslag automatisch gecontroleerd."
    )
    measure.get_by_label("Geïmplementeerd").select_option("ja")
    measure.get_by_label("Werkt de maatregel?").select_option("yes")
    measure.get_by_label("Bewijs").fill("Release 2025.2; controle op twintig dossiers.")
    evaluation.get_by_role("button", name="Evaluatie 1 opslaan").click()
    expect(status_message(page, "Evaluatie 1 is opgeslagen.")).to_be_visible()
    page.get_by_role("button", name="Evaluatie 1 afronden").click()
    expect(status_message(page, "Evaluatie 1 is afgerond.")).to_be_visible()
    expect(page.get_by_text("2 van 4 uitgenodigden reageerden (50%)")).to_be_visible()
    check(page)
    page.get_by_role("button", name="Herstelactie sluiten").click()
    page.get_by_role("button", name="Ja: Herstelactie sluiten").click()  # the confirmation step
    expect(status_message(page, "De herstelactie staat nu in Gesloten.")).to_be_visible()
    log_out(page)

    # 5. FEZ opens the overview from its work queue (its totals: nothing runs any more, one
    # action ended) and exports it.
    log_in(page, "adviseur.fez")
    from_work_queue(
        page, "Overzicht", "0 herstelacties lopen", detail="0 in evaluatie · 1 afgesloten"
    )
    overview = page.get_by_role("table", name=re.compile("herstelactie"))
    line = overview.get_by_role("row", name=re.compile(TITLE))
    expect(line).to_contain_text("Gesloten")
    expect(line).to_contain_text("4 / 4 (100%)")
    expect(line).to_contain_text("€\xa02.230,40")  # 980,40 + 1.250,00 paid
    check(page)
    assert_tables_fit(page)  # the money columns fit on a 1366 px laptop screen
    with page.expect_download() as download:
        page.get_by_role("link", name="Exporteren (XLSX)").click()
    sheet = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))["Totaaloverzicht"]
    exported = {r[0]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert exported[TITLE][9] == 2230.4  # Nabetaald (€)
    log_out(page)

    action = Herstelactie.objects.get()
    assert action.step == "gesloten" and action.closed_on is not None
    assert set(Dossier.objects.values_list("status", flat=True)) == {"afgehandeld"}
    assert_console_clean(console_messages, failed_loads={400: 1})
