"""Confirmation per interviewee in a real browser (issue 17: "one linked interviewee confirming
marks the whole record confirmed, though the other interviewee never did"):

1. the auditor sends the record through its guarded page, which says who will be asked;
2. the first linked interviewee (the unit's board member) confirms for themselves: the record
   stays "Ter bevestiging" and their badge goes;
3. the auditor sees one confirmation and the other still waiting; no confirm button for them;
4. the second linked interviewee confirms: now the record counts as evidence.

Locators go by label and role only. The console is watched: a CSP violation fails the journey.
"""

import datetime

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import (
    assert_console_clean,
    assert_pages_checked,
    check,
    log_in,
    log_out,
    status_message,
)
from tests.factories import DistrictFactory, InterviewFactory, UserFactory, principle
from uwvkms.constants import Role

YEAR = 2031


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_each_linked_interviewee_confirms_for_themselves(
    browser_page: Page, console_messages, page_checks, cycle, auditor, unit_board, uitkeren
):
    colleague = UserFactory(
        username="collega",
        first_name="Fatima",
        last_name="el Amrani",
        business_unit=uitkeren,
        roles=[Role.DIRECTIE],
    )
    board_name = str(unit_board)
    interview = InterviewFactory(
        cycle=cycle,
        unit=uitkeren,
        location=DistrictFactory(cycle=cycle, unit=uitkeren, name="District Noord", drawn=True),
        held_on=datetime.date(2025, 9, 15),
        created_by=auditor,
        interviewees=[
            (board_name, "Directeur", unit_board),
            ("Fatima el Amrani", "Klantmanager", colleague),
        ],
        principles=[principle("klantgerichtheid")],
    )
    page = browser_page

    # 1. The auditor sends it, after a page that says who will be asked and what happens.
    log_in(page, "auditor")
    page.goto(interview.get_absolute_url())
    check(page)
    page.get_by_role("link", name="Ter bevestiging sturen").click()
    expect(page.get_by_role("heading", name="Verslag ter bevestiging sturen?")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text(
        "Fatima el Amrani (Klantmanager): krijgt een bericht en bevestigt zelf in de app"
    )
    check(page)
    page.get_by_role("button", name="Ter bevestiging sturen").click()
    expect(status_message(page, "Het verslag is ter bevestiging gestuurd")).to_be_visible()
    check(page)
    log_out(page)

    # 2. The board member confirms for themselves; the record keeps waiting for Fatima.
    log_in(page, "directie")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Ter bevestiging (1)"
    ).click()
    check(page)
    page.get_by_role("link", name="Lezen en bevestigen").first.click()
    expect(page.get_by_role("main")).to_contain_text("U bevestigt alleen voor uzelf")
    check(page)
    page.get_by_role("button", name="Bevestigen").click()
    expect(
        status_message(page, "Het telt als bewijs zodra ook de andere geïnterviewden")
    ).to_be_visible()
    expect(page.get_by_text("Ter bevestiging (versie 2)")).to_be_visible()
    expect(page.get_by_role("button", name="Bevestigen")).to_have_count(0)
    navigation = page.get_by_role("navigation", name="Hoofdmenu")
    expect(navigation.get_by_role("link", name="Ter bevestiging (1)")).to_have_count(0)
    check(page)
    log_out(page)

    # 3. The auditor sees who confirmed and who is still waited for; nothing to record here.
    log_in(page, "auditor")
    page.goto(interview.get_absolute_url())
    confirmations = page.get_by_role("region", name="Bevestiging per geïnterviewde")
    expect(confirmations).to_contain_text(f"{board_name} (Directeur): bevestigd op")
    expect(confirmations).to_contain_text(
        "Fatima el Amrani (Klantmanager): wacht op de eigen bevestiging in de app"
    )
    expect(page.get_by_role("button", name="Bevestiging vastleggen")).to_have_count(0)
    check(page)
    log_out(page)

    # 4. Fatima confirms: now every interviewee has, and the record counts as evidence.
    log_in(page, "collega")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Ter bevestiging (1)"
    ).click()
    page.get_by_role("link", name="Lezen en bevestigen").first.click()
    page.get_by_role("button", name="Bevestigen").click()
    expect(
        status_message(page, "U hebt het verslag bevestigd; het telt nu als bewijs.")
    ).to_be_visible()
    expect(page.get_by_text("Dit verslag is bevestigd door")).to_contain_text("Fatima el Amrani")
    check(page)
    interview.refresh_from_db()
    assert interview.status == "bevestigd"

    assert_pages_checked(
        page_checks,
        r"/ter-bevestiging-sturen/$",
        r"/ter-bevestiging/$",
        r"/ter-bevestiging/\d+/$",
        r"/interviews/\d+/$",
    )
    assert_console_clean(console_messages, failed_loads={})


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_auditor_withdraws_an_interview_entered_twice(
    browser_page: Page, console_messages, page_checks, cycle, auditor, uitkeren
):
    """Withdrawing asks for the reason first (no JavaScript); the record stays in the list,
    struck through with who withdrew it and why."""
    interview = InterviewFactory(
        cycle=cycle,
        unit=uitkeren,
        location=DistrictFactory(cycle=cycle, unit=uitkeren, name="District Noord", drawn=True),
        held_on=datetime.date(2025, 9, 15),
        created_by=auditor,
    )
    page = browser_page
    log_in(page, "auditor")
    page.goto(interview.get_absolute_url())
    page.get_by_role("link", name="Interview intrekken").click()
    expect(page.get_by_role("heading", name="Interview intrekken?")).to_be_visible()
    check(page)
    # Without a reason: refused in Dutch, nothing withdrawn.
    page.get_by_role("button", name="Interview intrekken").click()
    expect(page.get_by_text("Geef de reden waarom u dit intrekt.").first).to_be_visible()
    check(page)
    page.get_by_label("Reden van intrekken").fill("Dubbel vastgelegd.")
    page.get_by_role("button", name="Interview intrekken").click()
    expect(status_message(page, "Het interview is ingetrokken")).to_be_visible()
    row = page.get_by_role("row").filter(has_text="District Noord")
    expect(row).to_contain_text("Ingetrokken door Anouk Toetser op")
    expect(row).to_contain_text("Dubbel vastgelegd.")
    check(page)
    assert_pages_checked(page_checks, r"/intrekken/$", r"/interviews/$")
    assert_console_clean(console_messages, failed_loads={400: 1})
