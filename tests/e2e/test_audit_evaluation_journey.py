"""Journey (issue 21 §6): the audit's own evaluation in a real browser.

1. the auditor, reminded on their home page that the hours of a unit are missing after
   fieldwork, records two weeks of hours (an implausible week is refused first, with what was
   typed given back);
2. the coordination team sees the totals per auditor and unit beside the rating, and adds a
   lesson for the next cycle;
3. it opens the next cycle "op basis van" this one: the new cycle's page shows the lesson,
   which the team marks verwerkt with a note;
4. the coverage per unit page, linked from the cycle page, shows the year each principle was
   assessed and what remains.

Locators go by label and role only; every page is checked with axe and for reflow.
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
    from_work_queue,
    log_in,
    log_out,
    status_message,
)
from tests.factories import principle

YEAR = 2026
HOURS = re.compile(r"^\s*Uren\*?\s*$")  # a required field's label ends in an asterisk


def fieldwork_done(coordinator, auditor, uitkeren, communicatie):
    """2026 past its fieldwork: the auditor audited Uitkeren (lead) and Communicatie."""
    cycle = cycle_open(
        actor=coordinator,
        year=YEAR,
        principles=[principle("klantgerichtheid"), principle("operationele-kwaliteit")],
        include_basic=False,
    )
    for unit in (uitkeren, communicatie):
        assignment_create(actor=coordinator, cycle=cycle, unit=unit, auditor=auditor, is_lead=True)
    AuditCycle.objects.filter(pk=cycle.pk).update(
        status="kalibratie",
        period_start=datetime.date(YEAR, 9, 1),
        period_end=datetime.date(YEAR, 11, 30),
    )


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_hours_lessons_and_coverage(
    browser_page: Page, console_messages, page_checks, coordinator, auditor, uitkeren, communicatie
):
    fieldwork_done(coordinator, auditor, uitkeren, communicatie)
    page = browser_page

    # 1. The auditor is reminded and records their hours.
    log_in(page, "auditor")
    from_work_queue(page, "Uren vastleggen", f"Uren voor Uitkeren ({YEAR}) ontbreken")
    expect(
        page.get_by_role("heading", name=f"Mijn uren voor Uitkeren ({YEAR})", level=1)
    ).to_be_visible()
    check(page)
    page.get_by_label("Per week").check()
    page.get_by_label("Week", exact=True).select_option("45")
    page.get_by_label(HOURS).fill("70")
    page.get_by_role("button", name="Uren vastleggen").click()
    expect(page.get_by_role("alert").first).to_contain_text("Meer dan 60 uur in één week")
    expect(page.get_by_label(HOURS)).to_have_value("70")
    expect(page.get_by_label("Week", exact=True)).to_have_value("45")
    check(page, "refused")
    page.get_by_label(HOURS).fill("7,5")
    page.get_by_role("button", name="Uren vastleggen").click()
    expect(status_message(page, "Vastgelegd: Uitkeren, week 45: 7,50 uur.")).to_be_visible()
    check(page)
    page.get_by_label("Week", exact=True).select_option("46")
    page.get_by_label(HOURS).fill("6")
    page.get_by_role("button", name="Uren vastleggen").click()
    expect(status_message(page, "Vastgelegd: Uitkeren, week 46: 6,00 uur.")).to_be_visible()
    expect(page.get_by_role("table", name="Uw uren voor dit onderdeel")).to_contain_text("13,50")
    check(page)
    log_out(page)

    # 2. The coordination team sees the totals and adds a lesson.
    log_in(page, "coordinator")
    page.goto(f"/toetsing/{YEAR}/")
    check(page)
    page.get_by_role("link", name="Uren per toetser").click()
    expect(page.get_by_role("heading", name=f"Uren per toetser {YEAR}", level=1)).to_be_visible()
    table = page.get_by_role("table", name="Uren per onderdeel, en per toetser van het toetsteam")
    expect(table).to_contain_text("Totaal Uitkeren")
    expect(table).to_contain_text("13,50")
    expect(table).to_contain_text("ontbreekt")  # Communicatie: nothing yet
    check(page)
    page.get_by_role("navigation", name="Kruimelpad").get_by_role(
        "link", name=re.compile(str(YEAR))
    ).click()
    page.get_by_role("link", name="Lessen voor de volgende cyclus").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Lessen voor de volgende cyclus")
    check(page)
    page.get_by_label(re.compile(r"^\s*Les\*?\s*$")).fill("Plan de interviews vóór de zomer.")
    page.get_by_label("Thema").select_option(label="Veldwerk en bewijs")
    page.get_by_role("button", name="Les toevoegen").click()
    expect(status_message(page, "De les is toegevoegd.")).to_be_visible()
    check(page)

    # 3. The next cycle, opened on the basis of this one, shows the lesson.
    page.goto("/toetsing/")
    page.get_by_role("link", name=f"Nieuwe cyclus op basis van {YEAR}").click()
    check(page)
    page.get_by_role("button", name=f"Toetscyclus {YEAR + 1} openen").click()
    expect(status_message(page, f"Toetscyclus {YEAR + 1} is geopend")).to_be_visible()
    page.get_by_role("navigation", name="Kruimelpad").get_by_role(
        "link", name=re.compile(str(YEAR + 1))
    ).click()
    lessons = page.get_by_role("region", name=f"Lessen uit {YEAR}")
    expect(lessons).to_contain_text("Plan de interviews vóór de zomer.")
    expect(lessons).to_contain_text("nog niet verwerkt")
    check(page)
    page.get_by_role("link", name="Lessen als verwerkt markeren").click()
    check(page)
    lessons = page.get_by_role("region", name=f"Lessen uit {YEAR}")
    lessons.get_by_text("Als verwerkt markeren").click()
    lessons.get_by_label("Hoe is de les verwerkt?").fill("Interviews gepland in juni.")
    lessons.get_by_role("button", name="Verwerkt opslaan").click()
    expect(status_message(page, "De les is als verwerkt vastgelegd.")).to_be_visible()
    expect(page.get_by_role("region", name=f"Lessen uit {YEAR}")).to_contain_text(
        "Interviews gepland in juni."
    )
    check(page)

    # 4. Coverage per unit, from the cycle page.
    page.get_by_role("navigation", name="Kruimelpad").get_by_role(
        "link", name=re.compile(str(YEAR + 1))
    ).click()
    page.get_by_role("link", name="Dekking per onderdeel").click()
    expect(
        page.get_by_role("heading", name=f"Dekking per onderdeel {YEAR - 1}–{YEAR + 1}", level=1)
    ).to_be_visible()
    uitkeren_row = page.get_by_role("row").filter(
        has=page.get_by_role("rowheader", name=re.compile("^Uitkeren"))
    )
    expect(uitkeren_row).to_contain_text(str(YEAR))
    expect(uitkeren_row).to_contain_text("nog te toetsen")
    check(page)

    assert_pages_checked(
        page_checks,
        rf"/toetsing/{YEAR}/uren/onderdeel/\d+/$",
        rf"/rapportage/{YEAR}/evaluatie/uren/$",
        rf"/toetsing/{YEAR}/lessen/$",
        rf"/toetsing/{YEAR + 1}/$",
        rf"/toetsing/dekking-per-onderdeel/{YEAR + 1}/$",
    )
    assert_console_clean(console_messages, failed_loads={400: 1})
