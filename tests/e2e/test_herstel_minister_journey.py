"""Journey (issue 20): a herstelactie that becomes a minister case, run by the people of the
process guide in a real browser:

1. the RvB member, informed in the app of the DT's step-2A decision, says so on their
   notifications page ("Kennisgenomen");
2. Directie Communicatie (a user with the role Communicatie (herstel), who reads every action)
   declares the action an issue with a reason and designates itself issuemanager;
3. as issuemanager it writes the kapstokverhaal with the joint approach and sets out a task for
   woordvoering, whose owner brings it to "in uitvoering";
4. the RvB chooses a scenario that needs the minister: it raises the mandate with a reason and
   its intended decision, confirms (it cannot be undone), and the action goes to the minister
   without returning to step 1;
5. SBK uploads the note to the minister (a PDF) into the action's dossier and records the
   kennisgeving referring to it; the timeline shows the issue, the task, the raise and the note.

Locators go by label and role only; every page is checked with axe and for reflow.
"""

import datetime
import re

import pytest
from playwright.sync_api import Page, expect

from herstel.constants import Forum, Outcome, StepMove
from herstel.models import ActionDocument, Herstelactie, MandateRaise, Notification
from tests.e2e.conftest import (
    assert_console_clean,
    assert_pages_checked,
    check,
    log_in,
    log_out,
    status_message,
)
from tests.herstel.flow import RVB_PATH, decide, move, start, submit

TODAY = datetime.date.today()
TITLE = "Terugvordering na samenloop WW en Ziektewet"
# A small, valid PDF: what SBK uploads as the note to the minister.
NOTE_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000052 00000 n \n"
    b"0000000101 00000 n \ntrailer<</Size 4/Root 1 0 R>>\nstartxref\n166\n%%EOF\n"
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


def person(user) -> str:
    """How a person is offered in a choice: name and unit."""
    return f"{user} ({user.business_unit.abbreviation})"


def tab(page: Page, name: str) -> None:
    page.get_by_role("link", name=name, exact=True).click()
    check(page)


