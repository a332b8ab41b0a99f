"""The score form and the calibration matrix with the keyboard alone (issue 10): Tab moves
through the page, every element that takes focus shows it (an outline or a focus ring), arrow
keys choose a level, Space ticks the evidence, Enter submits. A refused form lists what needs
attention at the top (role alert, with a link to each field) and says it beside the field."""

import datetime
import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from audits.models import AuditCycle, DocumentType
from audits.services.documents import document_check_save
from maturity.models import Score
from maturity.services import calibration_session_open, score_record
from tests.e2e.conftest import assert_console_clean, check, log_in, status_message
from tests.e2e.test_fieldwork_journey import review_fieldwork
from tests.factories import DistrictFactory, InterviewFactory, principle

YEAR = 2031
MAX_TABS = 80

# What has focus, and whether that is visible: an outline, or a focus ring drawn as a shadow.
_FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  const ring = style.boxShadow && style.boxShadow !== "none";
  return {
    tag: el.tagName.toLowerCase(),
    id: el.id,
    name: el.getAttribute("name") || "",
    type: el.getAttribute("type") || "",
    href: el.getAttribute("href") || "",
    text: (el.innerText || el.value || "").trim().slice(0, 60),
    visible: outline || ring,
    outline: style.outlineStyle + " " + style.outlineWidth,
    ring: style.boxShadow,
  };
}"""


def tab_to(page: Page, matches, *, shift: bool = False) -> dict:
    """Press Tab until the focused element matches; every element passed on the way must show
    its focus."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Shift+Tab" if shift else "Tab")
        focused = page.evaluate(_FOCUSED)
        if focused is None:
            continue
        assert focused["visible"], f"focus not visible on {focused}"
        if matches(focused):
            return focused
    raise AssertionError(f"not reached with Tab within {MAX_TABS} presses")


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_score_form_with_the_keyboard_alone(
    browser_page: Page, console_messages, page_checks, cycle, auditor, uitkeren, coordinator
):
    klant = principle("klantgerichtheid")
    InterviewFactory(
        cycle=cycle,
        unit=uitkeren,
        location=DistrictFactory(cycle=cycle, unit=uitkeren, name="District Noord"),
        held_on=datetime.date(YEAR, 9, 15),
        created_by=auditor,
        bevestigd=True,
        principles=[klant],
    )
    document_check_save(
        actor=auditor,
        cycle=cycle,
        unit=uitkeren,
        document_type=DocumentType.objects.get(name="Jaarplan"),
        status="geleverd",
        principles=[klant],
        design_note="",
        existence_note="",
        operation_note="",
        expected_version=0,
    )
    # Reviewed by another than the author (issue 21 §3), so the form offers the submission.
    review_fieldwork(cycle, uitkeren, author=auditor, reviewer=coordinator)
    page = browser_page
    log_in(page, "auditor")
    page.goto(reverse("maturity:score_edit", args=[YEAR, uitkeren.pk, "klantgerichtheid"]))
    expect(page.get_by_role("heading", name="Klantgerichtheid bij Uitkeren")).to_be_visible()

    # The first Tab reaches the skip link, which shows itself; Enter jumps to the content.
    skip = tab_to(page, lambda f: True)
    assert skip["text"] == "Naar de inhoud"
    expect(page.get_by_role("link", name="Naar de inhoud")).to_be_visible()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#inhoud$"))

    # Submitting nothing: refused, summarised at the top and said beside each field.
    tab_to(page, lambda f: f["text"] == "Indienen")
    page.keyboard.press("Enter")
    summary = page.get_by_role("alert").filter(has_text="Controleer het formulier")
    expect(summary).to_contain_text("2 punten vragen uw aandacht")
    expect(summary.get_by_role("link", name="Volwassenheidsniveau")).to_have_attribute(
        "href", "#id_level_0"
    )
    expect(summary.get_by_role("link", name="Onderbouwing")).to_have_attribute(
        "href", "#id_justification"
    )
    expect(
        page.get_by_text("Kies een volwassenheidsniveau om de score in te dienen.")
    ).to_be_visible()
    expect(page.locator("#id_justification")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("1 Ad hoc")).to_have_attribute("aria-invalid", "true")
    check(page)

    # The summary's links take the keyboard to the field.
    tab_to(page, lambda f: f["href"] == "#id_justification")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#id_justification$"))
    expect(page.locator("#id_justification")).to_be_focused()

    # Now with the keyboard alone: a level with the arrow keys, the justification typed, the
    # evidence ticked with Space, submitted with Enter.
    page.goto(reverse("maturity:score_edit", args=[YEAR, uitkeren.pk, "klantgerichtheid"]))
    tab_to(page, lambda f: f["name"] == "level")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(page.get_by_label("3 Reproduceren")).to_be_checked()
    tab_to(page, lambda f: f["id"] == "id_justification")
    page.keyboard.type("Het jaarplan en het interview in District Noord tonen de klantsignalen.")
    tab_to(page, lambda f: f["name"] == "interviews")
    page.keyboard.press("Space")
    tab_to(page, lambda f: f["name"] == "documents")
    page.keyboard.press("Space")
    tab_to(page, lambda f: f["text"] == "Indienen")
    page.keyboard.press("Enter")
    # The confirmation step, by keyboard too: Tab to "Ja, indienen", Enter.
    expect(page.get_by_role("heading", name=re.compile(r"indienen\?$"))).to_be_visible()
    tab_to(page, lambda f: f["text"] == "Ja, indienen")
    page.keyboard.press("Enter")
    expect(
        status_message(page, "De score voor Klantgerichtheid bij Uitkeren is ingediend.")
    ).to_be_visible()
    check(page)
    score = Score.objects.get(unit=uitkeren, principle=klant)
    assert (score.status, score.level) == ("ingediend", 3)
    assert score.cited_interviews.count() == 1 and score.cited_documents.count() == 1
    assert_console_clean(console_messages, failed_loads={400: 1})


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_calibration_matrix_with_the_keyboard_alone(
    browser_page: Page, console_messages, page_checks, cycle, coordinator, auditor, uitkeren
):
    klant = principle("klantgerichtheid")
    score = score_record(
        actor=auditor,
        cycle=cycle,
        unit=uitkeren,
        principle=klant,
        level=2,
        justification="Het jaarplan noemt klantsignalen niet.",
        expected_version=0,
    )
    AuditCycle.objects.filter(pk=cycle.pk).update(status="kalibratie")
    cycle.refresh_from_db()
    calibration_session_open(
        actor=coordinator,
        cycle=cycle,
        held_on=datetime.date(YEAR, 11, 4),
        participants=[auditor, coordinator],
    )
    page = browser_page
    log_in(page, "coordinator")
    page.goto(reverse("maturity:calibration_session", args=[YEAR, 1]))
    expect(page.get_by_role("heading", name=f"Kalibratieronde 1 ({YEAR})")).to_be_visible()

    # Through the matrix to Uitkeren's score, and open it with Enter.
    score_url = reverse("maturity:calibration_score", args=[YEAR, score.pk])
    focused = tab_to(page, lambda f: f["href"] == score_url)
    assert focused["text"].startswith("2")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Klantgerichtheid bij Uitkeren")).to_be_visible()

    # Adjust: the level with the arrow keys, the reason typed, Enter on the button.
    tab_to(page, lambda f: f["name"] == "level")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")  # two levels on: never the current level 2
    tab_to(page, lambda f: f["name"] == "reason")
    page.keyboard.type("De interviews laten meer zien dan het jaarplan.")
    tab_to(page, lambda f: f["text"] == "Score bijstellen")
    page.keyboard.press("Enter")
    expect(status_message(page, "is bijgesteld naar")).to_be_visible()
    check(page)
    score.refresh_from_db()
    assert score.level in (3, 4)
    assert_console_clean(console_messages, failed_loads={})
