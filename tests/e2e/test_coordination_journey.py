"""Journey 3 (issue 10): the coordination team from calibration to the published report, in a
real browser:

1. opens calibration from the work queue's line of outliers to discuss, opens a session, reads the matrix (with the outlier flagged
   in words), opens a score, adjusts it with a reason (after a Dutch error for a missing reason)
   and sees the change in the score's history and in the round;
2. closes the round and freezes the scores (closes calibration);
3. moves the cycle on to the roll-up, makes a theme and groups the same recommendation from two
   units into it: the theme is a rode draad;
4. publishes version 1.0 of the UWV-wide report (the test settings run the task at once),
   reads the SHA-256 on the version page, downloads the PDF and its hash matches.

Every page visited is checked with axe-core (WCAG 2.1 AA) and for horizontal scrolling at
1280x800 and at 200% zoom; the list of checked pages goes to test-output/a11y/.
"""

import hashlib
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from audits.services import cycle_advance
from audits.services.cycles import unit_exclude
from findings.models import ReportVersion
from maturity.models import Score
from maturity.services import score_record
from tests.e2e.conftest import (
    RENDER_TIMEOUT_MS,
    assert_console_clean,
    assert_pages_checked,
    check,
    from_work_queue,
    log_in,
    log_out,
    status_message,
)
from tests.factories import principle
from tests.findings.unit_reporting import recommend

YEAR = 2031
ADJUST_REASON = "Het jaarplan en de interviews laten zien dat klantsignalen structureel terugkomen."


