"""Journey (issue 21 §5): search in a real browser.

1. An auditor of Uitkeren reaches the search box in the navigation bar with the keyboard only,
   types a word and presses Enter: the results, grouped by kind, show their unit's finding and
   interview with the word marked; they open the finding's page from there.
2. The board of another unit searches the same word and finds nothing (nor Uitkeren's name).

Locators go by label and role only; every page is checked with axe and for reflow.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import assert_console_clean, assert_pages_checked, check, log_in, log_out
from tests.factories import UserFactory
from tests.uwvkms.search_data import WORD, audit_data
from uwvkms.constants import Role


def search_by_keyboard(page: Page, text: str) -> None:
    """Tab from the top of the page to the search box, type, press Enter."""
    page.locator("body").focus()
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement && document.activeElement.id") == (
            "zoeken-navigatie"
        ):
            break
    else:
        raise AssertionError("the search box cannot be reached with Tab")
    expect(
        page.get_by_role("search", name="Zoeken in uwvkms").get_by_label("Zoeken")
    ).to_be_focused()
    page.keyboard.type(text)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Zoeken", level=1)).to_be_visible()
    check(page)


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_auditor_finds_their_units_work_another_board_does_not(
    browser_page: Page, console_messages, page_checks, cycle, uitkeren, communicatie, auditor
):
    page = browser_page
    audit_data(cycle, uitkeren, auditor)
    UserFactory(username="directie.com", business_unit=communicatie, roles=[Role.DIRECTIE])

    # 1. The auditor searches with the keyboard and finds their unit's finding and interview.
    log_in(page, "auditor")
    search_by_keyboard(page, WORD)
    expect(page.get_by_role("status").filter(has_text=f"voor ‘{WORD}’")).to_be_visible()
    findings = page.get_by_role("region", name="Bevindingen")
    interviews = page.get_by_role("region", name="Interviews")
    expect(findings.get_by_role("link", name="Observatie")).to_be_visible()
    expect(findings.locator("mark").first).to_contain_text(re.compile(WORD, re.IGNORECASE))
    expect(interviews.get_by_role("link", name=re.compile(r"^Interview "))).to_be_visible()
    expect(interviews).to_contain_text("Uitkeren · 2031")
    findings.get_by_role("link", name="Observatie").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bevindingen")
    check(page)
    log_out(page)

    # 2. The board of another unit searches the same word, and the unit's name: nothing.
    log_in(page, "directie.com")
    search_by_keyboard(page, WORD)
    expect(page.get_by_text("Niets gevonden dat u mag zien.")).to_be_visible()
    expect(page.get_by_role("region", name="Bevindingen")).to_have_count(0)
    expect(page.get_by_role("region", name="Interviews")).to_have_count(0)
    page.get_by_label("Zoekterm").fill("Uitkeren")
    page.get_by_label("Zoekterm").press("Enter")
    expect(
        page.get_by_role("status").filter(has_text="0 resultaten voor ‘Uitkeren’")
    ).to_be_visible()
    check(page, "onderdeelnaam")
    log_out(page)

    assert_pages_checked(page_checks, r"^/zoeken/", r"/bevindingen/")
    assert_console_clean(console_messages, failed_loads={})
