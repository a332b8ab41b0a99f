"""Journey (issue 21 §1): evidence requests to the unit, in a real browser, the way people work
(cycle 2031 in fieldwork, see the `cycle` fixture):

1. the lead auditor of Uitkeren composes the request list from the documentation list (all
   preselected) with one extra item and a due date, and sends it;
2. the board of Uitkeren designates a quality contact of its unit;
3. the quality contact finds the list on their home page, uploads a PDF for the year plan and
   marks the quality plan "niet van toepassing" with an explanation;
4. the auditor sees what arrived and asks for more on the quality plan;
5. the quality contact answers with the document asked for;
6. the coordination team reads the cross-unit view from the cycle page.

Locators go by label and role only; every page is checked with axe and for reflow.
"""

import datetime
import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from audits.models import DocumentType, EvidenceRequestItem
from tests.e2e.conftest import (
    assert_console_clean,
    assert_pages_checked,
    check,
    from_work_queue,
    log_in,
    log_out,
    status_message,
)
from tests.factories import UserFactory

YEAR = 2031
PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def item_card(page: Page, title: str):
    """The card of one requested item: the article headed by its title."""
    return page.locator("article").filter(
        has=page.get_by_role("heading", name=title, exact=True, level=3)
    )


def button(card, text: str):
    """A button of a card; its accessible name adds the item's title (for screen readers)."""
    return card.get_by_role("button", name=re.compile(rf"^{re.escape(text)}"))


