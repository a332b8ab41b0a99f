"""Journey 5 (issue 10): a herstelactie on the RvB path end to end in a real browser, the way
people work:

1. the adviser of Uitkeren starts the action from the home page, fills the advice and the five
   mandate criteria, sees the computed mandate with the rule that decided it, and submits the
   advice to the DT (after an incomplete first try is refused with the reasons);
2. the DT member of Uitkeren opens the action from their work queue ("Besluit 2A"), records
   2A (taking note, as the mandate lies with the RvB) and passes the advice on to the RvB;
3. the RvB member opens it from their work queue ("Besluit 2B") and records the decision; the
   checklist shows SZW still to be informed;
4. SBK opens the action from its work queue ("SZW informeren over het besluit") and records
   that SZW was informed; the adviser takes the action to step 3, and the timeline
   shows every step and decision in order;
5. the adviser records the go, imports a dossier file with one bad row (the row's error is
   shown, nothing is stored), fixes it, imports it, and reads the management information.

Locators go by label and role only. The browser console is watched throughout: a
Content-Security-Policy violation fails the journey.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from herstel.models import Decision, Dossier, Herstelactie
from tests.e2e.conftest import (
    assert_console_clean,
    assert_pages_checked,
    check,
    from_work_queue,
    log_in,
    log_out,
    status_message,
)
from tests.herstel.flow import csv_bytes, row

TITLE = "Te lage WW-uitkering na loonbeslag"
DECISION_TEXT = re.compile(r"^\s*Besluit\*?\s*$")  # required fields carry an asterisk

CRITERIA = [
    # (criterion, answer, rationale)
    (
        "Past binnen wet- en regelgeving en de bevoegdheden van UWV",
        "Ja, past binnen wet- en regelgeving en de bevoegdheden van UWV",
        "Herziening ten gunste van de cliënt mag altijd.",
    ),
    ("Impact op de organisatie", "Groot", "Drie divisies moeten dossiers beoordelen."),
    ("Politieke gevoeligheid", "Beperkt", "Een beperkte groep, geen eerdere signalen."),
    ("Grote impact op cliënten", "Nee", "Cliënten krijgen alleen geld bij."),
    ("Groot beroep op de grote geldstroom", "Nee", "Naar schatting anderhalf miljoen euro."),
]
BAD_ROW = csv_bytes(
    [
        row("WW-0001"),
        row("WW-0002", "klaar"),  # line 3: an unknown status
    ]
)
FIXED = csv_bytes(
    [
        row("WW-0001"),
        row("WW-0002", "afgehandeld", "nabetalen", "980,40", "0", "0", "0"),
    ]
)


def open_action(page: Page) -> None:
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Herstelacties"
    ).click()
    expect(page.get_by_role("heading", name="Herstelacties", level=1)).to_be_visible()
    check(page)
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", name="Overzicht")).to_be_visible()
    check(page)


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
def test_adviser_dt_and_rvb_take_an_action_to_decision(
    browser_page: Page,
    console_messages,
    page_checks,
    adviser,
    dt_member,
    board_member,
    sbk_adviser,
    uitkeren,
):
    page = browser_page

    # 1. The adviser starts the action from the home page.
    log_in(page, "adviseur")
    page.get_by_role("link", name="Naar de herstelacties").click()
    check(page)
    page.get_by_role("link", name="Herstelactie starten").click()
    expect(page.get_by_label("Leidende divisie")).to_have_value(str(uitkeren.pk))
    check(page)
    page.get_by_label("Titel").fill(TITLE)
    page.get_by_label("Wat ging er mis").fill(
        "Bij loonbeslag werd de uitkering op een te laag dagloon berekend."
    )
    page.get_by_label("Sinds wanneer").fill("2024-01-01")
    page.get_by_label("Geschat aantal cliënten").fill("1200")
    page.get_by_label("Geschat bedrag (€)").fill("1500000,00")
    page.get_by_role("button", name="Herstelactie starten").click()
    expect(
        status_message(
            page, f"Herstelactie “{TITLE}” is gestart; de vaste contactpersonen zijn ingelicht."
        )
    ).to_be_visible()
    expect(page.get_by_text("Stap 1 · situatie en advies")).to_be_visible()
    check(page)

    # An empty advice cannot go to the DT: the move says why.
    expect(page.get_by_text("“Advies voorleggen aan de DT” kan nog niet:")).to_be_visible()
    expect(page.get_by_text("Doelgroep ontbreekt.", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Advies voorleggen aan de DT")).to_be_disabled()

    # The advice: every section, and the five criteria each with why and who judged.
    tab(page, "Stap 1 · advies")
    for label in [
        "Doelgroep",
        "Juridisch kader",
        "Financieel aspect: cliënten",
        "Financieel aspect: werkgevers",
        "Financieel aspect: grote geldstroom",
        "Financieel aspect: andere belanghebbenden",
        "Capaciteit",
        "Communicatie en contact met de doelgroep",
        "Overige relevante informatie",
    ]:
        page.get_by_label(label, exact=True).fill(f"{label}: uitgewerkt in de werkgroep.")
    for criterion, answer, rationale in CRITERIA:
        group = page.get_by_role("group", name=criterion, exact=True)
        group.get_by_label(answer, exact=True).check()
        group.get_by_label("Onderbouwing").fill(rationale)
        group.get_by_label("Beoordeeld door").fill("mr. J. Jurist, JKC")
    page.get_by_role("button", name="Advies opslaan").click()
    expect(status_message(page, "Het advies is opgeslagen.")).to_be_visible()
    check(page)

    # The mandate computed from the criteria, with the rule that decided it.
    mandate = page.get_by_role("region", name="Besluitvormingsmandaat volgens de criteria")
    expect(mandate).to_contain_text("Raad van Bestuur")
    expect(mandate).to_contain_text(
        "De RvB besluit als de actie past binnen wet- en regelgeving en de bevoegdheden van UWV"
    )
    expect(mandate).to_contain_text("Doorslaggevend: grote impact op de organisatie.")
    expect(page.get_by_text("Het advies is compleet.")).to_be_visible()

    tab(page, "Overzicht")
    page.get_by_role("button", name="Advies voorleggen aan de DT").click()
    # Presenting the advice fixes it and the mandate: the app asks first.
    expect(page.get_by_text("Mandaat volgens de criteria: Raad van Bestuur.")).to_be_visible()
    check(page)
    page.get_by_role("button", name="Ja: Advies voorleggen aan de DT").click()
    expect(status_message(page, "De herstelactie staat nu in Stap 2A · DT.")).to_be_visible()
    expect(page.get_by_text("Mandaat: Raad van Bestuur")).to_be_visible()
    check(page)
    log_out(page)

    # 2. The DT member of Uitkeren takes note (the mandate lies with the RvB) and passes it on.
    # The DT member starts from their work queue, where the action waits for the 2A decision.
    log_in(page, "dt.uitkeren")
    from_work_queue(
        page,
        "Besluit 2A",
        f"Herstelactie ‘{TITLE}’ wacht op het besluit van de DT",
        detail="Stap 2A: bespreek het advies en leg het besluit of de kennisname vast.",
    )
    expect(page.get_by_role("heading", name="Besluit vastleggen: DT (stap 2A)")).to_be_visible()
    check(page)
    dt_form = page.get_by_role("region", name="Besluit vastleggen: DT (stap 2A)")
    expect(dt_form.get_by_role("radio")).to_have_count(1)  # only what the path allows
    dt_form.get_by_label("Kennisname").check()
    dt_form.get_by_label("Datum van het besluit").fill("2025-03-04")
    dt_form.get_by_role("textbox", name=DECISION_TEXT).fill(
        "De DT neemt kennis van het advies en vult de capaciteitsparagraaf aan."
    )
    dt_form.get_by_label("Document").fill("DT-verslag 2025-09")
    dt_form.get_by_role("button", name="Besluit vastleggen").click()
    expect(status_message(page, "Het besluit van DT (stap 2A) is vastgelegd.")).to_be_visible()
    check(page)
    page.get_by_role("button", name="Voorleggen aan de RvB").click()
    page.get_by_role("button", name="Ja: Voorleggen aan de RvB").click()  # the confirmation step
    expect(status_message(page, "De herstelactie staat nu in Stap 2B · RvB.")).to_be_visible()
    log_out(page)

    # 3. The RvB member records the decision; the checklist shows what is still open.
    # The RvB member starts from their work queue, where the action waits for the 2B decision.
    log_in(page, "rvb")
    from_work_queue(
        page,
        "Besluit 2B",
        f"Herstelactie ‘{TITLE}’ wacht op het besluit van de RvB",
        detail="Leidende divisie: Uitkeren · mandaat: Raad van Bestuur",
    )
    expect(
        page.get_by_role("heading", name="Besluit vastleggen: Raad van Bestuur (stap 2B)")
    ).to_be_visible()
    check(page)
    rvb_form = page.get_by_role("region", name="Besluit vastleggen: Raad van Bestuur (stap 2B)")
    rvb_form.get_by_role("radio", name="Besluit", exact=True).check()
    rvb_form.get_by_label("Datum van het besluit").fill("2025-03-18")
    rvb_form.get_by_role("textbox", name=DECISION_TEXT).fill(
        "De RvB besluit tot ambtshalve nabetaling met wettelijke rente."
    )
    rvb_form.get_by_role("button", name="Besluit vastleggen").click()
    expect(
        status_message(page, "Het besluit van Raad van Bestuur (stap 2B) is vastgelegd.")
    ).to_be_visible()
    check(page)
    checklist = page.get_by_role("region", name="Verplichtingen van dit besluitvormingstraject")
    expect(checklist.get_by_role("listitem")).to_have_text(
        [
            "gedaan De DT heeft kennisgenomen van het advies aan de RvB (stap 2A)",
            "gedaan De RvB is geïnformeerd",
            "gedaan De RvB heeft besloten (stap 2B)",
            "open SBK heeft SZW geïnformeerd over het besluit",
        ]
    )
    log_out(page)

    # 4. SBK informs SZW; the adviser takes the action to execution.
    log_in(page, "adviseur.sbk")
    from_work_queue(
        page,
        "SBK",
        f"Herstelactie ‘{TITLE}’: SZW informeren over het besluit",
        detail="Leidende divisie: Uitkeren",
    )
    check(page)
    notifications = page.get_by_role("region", name="Kennisgevingen")
    notifications.get_by_label("SZW geïnformeerd (door SBK)").check()
    notifications.get_by_label(re.compile(r"^\s*Datum\*?\s*$")).fill("2025-03-20")
    notifications.get_by_label("Toelichting").fill(
        "Directie SZW per brief geïnformeerd over het besluit."
    )
    notifications.get_by_role("button", name="Kennisgeving vastleggen").click()
    expect(status_message(page, "De kennisgeving is vastgelegd.")).to_be_visible()
    check(page)
    log_out(page)

    log_in(page, "adviseur")
    open_action(page)
    page.get_by_role("button", name="Door naar stap 3 · uitvoering").click()
    page.get_by_role(
        "button", name="Ja: Door naar stap 3 · uitvoering"
    ).click()  # the confirmation step
    expect(status_message(page, "De herstelactie staat nu in Stap 3 · uitvoering.")).to_be_visible()
    tab(page, "Tijdlijn")
    timeline = page.get_by_role("list").filter(has_text="Herstelactie gestart in stap 1")
    expect(timeline.get_by_role("listitem").filter(has_text="Besluit vastgelegd")).to_have_count(2)
    expect(timeline).to_contain_text("Van Stap 2B · RvB naar Stap 3 · uitvoering")

    # 5. The go, then the dossiers: a file with one bad row is refused with that row's error.
    tab(page, "Stap 3 · uitvoering")
    go_form = page.get_by_role("region", name="Go/no-go")
    go_form.get_by_label("Go", exact=True).check()
    go_form.get_by_label("Datum van het besluit").fill("2025-04-01")
    go_form.get_by_role("button", name="Go/no-go vastleggen").click()
    expect(status_message(page, "Het besluit “Go” is vastgelegd.")).to_be_visible()
    check(page)
    tab(page, "Dossiers")
    page.get_by_role("link", name="Dossiers importeren").click()
    check(page)
    upload(page, "week-14.csv", BAD_ROW)
    expect(
        page.get_by_text(
            "Het bestand is niet ingelezen: 1 regel heeft een fout. Er is niets opgeslagen"
        )
    ).to_be_visible()
    errors = page.get_by_role("table", name="Elke regel die niet is ingelezen, met de reden")
    expect(errors.get_by_role("row")).to_have_count(2)  # the header and the bad line
    expect(errors.get_by_role("row").nth(1)).to_contain_text("3")
    expect(errors.get_by_role("row").nth(1)).to_contain_text("Onbekende status “klaar”")
    check(page)
    assert not Dossier.objects.exists()

    upload(page, "week-14.csv", FIXED)
    expect(
        status_message(page, "week-14.csv is ingelezen: 2 nieuw, 0 gewijzigd, 0 ongewijzigd.")
    ).to_be_visible()
    check(page)
    tab(page, "Managementinformatie")
    expect(page.get_by_text("1 van 2 dossiers beoordeeld (50%)")).to_be_visible()
    amounts = page.get_by_role("table", name="De vier bedragen, opgeteld over alle dossiers")
    expect(amounts.get_by_role("row", name=re.compile("^Nabetaald"))).to_contain_text("€\xa0980,40")
    page_checks.screenshot(page, "journey-5-herstel")
    log_out(page)

    action = Herstelactie.objects.get()
    assert (action.step, action.mandate) == ("stap_3", "rvb")
    assert list(Decision.objects.values_list("forum", "outcome").order_by("id")) == [
        ("dt", "kennisname"),
        ("rvb", "besluit"),
    ]
    assert re.match(r"^De RvB besluit", action.mandate_rule)
    assert Dossier.objects.count() == 2
    assert_pages_checked(
        page_checks,
        r"^/herstel/nieuw/$",
        r"/advies/$",
        r"/besluitvorming/$",
        r"/dossiers/importeren/$",
        r"/managementinformatie/$",
    )
    # The refused import is the only failed load.
    assert_console_clean(console_messages, failed_loads={400: 1})
