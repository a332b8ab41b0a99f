"""Journey 2 (issue 10): a unit report end to end in a real browser:

0. a member of Uitkeren's board, interviewed and linked to the record as interviewee, logs in,
   opens "Ter bevestiging" from the navigation bar, reads the record and confirms it; the
   interview then counts among the unit's confirmed evidence;
1. the auditor sees the confirmation (by the board member, in the history), then writes an
   observation and a recommendation for Uitkeren;
2. the coordinator marks the report afgestemd (date and with whom);
3. Uitkeren's board answers the recommendation "Herkend" and submits, after a Dutch error for
   submitting with nothing answered;
4. the RvB is refused the report (403) until the coordinator makes it definitief, and then reads
   it, management response included.

Locators go by label and role only. The console is watched: a CSP violation fails the journey.
"""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.e2e.conftest import (
    assert_console_clean,
    assert_pages_checked,
    check,
    log_in,
    log_out,
    status_message,
)
from tests.factories import (
    DistrictFactory,
    FindingFactory,
    InterviewFactory,
    ScoreFactory,
    principle,
)

YEAR = 2031


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_unit_report_from_observation_to_definitief(
    browser_page: Page,
    console_messages,
    page_checks,
    cycle,
    auditor,
    coordinator,
    unit_board,
    board_member,
    uitkeren,
):
    interview = InterviewFactory(
        cycle=cycle,
        unit=uitkeren,
        location=DistrictFactory(cycle=cycle, unit=uitkeren, name="District Noord"),
        held_on=datetime.date(YEAR, 9, 15),
        created_by=auditor,
        ter_bevestiging=True,
        interviewees=[
            ("Fatima el Amrani", "Klantmanager"),
            (str(unit_board), "Directeur", unit_board),
        ],
        principles=[principle("klantgerichtheid")],
    )
    # Fatima el Amrani (no account) confirmed by mail, recorded by the auditor: the board
    # member's own confirmation completes the record (issue 17: each confirms for themselves).
    interview.interviewees.filter(user=None).update(
        confirmed_on=datetime.date(2025, 9, 16),
        confirmed_via="email",
        confirmation_recorded_by=auditor,
        confirmation_recorded_at=timezone.now(),
    )
    # Fieldwork done elsewhere: both principles in scope at Uitkeren scored, and an
    # observation on Operationele Kwaliteit; the auditor writes the one on Klantgerichtheid
    # below, after which the report is complete enough to agree (issue 17).
    for code in ("klantgerichtheid", "operationele-kwaliteit"):
        ScoreFactory(cycle=cycle, unit=uitkeren, principle=principle(code), updated_by=auditor)
    FindingFactory(
        cycle=cycle,
        unit=uitkeren,
        principle=principle("operationele-kwaliteit"),
        text="Procesbeschrijvingen zijn actueel en worden gebruikt.",
        updated_by=auditor,
    )
    page = browser_page
    board_name = str(unit_board)

    # 0. The board member, linked as interviewee, reads the record sent to them and confirms it.
    log_in(page, "directie")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Ter bevestiging (1)"
    ).click()
    expect(page.get_by_role("heading", name="Interviewverslagen ter bevestiging")).to_be_visible()
    check(page)
    page.get_by_role("link", name=re.compile("^Lezen en bevestigen")).click()
    expect(
        page.get_by_role("heading", name=f"Interviewverslag Uitkeren · Interne Toets KMS {YEAR}")
    ).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("Trots op het werk (Klantgerichtheid).")
    expect(page.get_by_text("Dit verslag is nog niet bevestigd")).to_be_visible()
    check(page)
    page.get_by_role("button", name="Bevestigen").click()
    expect(
        status_message(page, "U hebt het verslag bevestigd; het telt nu als bewijs.")
    ).to_be_visible()
    expect(
        page.get_by_text(f"Dit verslag is bevestigd door Fatima el Amrani, {board_name} op")
    ).to_be_visible()
    expect(page.get_by_role("button", name="Bevestigen")).to_have_count(0)  # read-only now
    expect(page.get_by_role("link", name=re.compile("^Ter bevestiging"))).to_have_count(0)
    check(page)
    # It now counts as confirmed evidence of Uitkeren.
    page.get_by_role("link", name="uwvkms").click()
    page.get_by_role("link", name=f"Bewijs {YEAR}").click()
    expect(page.get_by_role("main")).to_contain_text(f"District Noord, 15 september {YEAR}")
    check(page)
    log_out(page)

    # 1. The auditor sees who confirmed, then writes an observation and a recommendation.
    log_in(page, "auditor")
    page.goto(reverse("audits:interview_detail", args=[YEAR, interview.pk]))
    expect(
        page.get_by_text(f"Dit verslag is bevestigd door Fatima el Amrani, {board_name} op")
    ).to_be_visible()
    expect(page.get_by_role("region", name="Historie")).to_contain_text(board_name)
    check(page)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Toetscycli").click()
    page.get_by_role("link", name=f"Mijn toetsopdrachten {YEAR}").click()
    page.get_by_role("link", name="Bevindingen Uitkeren").click()
    expect(page.get_by_role("heading", name=f"Bevindingen Uitkeren {YEAR}")).to_be_visible()
    check(page)
    # The report is not yet complete: the lead auditor is told what is missing instead of
    # being offered to agree it.
    page.goto(reverse("findings:unit_report", args=[YEAR, uitkeren.pk]))
    expect(page.get_by_role("note")).to_contain_text(
        "Leg eerst een bevinding vast bij: Klantgerichtheid."
    )
    expect(page.get_by_role("link", name="Afgestemd met de directie")).to_have_count(0)
    check(page)
    page.go_back()

    page.get_by_role("link", name="Observatie toevoegen bij Klantgerichtheid").click()
    expect(page.get_by_label("Managementprincipe")).to_have_value(re.compile(r"\d+"))
    check(page)
    page.get_by_label("Tekst").fill("Teams bespreken klantsignalen elke week.")
    page.get_by_role("button", name="Opslaan").click()
    expect(
        status_message(page, "De observatie bij Klantgerichtheid is toegevoegd.")
    ).to_be_visible()
    expect(
        page.get_by_role("link", name=re.compile("^Wijzigen.*Teams bespreken klantsignalen"))
    ).to_be_visible()
    check(page)

    page.get_by_role("link", name="Aanbeveling toevoegen bij Klantgerichtheid").click()
    check(page)
    page.get_by_label("Titel").fill("Meet het effect van verbeteracties")
    page.get_by_label("Toelichting").fill("Leg vast wat een verbeteractie heeft opgeleverd.")
    page.get_by_label("Hoog").check()
    page.get_by_role("button", name="Opslaan").click()
    expect(
        status_message(page, "De aanbeveling bij Klantgerichtheid is toegevoegd.")
    ).to_be_visible()
    expect(page.get_by_text("prioriteit hoog")).to_be_visible()
    check(page)
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
    check(page)
    page.get_by_role("link", name="Afgestemd met de directie").click()
    check(page)
    page.get_by_label("Afgestemd op").fill(timezone.localdate().isoformat())
    page.get_by_label("Afgestemd met").fill("Directeur Uitkeren")
    page.get_by_role("button", name="Afgestemd met de directie").click()
    expect(status_message(page, "Het rapport van Uitkeren staat nu op Afgestemd.")).to_be_visible()
    expect(page.get_by_role("link", name="Definitief maken")).to_be_visible()
    check(page)
    report_url = page.url
    log_out(page)

    # 3. Uitkeren's board answers the report and submits; submitting with nothing answered is
    # refused.
    # The board starts from its work queue ("Wat vraagt uw aandacht"), where the response is due.
    log_in(page, "directie")
    page.get_by_role("link", name=f"Managementreactie op het rapport Uitkeren {YEAR}").click()
    expect(page.get_by_role("heading", name=f"Managementreactie Uitkeren {YEAR}")).to_be_visible()
    check(page)
    page.get_by_role("button", name="Indienen").click()
    expect(
        page.get_by_text("Nog niet beantwoord: “Meet het effect van verbeteracties”.")
    ).to_be_visible()
    check(page)
    page.get_by_label("Herkend", exact=True).check()
    page.get_by_label("Voorgenomen acties").fill("Effectmeting opnemen in het jaarplan.")
    page.get_by_label("Algemene reactie").fill("Wij herkennen het beeld en pakken dit op.")
    page.get_by_role("button", name="Indienen").click()
    expect(
        status_message(page, "De managementreactie is ingediend en staat nu in het rapport.")
    ).to_be_visible()
    expect(page.get_by_text("Wij herkennen het beeld en pakken dit op.")).to_be_visible()
    check(page)
    page_checks.screenshot(page, "journey-2-directie")
    log_out(page)

    # 4. The RvB reads only what is definitief.
    log_in(page, "rvb")
    page.goto(report_url)
    expect(page.get_by_role("heading", name="Geen toegang")).to_be_visible()
    check(page)
    log_out(page)

    log_in(page, "coordinator")
    page.goto(report_url)
    page.get_by_role("link", name="Definitief maken").click()
    check(page)
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
    check(page)
    log_out(page)

    assert_pages_checked(
        page_checks,
        r"/ter-bevestiging/$",
        r"/ter-bevestiging/\d+/$",
        r"/interviews/\d+/$",
        r"/bewijs/$",
        r"/reactie/$",
        r"/bevindingen/$",
    )

    # The refused submission (400) and the RvB's refusal (403) are the only failed loads.
    assert_console_clean(console_messages, failed_loads={400: 1, 403: 1})