def open_details(card, summary: str) -> None:
    card.locator("summary", has_text=summary).click()


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_quality_contact_delivers_and_the_auditor_asks_more(
    browser_page: Page,
    console_messages,
    page_checks,
    cycle,
    coordinator,
    auditor,
    unit_board,
    uitkeren,
    tmp_path,
):
    UserFactory(
        username="kwaliteit", first_name="Kim", last_name="Kwaliteit", business_unit=uitkeren
    )
    items = DocumentType.objects.filter(is_active=True).count() + 1
    page = browser_page
    due = datetime.date.today() + datetime.timedelta(days=14)

    # 1. The lead auditor sends the list, from the unit's evidence pages.
    log_in(page, "auditor")
    page.goto(reverse("audits:document_checklist", args=[YEAR, uitkeren.pk]))
    check(page)
    page.get_by_role("link", name="Uitvraag", exact=True).click()
    expect(page.get_by_role("heading", name=f"Uitvraag Uitkeren {YEAR}")).to_be_visible()
    check(page)
    expect(page.get_by_label("Jaarplan")).to_be_checked()
    page.get_by_label("Andere stukken").fill("Verbeterplan klantcontact: de laatste versie")
    page.get_by_label("Uiterlijk aanleveren op").fill(due.isoformat())
    page.get_by_role("button", name="Uitvraag versturen").click()
    expect(status_message(page, "De uitvraag is verstuurd naar Uitkeren.")).to_be_visible()
    expect(item_card(page, "Verbeterplan klantcontact")).to_be_visible()
    check(page)
    log_out(page)

    # 2. The board designates a quality contact of its own unit.
    log_in(page, "directie")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Kwaliteitscontactpersonen"
    ).click()
    expect(page.get_by_role("heading", name="Kwaliteitscontactpersonen Uitkeren")).to_be_visible()
    check(page)
    page.get_by_label("Medewerker").select_option(label="Kim Kwaliteit")
    page.get_by_role("button", name="Aanwijzen als kwaliteitscontactpersoon").click()
    expect(
        status_message(page, "Kim Kwaliteit is kwaliteitscontactpersoon van Uitkeren.")
    ).to_be_visible()
    check(page)
    log_out(page)

    # 3. The quality contact delivers the year plan and marks the quality plan n.v.t.
    log_in(page, "kwaliteit")
    from_work_queue(page, "Uitvraag", f"Uitvraag Uitkeren: {items} stukken aanleveren")
    expect(page.get_by_role("heading", name=f"Uitvraag Uitkeren {YEAR}")).to_be_visible()
    check(page)
    pdf = tmp_path / "jaarplan-2031.pdf"
    pdf.write_bytes(PDF_BYTES)
    card = item_card(page, "Jaarplan")
    card.get_by_label("Bestand").set_input_files(pdf)
    button(card, "Bestand aanleveren").click()
    expect(status_message(page, "Het bestand voor Jaarplan is aangeleverd")).to_be_visible()
    expect(item_card(page, "Jaarplan")).to_contain_text("Geleverd")
    check(page)
    card = item_card(page, "Kwaliteitsplan")
    open_details(card, "Bestaat niet of niet van toepassing?")
    card.get_by_label("Niet van toepassing").check()
    button(card, "Antwoord vastleggen").click()
    expect(page.get_by_text("Licht toe waarom; de toetsers beoordelen dat.").first).to_be_visible()
    check(page, "geweigerd: geen toelichting")
    card = item_card(page, "Kwaliteitsplan")
    expect(card.get_by_label("Niet van toepassing")).to_be_checked()
    card.get_by_label("Toelichting bij uw antwoord").fill("Opgenomen in het jaarplan.")
    button(card, "Antwoord vastleggen").click()
    expect(status_message(page, "Uw antwoord bij Kwaliteitsplan is vastgelegd")).to_be_visible()
    check(page)
    log_out(page)

    # 4. The auditor sees what arrived and asks for more on the quality plan.
    log_in(page, "auditor")
    page.goto(reverse("audits:team_request", args=[YEAR, uitkeren.pk]))
    expect(
        item_card(page, "Jaarplan").get_by_role("link", name="jaarplan-2031.pdf")
    ).to_be_visible()
    expect(item_card(page, "Kwaliteitsplan")).to_contain_text("Opgenomen in het jaarplan.")
    check(page)
    card = item_card(page, "Kwaliteitsplan")
    open_details(card, "Aanvullend vragen")
    card.get_by_label("Wat vraagt u aanvullend?").fill("Stuur de paragraaf over kwaliteit mee.")
    button(card, "Aanvullend vragen").click()
    expect(status_message(page, "Bij Kwaliteitsplan is aanvullend gevraagd")).to_be_visible()
    expect(item_card(page, "Kwaliteitsplan")).to_contain_text("Aanvullend gevraagd")
    check(page)
    log_out(page)

    # 5. The quality contact answers with the document asked for.
    log_in(page, "kwaliteit")
    from_work_queue(page, "Uitvraag", f"Uitvraag Uitkeren: {items - 1} stukken aanleveren")
    card = item_card(page, "Kwaliteitsplan")
    expect(card).to_contain_text("Stuur de paragraaf over kwaliteit mee.")
    paragraph = tmp_path / "paragraaf-kwaliteit.pdf"
    paragraph.write_bytes(PDF_BYTES)
    card.get_by_label("Bestand").set_input_files(paragraph)
    card.get_by_label("Toelichting (optioneel)").fill("Hierbij de paragraaf.")
    button(card, "Bestand aanleveren").click()
    expect(status_message(page, "Het bestand voor Kwaliteitsplan is aangeleverd")).to_be_visible()
    check(page)
    assert EvidenceRequestItem.objects.get(title="Kwaliteitsplan").status == "geleverd"
    log_out(page)

    # 6. The coordination team reads the cross-unit view from the cycle page.
    log_in(page, "coordinator")
    page.goto(reverse("audits:cycle_detail", args=[YEAR]))
    check(page)
    page.get_by_role("link", name="Standaard documenten").click()
    expect(
        page.get_by_role("heading", name=f"Gebruik van standaard documenten {YEAR}")
    ).to_be_visible()
    check(page)
    table = page.get_by_role("table", name="Onderdelen × standaard documenten")
    row = table.get_by_role("row").filter(has=page.get_by_role("rowheader", name="Uitkeren"))
    expect(row).to_contain_text("Geleverd")
    expect(row).to_contain_text("Niet geleverd")

    assert_pages_checked(
        page_checks,
        rf"/toetsing/{YEAR}/onderdelen/\d+/uitvraag-toetsteam/",
        rf"/toetsing/{YEAR}/onderdelen/\d+/uitvraag/",
        r"/toetsing/kwaliteitscontactpersonen/",
        rf"/toetsing/{YEAR}/standaarddocumenten/",
    )
    assert_console_clean(console_messages, failed_loads={400: 1})
