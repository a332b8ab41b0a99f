"""Journey (issue 17, "a new cycle in minutes"): the coordination team opens 2025 on the basis
of 2024 in a real browser:

1. from the list of cycles, "Nieuwe cyclus op basis van 2024": the page says what is copied (the
   2024 period, stored before the period rule, is no plausible period a year on: to be set);
2. the team matrix shows the teams the rotation rule proposed (no one on their own unit, no one
   on the unit they audited in 2024); a change that makes two leads and puts someone on their
   own unit is refused with both breaches named and everything chosen given back; fixed, saved;
3. "Door naar fase: Veldwerk": the readiness list names the missing period; the period is set
   and the move is made.

Every page is checked with axe-core (WCAG 2.1 AA) and for reflow, as the other journeys do.
"""

import datetime
import re

import pytest
from playwright.sync_api import Page, expect

from audits.models import AuditCycle
from audits.services.cycles import assignment_create, cycle_open
from tests.e2e.conftest import (
    assert_console_clean,
    assert_pages_checked,
    check,
    log_in,
    status_message,
)
from tests.factories import UserFactory, principle
from uwvkms.constants import Role


def year_2024(coordinator, uitkeren, communicatie, fez):
    """2024 in veldwerk: Anouk (FEZ) led Communicatie and Uitkeren, Bram (Communicatie) led FEZ.
    Cas is from Uitkeren."""
    anouk = UserFactory(
        username="anouk",
        first_name="Anouk",
        last_name="Aalbers",
        business_unit=fez,
        roles=[Role.TOETSER],
    )
    bram = UserFactory(
        username="bram",
        first_name="Bram",
        last_name="Bakker",
        business_unit=communicatie,
        roles=[Role.TOETSER],
    )
    UserFactory(
        username="cas",
        first_name="Cas",
        last_name="Claassen",
        business_unit=uitkeren,
        roles=[Role.TOETSER],
    )
    cycle = cycle_open(
        actor=coordinator,
        year=2024,
        principles=[principle("klantgerichtheid"), principle("operationele-kwaliteit")],
        include_basic=False,
    )
    for unit, lead in ((communicatie, anouk), (uitkeren, anouk), (fez, bram)):
        assignment_create(actor=coordinator, cycle=cycle, unit=unit, auditor=lead, is_lead=True)
    # Stored before the period rule: ends after 31 March of the next year.
    AuditCycle.objects.filter(pk=cycle.pk).update(
        status="veldwerk",
        period_start=datetime.date(2024, 7, 1),
        period_end=datetime.date(2025, 6, 30),
    )


