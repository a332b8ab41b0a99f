"""A unit report end to end in a real browser:

1. the auditor writes an observation and a recommendation for Uitkeren;
2. the coordinator marks the report afgestemd (date and with whom);
3. Uitkeren's board answers the recommendation "Herkend" and submits, after a Dutch error for
   submitting with nothing answered;
4. the RvB is refused the report (403) until the coordinator makes it definitief, and then reads
   it, management response included.

Locators go by label and role only. The console is watched: a CSP violation fails the journey.
"""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.e2e.conftest import assert_console_clean, log_in, log_out, status_message

YEAR = 2031


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_unit_report_from_observation_to_definitief(
    browser_page: Page, console_messages, cycle, auditor, coordinator, unit_board, board_member
):
    page = browser_page

    # 1. The auditor writes an observation and a recommendation at Uitkeren.
    log_in(page, "auditor")
    page.get_by_role("link", name="Naar de toetscycli").click()
    page.get_by_role("link", name=f"Mijn toetsopdrachten {YEAR}").click()
    page.get_by_role("link", name="Bevindingen Uitkeren").click()
    expect(page.get_by_role("heading", name=f"Bevindingen Uitkeren {YEAR}")).to_be_visible()

    page.get_by_role("link", name="Observatie toevoegen bij Klantgerichtheid").click()
    expect(page.get_by_label("Managementprincipe")).to_have_value(re.compile(r"\d+"))
    page.get_by_label("Tekst").fill("Teams bespreken klantsignalen elke week.")
    page.get_by_role("button", name="Opslaan").click()
    expect(
        status_message(page, "De observatie bij Klantgerichtheid is toegevoegd.")
    ).to_be_visible()
    expect(
        page.get_by_role("link", name=re.compile("^Wijzigen.*Teams bespreken klantsignalen"))
    ).to_be_visible()

    page.get_by_role("link", name="Aanbeveling toevoegen bij Klantgerichtheid").click()
    page.get_by_label("Titel").fill("Meet het effect van verbeteracties")
    page.get_by_label("Toelichting").fill("Leg vast wat een verbeteractie heeft opgeleverd.")
    page.get_by_label("Hoog").check()
    page.get_by_role("button", name="Opslaan").click()
    expect(
        status_message(page, "De aanbeveling bij Klantgerichtheid is toegevoegd.")
    ).to_be_visible()
    expect(page.get_by_text("prioriteit hoog")).to_be_visible()
    log_out(page)

    # 2. The coordinator agrees the report with Uitkeren's board.
    log_in(page, "coordinator")
    page.get_by_role("link", name="Naar de toetscycli").click()
    page.get_by_role("link", name=f"Cyclus {YEAR} beheren").click()
    page.get_by_role("link", name="Rapporten per onderdeel").click()
    page.get_by_role("link", name="Rapport Uitkeren").click()
    expect(
        page.get_by_role("heading", name=f"Rapport Uitkeren · Interne Toets KMS {YEAR}")
    ).to_be_visible()
    expect(page.get_by_text("Meet het effect van verbeteracties")).to_be_visible()
    page.get_by_role("link", name="Afgestemd met de directie").click()
    page.get_by_label("Afgestemd op").fill(timezone.localdate().isoformat())
    page.get_by_label("Afgestemd met").fill("Directeur Uitkeren")
    page.get_by_role("button", name="Afgestemd met de directie").click()
    expect(status_message(page, "Het rapport van Uitkeren staat nu op Afgestemd.")).to_be_visible()
    expect(page.get_by_role("link", name="Definitief maken")).to_be_visible()
    report_url = page.url
    log_out(page)

    # 3. Uitkeren's board answers and submits; submitting with nothing answered is refused.
    log_in(page, "directie")
    page.get_by_role("link", name=f"Rapport Uitkeren {YEAR}").click()
    page.get_by_role("link", name="Managementreactie schrijven").click()
    expect(page.get_by_role("heading", name=f"Managementreactie Uitkeren {YEAR}")).to_be_visible()
    page.get_by_role("button", name="Indienen").click()
    expect(
        page.get_by_text("Nog niet beantwoord: “Meet het effect van verbeteracties”.")
    ).to_be_visible()
    page.get_by_label("Herkend", exact=True).check()
    page.get_by_label("Voorgenomen acties").fill("Effectmeting opnemen in het jaarplan.")
    page.get_by_label("Algemene reactie").fill("Wij herkennen het beeld en pakken dit op.")
    page.get_by_role("button", name="Indienen").click()
    expect(
        status_message(page, "De managementreactie is ingediend en staat nu in het rapport.")
    ).to_be_visible()
    expect(page.get_by_text("Wij herkennen het beeld en pakken dit op.")).to_be_visible()
    log_out(page)

    # 4. The RvB reads only what is definitief.
    log_in(page, "rvb")
    page.goto(report_url)
    expect(page.get_by_role("heading", name="Geen toegang")).to_be_visible()
    log_out(page)

    log_in(page, "coordinator")
    page.goto(report_url)
    page.get_by_role("link", name="Definitief maken").click()
    page.get_by_role("button", name="Definitief maken").click()
    expect(status_message(page, "Het rapport van Uitkeren staat nu op Definitief.")).to_be_visible()
    log_out(page)

    log_in(page, "rvb")
    page.goto(report_url)
    expect(
        page.get_by_role("heading", name=f"Rapport Uitkeren · Interne Toets KMS {YEAR}")
    ).to_be_visible()
    expect(page.get_by_text("Status: Definitief")).to_be_visible()
    expect(page.get_by_text("Wij herkennen het beeld en pakken dit op.")).to_be_visible()
    expect(page.get_by_text("Reactie van de directie: Herkend.")).to_be_visible()
    expect(page.get_by_role("link", name="Download als PDF")).to_be_visible()
    log_out(page)

    # The refused submission (400) and the RvB's refusal (403) are the only failed loads.
    assert_console_clean(console_messages, failed_loads={400: 1, 403: 1})
