"""Undo with a trace in a real browser (issue 17): a unit's board withdraws a follow-up action
entered twice, and the DT withdraws a decision recorded on the wrong herstelactie. Each asks
first on its own page; a missing reason is refused with the instruction; once withdrawn the
record stays struck through with the reason, and the DT's form of step 2A is offered again.
Every page passes axe (WCAG 2.1 AA) and the reflow check."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from herstel.constants import Forum, Outcome
from tests.e2e.conftest import assert_console_clean, check, log_in, status_message
from tests.factories import (
    FollowUpActionFactory,
    RecommendationFactory,
    RecommendationResponseFactory,
)
from tests.herstel.flow import decide, start, submit

ACTION_REASON = "Per ongeluk twee keer ingevoerd."
DECISION_REASON = "Vastgelegd bij de verkeerde herstelactie."


def withdraw_with_a_reason(page: Page, button: str, reason: str) -> None:
    """Submit the question first without a reason (refused, the instruction shown), then with."""
    page.get_by_role("button", name=button).click()
    expect(page.get_by_role("alert").first).to_be_visible()
    check(page)
    page.get_by_label("Reden van intrekken").fill(reason)
    page.get_by_role("button", name=button).click()


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_board_withdraws_a_follow_up_action(
    browser_page: Page, console_messages, page_checks, cycle, uitkeren, unit_board
):
    page = browser_page
    recommendation = RecommendationResponseFactory(
        recommendation=RecommendationFactory(cycle=cycle, unit=uitkeren),
        recognition="herkend",
    ).recommendation
    action = FollowUpActionFactory(
        recommendation=recommendation, title="Klantpanel instellen (dubbel)"
    )
    log_in(page, "directie")
    page.goto(reverse("findings:action_detail", args=[cycle.year, uitkeren.pk, action.pk]))
    check(page)
    page.get_by_role("link", name=re.compile(r"^Intrekken")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("intrekken?")
    check(page)
    withdraw_with_a_reason(page, "Vervolgactie intrekken", ACTION_REASON)
    expect(status_message(page, "is ingetrokken; ze telt nergens meer mee")).to_be_visible()
    expect(page.locator("del").filter(has_text="Klantpanel instellen (dubbel)")).to_be_visible()
    expect(page.get_by_text(ACTION_REASON)).to_be_visible()
    check(page)
    assert_console_clean(console_messages, failed_loads={400: 1})


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_dt_withdraws_a_decision_and_decides_again(
    browser_page: Page, console_messages, page_checks, adviser, dt_member
):
    page = browser_page
    action = start(adviser)
    submit(action, adviser)
    decide(action, dt_member, Forum.DT, Outcome.BESLUIT, "Herstel ambtshalve.")
    log_in(page, "dt.uitkeren")
    page.goto(reverse("herstel:decisions", args=[action.pk]))
    check(page)
    expect(page.get_by_role("heading", name="Besluit vastleggen: DT (stap 2A)")).to_have_count(0)
    page.get_by_role("link", name=re.compile(r"^Intrekken")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Besluit intrekken?")
    check(page)
    withdraw_with_a_reason(page, "Besluit intrekken", DECISION_REASON)
    expect(status_message(page, "Het besluit is ingetrokken.")).to_be_visible()
    expect(page.get_by_text(DECISION_REASON)).to_be_visible()
    expect(page.get_by_role("heading", name="Besluit vastleggen: DT (stap 2A)")).to_be_visible()
    check(page)
    assert_console_clean(console_messages, failed_loads={400: 1})
