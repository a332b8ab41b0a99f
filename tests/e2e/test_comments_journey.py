"""Comments where the work is discussed, in a real browser (issue 21 §4): an auditor comments on
a score mentioning the other auditor of the team (a mention of the unit's board is refused first,
the text kept), the other auditor follows the notification and replies, the first withdraws a
comment with a reason (refused without one) and it stays struck through; the unit's board
cannot open the thread (404); the coordination team comments on a section of the UWV-wide
report. Every page passes axe (WCAG 2.1 AA) and the reflow check."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from findings.services.report_structure import report_structure_start
from tests.comments_helpers import colleague_on_team, concept_score
from tests.e2e.conftest import assert_console_clean, check, log_in, log_out, status_message
from uwvkms.comments import thread_url


def post_comment(page: Page, text: str) -> None:
    thread = page.get_by_role("region", name=re.compile(r"^Reacties"))
    thread.get_by_label("Uw reactie").fill(text)
    thread.get_by_role("button", name="Reactie plaatsen").click()


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_auditors_discuss_a_score_and_the_coordination_team_a_report_section(
    browser_page: Page,
    console_messages,
    page_checks,
    cycle,
    coordinator,
    auditor,
    uitkeren,
    fez,
    unit_board,
):
    page = browser_page
    colleague_on_team(coordinator=coordinator, cycle=cycle, unit=uitkeren, fez=fez)
    score = concept_score(cycle=cycle, unit=uitkeren, auditor=auditor)
    section = report_structure_start(actor=coordinator, cycle=cycle)[0]
    score_page = reverse("maturity:score_edit", args=[cycle.year, uitkeren.pk, "klantgerichtheid"])

    # Anouk comments on the score; mentioning the unit's board is refused, the text kept.
    log_in(page, "auditor")
    page.goto(score_page)
    check(page)
    post_comment(page, "@directie herkent u dit beeld?")
    expect(page.get_by_text("@directie mag dit onderwerp niet lezen")).to_be_visible()
    expect(page.get_by_label("Uw reactie")).to_have_value("@directie herkent u dit beeld?")
    check(page)
    post_comment(page, "@bram zie jij het jaarplan als voldoende bewijs voor niveau 3?")
    expect(status_message(page, "Uw reactie is geplaatst.")).to_be_visible()
    expect(page.get_by_text("zie jij het jaarplan als voldoende bewijs")).to_be_visible()
    check(page)

    # A comment placed twice is withdrawn with a reason; without one it is refused.
    post_comment(page, "Zie mijn vorige reactie.")
    page.get_by_role("link", name="Intrekken uw reactie").last.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reactie intrekken?")
    check(page)
    page.get_by_role("button", name="Ja, intrekken").click()
    expect(page.get_by_role("alert").first).to_be_visible()
    check(page)
    page.get_by_label("Reden van intrekken").fill("Dubbel geplaatst.")
    page.get_by_role("button", name="Ja, intrekken").click()
    expect(status_message(page, "Uw reactie is ingetrokken.")).to_be_visible()
    expect(page.locator("del").filter(has_text="Zie mijn vorige reactie.")).to_be_visible()
    expect(
        page.get_by_text(re.compile(r"Ingetrokken door Anouk Toetser op .*: Dubbel"))
    ).to_be_visible()
    check(page)
    log_out(page)

    # Bram follows the notification to the thread and replies.
    log_in(page, "bram")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name=re.compile(r"^Meldingen")
    ).click()
    check(page)
    page.get_by_role("link", name=re.compile(r"^Genoemd in een reactie bij de score")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Reacties bij de score")
    expect(page.get_by_text("zie jij het jaarplan als voldoende bewijs")).to_be_visible()
    check(page)
    post_comment(page, "@auditor ja, met de bevestigde interviews erbij.")
    expect(status_message(page, "Uw reactie is geplaatst.")).to_be_visible()
    expect(page.get_by_text("met de bevestigde interviews erbij")).to_be_visible()
    check(page)
    log_out(page)

    # The unit's board cannot open the thread.
    log_in(page, "directie")
    page.goto(thread_url(score))
    expect(page.get_by_text("zie jij het jaarplan")).to_have_count(0)
    check(page)
    log_out(page)

    # The coordination team discusses a section of the UWV-wide report on its page.
    log_in(page, "coordinator")
    page.goto(reverse("findings:uwv_report_section", args=[cycle.year, section.pk]))
    check(page)
    post_comment(page, "Wie schrijft deze paragraaf dit jaar?")
    expect(status_message(page, "Uw reactie is geplaatst.")).to_be_visible()
    expect(page.get_by_text("Wie schrijft deze paragraaf dit jaar?")).to_be_visible()
    check(page)
    assert_console_clean(console_messages, failed_loads={400: 2, 404: 1})