def calibration_ready(cycle, coordinator, auditor, uitkeren, communicatie, fez):
    """Fieldwork done: submitted scores at two units, and the same recommendation at both."""
    klant = principle("klantgerichtheid")
    for unit, level in ((uitkeren, 3), (communicatie, 1)):
        score_record(
            actor=auditor,
            cycle=cycle,
            unit=unit,
            principle=klant,
            level=level,
            justification=f"Onderbouwing bij {unit.name}.",
            expected_version=0,
        )
    score_record(
        actor=auditor,
        cycle=cycle,
        unit=uitkeren,
        principle=principle("operationele-kwaliteit"),
        level=3,
        justification="Procesbeschrijvingen zijn actueel en worden gebruikt.",
        expected_version=0,
    )
    for unit in (uitkeren, communicatie):
        recommend(auditor, cycle, unit, title="Meet het effect van verbeteracties")
    # FEZ, in scope without a team in the test cycle, is excluded: it holds nothing up.
    unit_exclude(actor=coordinator, cycle=cycle, unit=fez, reason="Geen toetsteam beschikbaar.")
    return cycle_advance(actor=coordinator, cycle=cycle, expected_status="veldwerk")


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_coordination_team_calibrates_rolls_up_and_publishes(
    browser_page: Page,
    console_messages,
    page_checks,
    cycle,
    coordinator,
    auditor,
    uitkeren,
    communicatie,
    fez,
):
    calibration_ready(cycle, coordinator, auditor, uitkeren, communicatie, fez)
    page = browser_page
    log_in(page, "coordinator")

    # 1. From the work queue (three submitted scores cite no evidence: outliers) to the
    # calibration page, and a new session.
    from_work_queue(
        page,
        "Kalibratie",
        f"Kalibratie {YEAR}: 3 afwijkende scores te bespreken",
        detail="Open een kalibratiesessie om ze te bespreken.",
    )
    expect(page.get_by_role("heading", name=f"Kalibratie {YEAR}", level=1)).to_be_visible()
    check(page)
    page.get_by_role("link", name="Nieuwe sessie openen").click()
    check(page)
    page.get_by_label("Datum van de sessie").fill(f"{YEAR}-11-04")
    page.get_by_label(re.compile("Anouk Toetser")).check()
    page.get_by_role("button", name="Sessie openen").click()
    expect(page.get_by_role("heading", name=f"Kalibratieronde 1 ({YEAR})")).to_be_visible()
    check(page)

    # The matrix: Communicatie's 1 against Uitkeren's 3 (median 2) is not far enough to stand
    # out, but neither cites evidence: both are flagged in words.
    matrix = page.get_by_role("table", name=re.compile("Ingediende scores per bedrijfsonderdeel"))
    uitkeren_row = matrix.get_by_role("row").filter(
        has=page.get_by_role("rowheader", name=re.compile("^Uitkeren"))
    )
    expect(uitkeren_row).to_contain_text("geen bewijs aangehaald")
    communicatie_row = matrix.get_by_role("row").filter(
        has=page.get_by_role("rowheader", name=re.compile("^Communicatie"))
    )
    expect(communicatie_row).to_contain_text("niet getoetst")  # Operationele Kwaliteit: absent
    communicatie_row.get_by_role("link", name="1 Communicatie, Klantgerichtheid").click()
    expect(page.get_by_role("heading", name="Klantgerichtheid bij Communicatie")).to_be_visible()
    check(page)

    # Adjusting needs a reason: refused in Dutch, nothing changed.
    adjust = page.get_by_role("region", name="Bijstellen in ronde 1")
    adjust.get_by_label("2 Initieel").check()
    adjust.get_by_role("button", name="Score bijstellen").click()
    expect(page.get_by_text("Geef de reden van de bijstelling.")).to_be_visible()
    expect(page.get_by_label("Reden van de bijstelling")).to_have_attribute("aria-invalid", "true")
    check(page)
    page.get_by_label("Reden van de bijstelling").fill(ADJUST_REASON)
    page.get_by_role("button", name="Score bijstellen").click()
    expect(
        status_message(page, "De score van Communicatie voor Klantgerichtheid is bijgesteld naar 2")
    ).to_be_visible()
    check(page)

    # 2. The round lists the change; the score's history keeps who, when, old → new and why.
    changes = page.get_by_role("table", name=re.compile("Welke scores in deze ronde"))
    expect(changes).to_contain_text("1 → 2")
    expect(changes).to_contain_text(ADJUST_REASON)
    changes.get_by_role("link", name="Communicatie · Klantgerichtheid").click()
    check(page)
    history = page.get_by_role("table", name="Wie wijzigde wanneer wat, en waarom")
    calibrated = history.get_by_role("row").filter(has_text="bijgesteld in kalibratieronde 1")
    expect(calibrated).to_contain_text("1 → 2")
    expect(calibrated).to_contain_text(ADJUST_REASON)
    expect(calibrated).to_contain_text(str(coordinator))
    expect(page.locator("dd strong").first).to_have_text("2 Initieel")

    # Closing the round, then calibration, freezes the scores.
    page.get_by_role("link", name="Terug naar ronde 1").click()
    page.get_by_label("Aantekeningen bij de sessie").fill("Communicatie bijgesteld naar 2.")
    page.get_by_role("button", name="Ronde 1 sluiten").click()
    expect(status_message(page, "Kalibratieronde 1 is gesloten.")).to_be_visible()
    check(page)
    page.get_by_role("button", name="Kalibratie afsluiten: scores vastleggen").click()
    expect(
        status_message(page, f"De kalibratie van {YEAR} is afgesloten: de scores liggen vast.")
    ).to_be_visible()
    check(page)
    assert Score.objects.get(unit=communicatie).level == 2

    # 3. On to the roll-up: a theme, and the recommendation of both units grouped into it.
    page.get_by_role("navigation", name="Kruimelpad").get_by_role(
        "link", name=re.compile(str(YEAR))
    ).click()
    check(page)
    page.get_by_role("link", name="Door naar fase: Oprollen …").click()
    expect(page.get_by_role("heading", name=f"Toetscyclus {YEAR} naar Oprollen?")).to_be_visible()
    expect(
        page.get_by_role("listitem").filter(has_text="De kalibratie is afgesloten")
    ).to_contain_text("Voldaan")
    check(page)
    page.get_by_role("button", name="Ja, door naar fase: Oprollen").click()
    expect(status_message(page, f"Toetscyclus {YEAR} staat nu op Oprollen.")).to_be_visible()
    page.get_by_role("link", name="Oprollen", exact=True).click()
    expect(page.get_by_role("heading", name=re.compile(f"Oprollen {YEAR}"))).to_be_visible()
    check(page)
    # Two units of this small cycle make a thread.
    page.get_by_label("Drempel rode draad (aantal onderdelen)").fill("2")
    page.get_by_role("button", name="Drempel opslaan").click()
    expect(page.get_by_label("Drempel rode draad (aantal onderdelen)")).to_have_value("2")
    page.get_by_label("Titel").fill("Effect meten")
    page.get_by_label("Omschrijving").fill(
        "Units volgen of acties gedaan zijn, niet wat ze opleverden."
    )
    page.get_by_role("button", name="Thema aanmaken").click()
    expect(page.get_by_role("link", name="Effect meten", exact=True)).to_be_visible()
    check(page)
    for unit in ("Uitkeren", "Communicatie"):
        page.get_by_label(f"Meet het effect van verbeteracties ({unit}) selecteren").check()
    page.get_by_label("Geselecteerde aanbevelingen").select_option(label="Effect meten")
    page.get_by_role("button", name="Toevoegen aan thema").click()
    check(page)
    themes = page.get_by_role("table", name=re.compile("^Thema's met het aantal"))
    theme_row = themes.get_by_role("row").filter(has_text="Effect meten")
    expect(theme_row).to_contain_text("rode draad")
    expect(theme_row).to_contain_text("2: Communicatie, Uitkeren")

    # 4. Publish version 1.0; the PDF downloaded is the one whose hash the page shows.
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Toetscycli").click()
    page.get_by_role("link", name=f"Rapport {YEAR}", exact=True).click()
    expect(page.get_by_text("Er is nog geen versie gepubliceerd.")).to_be_visible()
    check(page)
    page.get_by_label("Versie", exact=True).fill("1.0")
    page.get_by_label("Concept", exact=True).check()
    page.get_by_role("button", name="Publiceren").click()
    expect(page.get_by_role("heading", name="Versie 1.0 publiceren als Concept?")).to_be_visible()
    check(page)
    # Publishing renders the PDF inside this request in tests (the immediate task backend): on a
    # busy CI machine that takes longer than a page.
    page.get_by_role("button", name="Ja, publiceren").click(timeout=RENDER_TIMEOUT_MS)
    expect(
        page.get_by_role("heading", name=f"Rapport Interne Toets KMS {YEAR}, versie 1.0 (Concept)")
    ).to_be_visible(timeout=RENDER_TIMEOUT_MS)
    expect(page.get_by_role("status").filter(has_text="Gepubliceerd")).to_be_visible()
    check(page)
    shown = page.locator("dt:has-text('Controlegetal (SHA-256)') + dd").inner_text().strip()
    assert re.fullmatch(r"[0-9a-f]{64}", shown)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download versie 1.0 (PDF)").click()
    pdf = Path(download.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF")
    assert hashlib.sha256(pdf).hexdigest() == shown
    assert ReportVersion.objects.get(cycle=cycle, label="1.0").pdf_sha256 == shown
    page_checks.screenshot(page, "journey-3-coordinatieteam")
    log_out(page)

    assert_pages_checked(
        page_checks,
        r"/kalibratie/$",
        r"/kalibratie/sessies/nieuw/$",
        r"/kalibratie/sessies/1/$",
        r"/kalibratie/scores/\d+/",
        r"/oprollen/$",
        r"/rapport/versies/$",
        r"/rapport/versies/1\.0/$",
    )
    # The refused adjustment (no reason) is the only failed load.
    assert_console_clean(console_messages, failed_loads={400: 1})
