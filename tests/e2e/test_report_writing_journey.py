"""The coordination team writes the UWV-wide report in a real browser (issue 18): one member
starts the structure, writes a section with the markup (a refused link keeps the text), places
a good example and offers the section for review; the writer is not offered akkoord; a colleague
gives it; the report shows the text, its footnote and the example. Axe on every page."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from findings.models import ReportSection
from tests.e2e.conftest import assert_console_clean, check, log_in, log_out, status_message
from tests.factories import UserFactory
from tests.findings.unit_reporting import observe
from uwvkms.constants import Role

TEXT = "Wij zagen **goede** voorbeelden.[^Zie de rapporten per onderdeel.]"


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_team_writes_a_section_and_a_colleague_agrees(
    browser_page: Page, console_messages, page_checks, cycle, coordinator, auditor, uitkeren
):
    UserFactory(
        username="collega", business_unit=coordinator.business_unit, roles=[Role.COORDINATIETEAM]
    )
    observe(auditor, cycle, uitkeren, text="Dagstarts met klantsignalen.", kind="goede_praktijk")
    page = browser_page
    log_in(page, "coordinator")
    page.goto(reverse("findings:uwv_report", args=[cycle.year]))
    check(page)
    page.get_by_role("link", name="Rapport schrijven").click()
    check(page)
    page.get_by_role("button", name="Opbouw vastleggen en beginnen met schrijven").click()
    expect(status_message(page, "De opbouw van het rapport is vastgelegd.")).to_be_visible()
    check(page)
    page.get_by_role("link", name="Wat gaat er goed?").click()
    check(page)

    # A link out of the report is refused; the text comes back as typed.
    text = page.get_by_label("Tekst")
    text.fill("Zie [de site](https://example.org).")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    expect(page.get_by_text("Een link kan alleen naar een hoofdstuk of paragraaf")).to_be_visible()
    expect(page.get_by_label("Tekst")).to_have_value("Zie [de site](https://example.org).")
    check(page)
    page.get_by_label("Tekst").fill(TEXT)
    page.get_by_role("button", name="Opslaan en klaar voor review").click()
    expect(status_message(page, "staat klaar voor review")).to_be_visible()
    expect(page.get_by_role("button", name="Akkoord geven")).to_have_count(0)
    check(page)

    # A good example, from the section's material page.
    page.get_by_role("link", name="Materiaal").click()
    check(page)
    page.get_by_text("Een goed voorbeeld", exact=True).click()
    page.get_by_label("Goede praktijk").select_option(
        label="Uitkeren · Klantgerichtheid: Dagstarts met klantsignalen."
    )
    page.get_by_label("Waarom dit een goed voorbeeld is").fill("Elke dag begint bij de klant.")
    page.get_by_role("button", name="Voorbeeld plaatsen").click()
    expect(status_message(page, "Het materiaal staat in")).to_be_visible()
    check(page)
    log_out(page)

    log_in(page, "collega")
    section = ReportSection.objects.get(cycle=cycle, anchor="wat-gaat-goed")
    page.goto(reverse("findings:uwv_report_section", args=[cycle.year, section.pk]))
    check(page)
    page.get_by_role("button", name="Akkoord geven").click()
    expect(status_message(page, "Akkoord gegeven")).to_be_visible()
    page.goto(reverse("findings:uwv_report", args=[cycle.year]))
    check(page)
    expect(page.get_by_text("Wij zagen goede voorbeelden.")).to_be_visible()
    expect(page.get_by_text("Goede voorbeelden mét uitvoeringsprocessen")).to_be_visible()
    expect(page.get_by_text("Zie de rapporten per onderdeel.")).to_be_visible()
    section.refresh_from_db()
    assert (section.status, section.approved_by.username) == ("akkoord", "collega")
    assert_console_clean(console_messages, failed_loads={400: 1})