@pytest.fixture
def in_step_2b(adviser, dt_member, board_member, sbk_adviser, communicatie_user):
    """An action on the RvB path whose DT took note in 2A: it waits for the RvB (2B)."""
    action = submit(start(adviser, title=TITLE), adviser, RVB_PATH)
    decide(action, dt_member, Forum.DT, Outcome.KENNISNAME, "Kennisgenomen.")
    return move(action, dt_member, StepMove.TO_RVB)


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_communicatie_rvb_and_sbk_take_an_issue_to_the_minister(
    browser_page: Page, console_messages, page_checks, in_step_2b, communicatie_user
):
    page = browser_page
    action = in_step_2b
    assert action.mandate == "rvb"

    # 1. The RvB member was informed in the app of the DT's decision and takes note.
    log_in(page, "rvb")
    page.get_by_role("link", name=re.compile(r"^Meldingen")).click()
    expect(page.get_by_role("heading", name="Meldingen", level=1)).to_be_visible()
    check(page)
    page.get_by_role("button", name=re.compile(r"^Kennisgenomen")).click()
    expect(status_message(page, "U heeft kennisgenomen van")).to_be_visible()
    check(page)
    log_out(page)

    # 2. Directie Communicatie declares the issue and designates its issuemanager.
    log_in(page, "communicatie")
    open_action(page)
    tab(page, "Communicatie")
    issue = page.get_by_role("region", name="Issue")
    issue.get_by_role("button", name="Markeren als issue").click()
    # Without a reason nothing changes: the reason is asked for.
    expect(page.get_by_role("alert").first).to_be_visible()
    check(page, "issue zonder reden")
    issue = page.get_by_role("region", name="Issue")
    issue.get_by_label("Reden").fill("Kamervragen zijn aangekondigd; landelijke media bellen.")
    issue.get_by_role("button", name="Markeren als issue").click()
    expect(status_message(page, "De herstelactie is gemarkeerd als issue.")).to_be_visible()
    check(page)
    issue = page.get_by_role("region", name="Issue")
    issue.get_by_label("Issuemanager").select_option(label=person(communicatie_user))
    issue.get_by_role("button", name="Issuemanager aanwijzen").click()
    expect(
        status_message(page, f"{communicatie_user} is de issuemanager van deze herstelactie.")
    ).to_be_visible()
    check(page)

    # 3. The issuemanager writes the kapstokverhaal with the joint approach, and sets out a task.
    page.get_by_role("link", name="Kapstokverhaal opstellen").click()
    check(page)
    page.get_by_label("Strategisch narratief").fill(
        "UWV vordert terug wat te veel is betaald, zonder cliënten in de problemen te brengen."
    )
    page.get_by_label("Kernboodschappen").fill(
        "UWV heeft een fout gemaakt.\nNiemand komt door de terugvordering in geldnood."
    )
    page.get_by_label("Gezamenlijke aanpak").fill(
        "Eerst de Kamer via SZW, dan de cliënten per brief, dan de pers; divisies volgen."
    )
    page.get_by_role("button", name="Versie opslaan").click()
    expect(page.get_by_role("heading", name="Communicatiespoor")).to_be_visible()
    kapstok = page.get_by_role("region", name="Kapstokverhaal")
    expect(kapstok).to_contain_text("Eerst de Kamer via SZW")
    check(page)
    tasks = page.get_by_role("region", name="Taken per discipline")
    tasks.get_by_label("Discipline").select_option(label="Woordvoering")
    tasks.get_by_label("Gereed op").fill(f"{TODAY + datetime.timedelta(days=60):%Y-%m-%d}")
    tasks.get_by_label("Opdracht").fill("Woordvoeringslijn en Q&A voor de landelijke pers.")
    tasks.get_by_label("Eigenaar (gebruiker in uwvkms)").select_option(
        label=person(communicatie_user)
    )
    tasks.get_by_role("button", name="Taak uitzetten").click()
    expect(status_message(page, "De taak voor Woordvoering is uitgezet bij")).to_be_visible()
    check(page)
    tasks = page.get_by_role("region", name="Taken per discipline")
    tasks.get_by_role("link", name=re.compile(r"^Bijwerken\W+Woordvoering")).click()
    check(page)
    page.get_by_label("Status").select_option(label="In uitvoering")
    page.get_by_label("Wat is gedaan").fill("Eerste lijn met de woordvoerder afgestemd.")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    tasks = page.get_by_role("region", name="Taken per discipline")
    expect(tasks.get_by_role("row", name=re.compile("^Woordvoering"))).to_contain_text(
        "In uitvoering"
    )
    check(page)
    log_out(page)

    # 4. The RvB's scenario needs the minister: it raises the mandate, confirming first.
    log_in(page, "rvb")
    open_action(page)
    tab(page, "Stap 2 · besluitvorming")
    raise_form = page.get_by_role("region", name="Mandaat verhogen")
    raise_form.get_by_label("Raad van Bestuur en minister van SZW").check()
    raise_form.get_by_label("Reden").fill(
        "Het gekozen scenario schrijft ruim 20 miljoen euro af: het akkoord van de minister."
    )
    raise_form.get_by_label("Voorgenomen besluit van de RvB").fill(
        "De RvB wil afzien van terugvordering onder een drempelbedrag."
    )
    raise_form.get_by_label("Datum van het voorgenomen besluit").fill(f"{TODAY:%Y-%m-%d}")
    raise_form.get_by_role("button", name="Mandaat verhogen").click()
    expect(page.get_by_role("heading", name=re.compile("^Mandaat verhogen voor"))).to_be_visible()
    check(page)
    page.get_by_role("button", name="Ja, mandaat verhogen").click()
    expect(
        status_message(
            page,
            "Het besluitvormingsmandaat is verhoogd naar Raad van Bestuur en minister van SZW.",
        )
    ).to_be_visible()
    expect(page.get_by_text("Mandaat verhoogd van Raad van Bestuur naar")).to_be_visible()
    check(page)
    log_out(page)

    # 5. SBK uploads the note to the minister and records the kennisgeving that refers to it.
    log_in(page, "adviseur.sbk")
    open_action(page)
    expect(page.get_by_text("Stap 2 · minister van SZW").first).to_be_visible()
    tab(page, "Documenten")
    upload = page.get_by_role("region", name="Document toevoegen")
    upload.get_by_label("Soort document").select_option(label="Nota aan de minister")
    upload.get_by_label("Titel").fill("Nota drempelbedrag terugvordering")
    upload.get_by_label("Bestand").set_input_files(
        files=[{"name": "nota-minister.pdf", "mimeType": "application/pdf", "buffer": NOTE_PDF}]
    )
    upload.get_by_role("button", name="Document toevoegen").click()
    expect(status_message(page, "is toegevoegd.")).to_be_visible()
    expect(page.get_by_role("region", name="Nota aan de minister")).to_contain_text(
        "Nota drempelbedrag terugvordering"
    )
    check(page)
    tab(page, "Stap 2 · besluitvorming")
    notifications = page.get_by_role("region", name="Kennisgevingen")
    notifications.get_by_label("Nota aan de minister, met SZW opgesteld (door SBK)").check()
    notifications.get_by_label(re.compile(r"^\s*Datum\*?\s*$")).fill(f"{TODAY:%Y-%m-%d}")
    notifications.get_by_label("Toelichting").fill("Nota met SZW opgesteld en aangeboden.")
    notifications.get_by_label("Bestand uit het dossier").select_option(index=1)
    notifications.get_by_role("button", name="Kennisgeving vastleggen").click()
    expect(status_message(page, "De kennisgeving is vastgelegd.")).to_be_visible()
    expect(page.get_by_role("region", name="Kennisgevingen")).to_contain_text(
        "Nota drempelbedrag terugvordering"
    )
    check(page)
    tab(page, "Tijdlijn")
    timeline = page.get_by_role("main")
    expect(timeline).to_contain_text("Kamervragen zijn aangekondigd")
    expect(timeline).to_contain_text("Woordvoering")
    expect(timeline).to_contain_text("Nota drempelbedrag terugvordering")
    page_checks.screenshot(page, "journey-herstel-minister")
    log_out(page)

    action = Herstelactie.objects.get(pk=action.pk)
    assert (action.step, action.mandate, action.is_issue) == ("minister", "rvb_minister", True)
    assert action.issuemanager == communicatie_user
    raised = MandateRaise.objects.get(herstelactie=action)
    assert (raised.old_mandate, raised.new_mandate) == ("rvb", "rvb_minister")
    note = ActionDocument.objects.get(herstelactie=action, kind="nota_minister")
    assert Notification.objects.get(herstelactie=action, kind="minister_note").document_file == note
    assert_pages_checked(
        page_checks,
        r"^/meldingen/$",
        r"/communicatie/$",
        r"/besluitvorming/$",
        r"/documenten/$",
        r"/tijdlijn/$",
    )
    # The issue without a reason is the only refused form.
    assert_console_clean(console_messages, failed_loads={400: 1})
