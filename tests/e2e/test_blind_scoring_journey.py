"""Journey (issue 21 part 2): blind scoring, in a real browser.

1. The coordination team turns blind scoring on for the cycle, before scoring starts.
2. The lead auditor scores Klantgerichtheid at Uitkeren on their own (level 2): the page says one
   of the two auditors has scored.
3. The second auditor opens the same unit × principle: nothing of the lead's score shows; they
   score 4, and with that the blind phase closes.
4. The lead logs in again: sees both levels and justifications, the spread 2–4 flagged as a
   difference of two or more, and sets the team score (3) with its justification, confirmed.
5. The coordination team sees the cell flagged in the calibration matrix.

Every page visited is checked with axe-core (WCAG 2.1 AA) and for horizontal scrolling.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from audits.services import assignment_create
from maturity.models import IndividualScore, Score
from tests.e2e.conftest import (
    assert_console_clean,
    assert_pages_checked,
    check,
    log_in,
    log_out,
    status_message,
)
from tests.factories import UserFactory
from uwvkms.constants import Role

YEAR = 2031
LEAD_TEXT = "Jaarplan noemt klanten nauwelijks; geen klantsignalen in de rapportages."
COLLEAGUE_TEXT = "Klantpanels elk kwartaal, verbeteracties zichtbaar in het teamplan."


def _score_own(page: Page, level: str, text: str) -> None:
    page.get_by_role("link", name="Klantgerichtheid bij Uitkeren scoren").click()
    expect(
        page.get_by_role("heading", name="Klantgerichtheid bij Uitkeren", level=1)
    ).to_be_visible()
    expect(page.get_by_text("Blinde fase", exact=True)).to_be_visible()
    check(page)
    page.get_by_role("radio", name=re.compile(level)).check()
    page.get_by_label("Korte onderbouwing").fill(text)
    page.get_by_role("button", name="Eigen score vastleggen").click()
    expect(
        status_message(page, "Uw eigen score voor Klantgerichtheid bij Uitkeren is vastgelegd.")
    ).to_be_visible()
    check(page)


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_auditors_score_blind_and_agree_a_team_score(
    browser_page: Page, console_messages, page_checks, cycle, coordinator, auditor, fez
):
    colleague = UserFactory(
        username="colleague",
        first_name="Bram",
        last_name="Collega",
        business_unit=fez,
        roles=[Role.TOETSER],
    )
    uitkeren = cycle.assignments.get(auditor=auditor, unit__name="Uitkeren").unit
    assignment_create(actor=coordinator, cycle=cycle, unit=uitkeren, auditor=colleague)
    page = browser_page

    # 1. The coordination team turns blind scoring on.
    log_in(page, "coordinator")
    page.goto(f"/volwassenheid/{YEAR}/kalibratie/")
    page.get_by_role("link", name="Blind scoren in deze cyclus instellen").click()
    expect(page.get_by_role("heading", name=f"Blind scoren ({YEAR})")).to_be_visible()
    check(page)
    page.get_by_role("radio", name=re.compile("Aan: elke toetser")).check()
    page.get_by_role("button", name="Opslaan").click()
    expect(status_message(page, "Blind scoren staat nu aan.")).to_be_visible()
    check(page)
    log_out(page)

    # 2. The lead scores on their own.
    log_in(page, "auditor")
    page.goto(f"/volwassenheid/{YEAR}/")
    check(page)
    _score_own(page, "2 Initieel", LEAD_TEXT)
    expect(page.get_by_text("1 van 2 toetsers hebben een eigen score gegeven.")).to_be_visible()
    log_out(page)

    # 3. The colleague sees nothing of it, scores 4: the blind phase closes.
    log_in(page, "colleague")
    page.goto(f"/volwassenheid/{YEAR}/")
    page.get_by_role("link", name="Klantgerichtheid bij Uitkeren scoren").click()
    expect(page.get_by_text("1 van 2 toetsers hebben een eigen score gegeven.")).to_be_visible()
    expect(page.get_by_text(LEAD_TEXT)).to_have_count(0)
    expect(page.get_by_role("button", name="Blinde fase sluiten")).to_have_count(0)
    page.goto(f"/volwassenheid/{YEAR}/")
    _score_own(page, "4 Sturen", COLLEAGUE_TEXT)
    assert IndividualScore.objects.count() == 2
    log_out(page)

    # 4. The lead sees the spread, flagged, and sets the team score.
    log_in(page, "auditor")
    page.goto(f"/volwassenheid/{YEAR}/")
    page.get_by_role("link", name="Klantgerichtheid bij Uitkeren scoren").click()
    spread = page.get_by_role("region", name="Eigen scores van het team (spreiding)")
    expect(spread).to_contain_text("Laagste 2, hoogste 4, verschil 2.")
    expect(spread).to_contain_text("De toetsers verschillen twee niveaus of meer")
    expect(spread).to_contain_text(LEAD_TEXT)
    expect(spread).to_contain_text(COLLEAGUE_TEXT)
    check(page)
    page.get_by_role("radio", name=re.compile("3 Reproduceren")).check()
    page.get_by_label("Onderbouwing", exact=True).fill(
        "Besproken in het team: klantpanels bestaan, de rapportages missen klantsignalen."
    )
    page.get_by_role("button", name="Indienen").click()
    check(page)
    page.get_by_role("button", name="Ja, indienen").click()
    expect(
        status_message(page, "De score voor Klantgerichtheid bij Uitkeren is ingediend.")
    ).to_be_visible()
    check(page)
    assert Score.objects.get(unit=uitkeren).level == 3
    log_out(page)

    # 5. The coordination team sees the flagged cell in the calibration matrix.
    log_in(page, "coordinator")
    page.goto(f"/volwassenheid/{YEAR}/kalibratie/matrix/")
    matrix = page.get_by_role("table", name=re.compile("Ingediende scores per bedrijfsonderdeel"))
    row = matrix.get_by_role("row").filter(
        has=page.get_by_role("rowheader", name=re.compile("^Uitkeren"))
    )
    expect(row).to_contain_text("eigen scores 2–4 (2 toetsers)")
    expect(row).to_contain_text("toetsers verschilden 2 niveaus")
    check(page)

    assert_pages_checked(
        page_checks, r"/blind-scoren/$", r"/klantgerichtheid/$", r"/kalibratie/matrix/$"
    )
    assert_console_clean(console_messages, failed_loads={})
