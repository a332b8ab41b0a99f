"""Four eyes on fieldwork in a real browser (issue 21 §3): an auditor marks an interview record
and a finding klaar voor review; the score page then offers no submission and says why; the lead
auditor finds the review in the work queue, sends the finding back with a note and approves the
interview; the auditor, told by the work queue, fixes the finding and marks it ready again; the
lead approves it; and the scores can be submitted. Every page passes axe (WCAG 2.1 AA) and the
reflow check."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.e2e.conftest import (
    assert_console_clean,
    check,
    from_work_queue,
    log_in,
    log_out,
    status_message,
)
from tests.factories import FindingFactory, InterviewFactory, principle
from tests.review_fixtures import colleague  # noqa: F401 (fixture)

NOTE = "Noem het interview waaruit dit blijkt."


def mark_ready(page: Page, url: str) -> None:
    page.goto(url)
    check(page)
    page.get_by_role("button", name="Klaar voor review").click()
    expect(status_message(page, "staat klaar voor review")).to_be_visible()
    check(page)


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_fieldwork_is_reviewed_before_the_scores_are_submitted(  # noqa: PLR0915
    browser_page: Page,
    console_messages,
    page_checks,
    cycle,
    uitkeren,
    auditor,
    colleague,  # noqa: F811
):
    page = browser_page
    klant = principle("klantgerichtheid")
    interview = InterviewFactory(
        cycle=cycle, unit=uitkeren, created_by=colleague, bevestigd=True, principles=[klant]
    )
    finding = FindingFactory(cycle=cycle, unit=uitkeren, updated_by=colleague)
    finding_url = reverse("findings:finding_edit", args=[cycle.year, uitkeren.pk, finding.pk])
    score_url = reverse("maturity:score_edit", args=[cycle.year, uitkeren.pk, klant.code])

    # The auditor marks both ready; the score page does not offer the submission, and says why.
    log_in(page, "collega")
    mark_ready(page, interview.get_absolute_url())
    mark_ready(page, finding_url)
    page.goto(score_url)
    check(page)
    waiting = page.locator("#review-wacht")
    expect(waiting).to_contain_text("Indienen kan pas als het veldwerk van Uitkeren is beoordeeld")
    expect(waiting.get_by_role("link", name=re.compile("Teams bespreken"))).to_be_visible()
    expect(page.get_by_role("button", name="Indienen")).to_have_count(0)
    log_out(page)

    # The lead finds the review in the work queue, sends the finding back, approves the interview.
    log_in(page, "auditor")
    from_work_queue(
        page, "Review", "Veldwerk Uitkeren 2031 beoordelen", detail="2 onderdelen klaar voor review"
    )
    expect(page.get_by_role("heading", level=1)).to_contain_text("Review veldwerk Uitkeren")
    check(page)
    page.get_by_role("link", name=re.compile(r"^Terugsturen\b.*Teams bespreken")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bevinding terugsturen")
    check(page)
    page.get_by_role("button", name="Terugsturen", exact=True).click()  # no note: refused
    expect(page.get_by_role("alert").first).to_be_visible()
    check(page)
    page.get_by_label("Reviewopmerking").fill(NOTE)
    page.get_by_role("button", name="Terugsturen", exact=True).click()
    expect(status_message(page, "is teruggestuurd naar de auteur")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Review veldwerk Uitkeren")
    expect(page.get_by_text(NOTE)).to_be_visible()
    page.get_by_role("button", name=re.compile(r"^Beoordeeld\b")).click()
    expect(status_message(page, "is beoordeeld")).to_be_visible()
    check(page)
    log_out(page)

    # The auditor sees it sent back, fixes the finding and marks it ready again.
    log_in(page, "collega")
    from_work_queue(
        page, "Review", "Veldwerk Uitkeren 2031 teruggestuurd", detail="1 onderdeel teruggestuurd"
    )
    check(page)
    page.get_by_role("link", name=re.compile("Teams bespreken")).click()
    expect(page.get_by_text(NOTE, exact=True)).to_be_visible()
    check(page)
    page.get_by_label("Tekst").fill(
        "Teams bespreken klantsignalen wekelijks (interview district, september)."
    )
    page.get_by_role("button", name="Opslaan").click()
    check(page)
    mark_ready(page, finding_url)
    log_out(page)

    # The lead approves it.
    log_in(page, "auditor")
    from_work_queue(page, "Review", "Veldwerk Uitkeren 2031 beoordelen")
    page.get_by_role("button", name=re.compile(r"^Beoordeeld\b")).click()
    expect(status_message(page, "Bevinding Klantgerichtheid")).to_be_visible()
    expect(page.get_by_text("Al het veldwerk is beoordeeld")).to_be_visible()
    check(page)
    log_out(page)

    # Now the scores can be submitted.
    log_in(page, "collega")
    page.goto(score_url)
    check(page)
    expect(page.locator("#review-wacht")).to_have_count(0)
    page.locator("input[name=level][value='3']").check()
    page.get_by_label("Onderbouwing").fill("Het interview en de bevinding laten dit zien.")
    page.get_by_role("button", name="Indienen").click()
    check(page)
    page.get_by_role("button", name="Ja, indienen").click()
    expect(status_message(page, "is ingediend")).to_be_visible()
    check(page)
    assert_console_clean(console_messages, failed_loads={400: 1})