def role_of(page: Page, auditor: str, unit: str):
    return page.get_by_label(f"Rol van {auditor} bij {unit}", exact=True)


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_coordination_team_opens_2025_on_the_basis_of_2024(
    browser_page: Page, console_messages, page_checks, coordinator, uitkeren, communicatie, fez
):
    year_2024(coordinator, uitkeren, communicatie, fez)
    page = browser_page
    log_in(page, "coordinator")

    # 1. The list offers the next year on the basis of the latest; the page says what it copies.
    page.goto("/toetsing/")
    check(page)
    page.get_by_role("link", name="Nieuwe cyclus op basis van 2024").click()
    expect(
        page.get_by_role("heading", name="Nieuwe cyclus op basis van 2024", level=1)
    ).to_be_visible()
    expect(page.locator("dl")).to_contain_text("Klantgerichtheid")
    expect(page.locator("dl")).to_contain_text("nog vast te leggen")
    check(page)
    page.get_by_role("button", name="Toetscyclus 2025 openen").click()

    # 2. The proposed teams in the matrix: no one on their own unit nor on last year's unit.
    expect(page.get_by_role("heading", name="Teammatrix 2025", level=1)).to_be_visible()
    expect(status_message(page, "Toetscyclus 2025 is geopend op basis van 2024")).to_be_visible()
    check(page)
    expect(role_of(page, "Cas Claassen", "Communicatie")).to_have_value("lead")
    expect(role_of(page, "Cas Claassen", "FEZ")).to_have_value("lead")
    expect(role_of(page, "Bram Bakker", "Uitkeren")).to_have_value("lead")
    expect(role_of(page, "Anouk Aalbers", "Uitkeren")).to_have_value("")
    expect(role_of(page, "Anouk Aalbers", "Communicatie")).to_have_value("")

    # Two leads at Uitkeren and Bram on his own unit: refused, both named, all given back.
    role_of(page, "Anouk Aalbers", "Uitkeren").select_option("lead")
    role_of(page, "Bram Bakker", "Communicatie").select_option("member")
    page.get_by_role("button", name="Toetsteams opslaan").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Uitkeren heeft meer dan één lead (Anouk Aalbers, Bram Bakker)")
    expect(alert).to_contain_text("Bram Bakker hoort zelf bij Communicatie")
    expect(role_of(page, "Anouk Aalbers", "Uitkeren")).to_have_value("lead")
    expect(role_of(page, "Bram Bakker", "Communicatie")).to_have_value("member")
    check(page, "refused")

    # Fixed: Anouk leads Uitkeren with Bram beside her; Bram off his own unit.
    role_of(page, "Bram Bakker", "Uitkeren").select_option("member")
    role_of(page, "Bram Bakker", "Communicatie").select_option("")
    page.get_by_role("button", name="Toetsteams opslaan").click()
    expect(status_message(page, "De toetsteams zijn opgeslagen")).to_be_visible()
    expect(role_of(page, "Anouk Aalbers", "Uitkeren")).to_have_value("lead")
    expect(role_of(page, "Bram Bakker", "Uitkeren")).to_have_value("member")
    check(page)

    # 3. The move to Veldwerk waits for the period.
    page.get_by_role("navigation", name="Kruimelpad").get_by_role(
        "link", name=re.compile("2025")
    ).click()
    expect(page.get_by_text("Op basis van 2024")).to_be_visible()
    check(page)
    page.get_by_role("link", name="Door naar fase: Veldwerk …").click()
    expect(page.get_by_role("heading", name="Toetscyclus 2025 naar Veldwerk?")).to_be_visible()
    period_rule = page.get_by_role("listitem").filter(has_text="De periode van het veldwerk")
    expect(period_rule).to_contain_text("Nog niet voldaan")
    expect(
        page.get_by_role("listitem").filter(has_text="Elk onderdeel in scope heeft een toetsteam")
    ).to_contain_text("Voldaan")
    expect(page.get_by_role("button", name="Ja, door naar fase: Veldwerk")).to_have_count(0)
    check(page)
    page.get_by_role("link", name="Terug naar de cyclus").click()
    page.get_by_role("link", name="Periode wijzigen").click()
    page.get_by_label("Begin veldwerk").fill("2025-09-01")
    page.get_by_label("Einde veldwerk").fill("2025-12-12")
    page.get_by_role("button", name="Periode opslaan").click()
    expect(status_message(page, "De periode van het veldwerk is gewijzigd.")).to_be_visible()
    page.get_by_role("link", name="Door naar fase: Veldwerk …").click()
    expect(period_rule).not_to_contain_text("Nog niet")
    check(page)
    page.get_by_role("button", name="Ja, door naar fase: Veldwerk").click()
    expect(status_message(page, "Toetscyclus 2025 staat nu op Veldwerk.")).to_be_visible()
    assert AuditCycle.objects.get(year=2025).status == "veldwerk"

    assert_pages_checked(
        page_checks,
        r"/toetsing/$",
        r"/nieuw/op-basis-van/2024/$",
        r"/2025/teammatrix/$",
        r"/2025/volgende-fase/$",
    )
    assert_console_clean(console_messages, failed_loads={400: 1})
