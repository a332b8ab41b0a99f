"""Fieldwork end to end in a real browser, the way people work (cycle 2031 in fieldwork, see the
`cycle` fixture):

(a) the lead auditor of Uitkeren puts four candidate districts on the list and draws two, records
    an interview at a drawn district (after a Dutch error for an incomplete form), has it
    confirmed by an interviewee, marks a document delivered with a real PDF (a PNG named .pdf is
    refused) and, from Uitkeren's progress line in their work queue, reads the evidence per
    principle, with the principle still without evidence flagged as a gap;
(b) the board of Uitkeren reaches its evidence overview from the home page, reads it without
    any way to change it, and is refused (Dutch 403) the interview editor and another unit.

Locators go by label and role only. The browser console is watched throughout: a
Content-Security-Policy violation fails the journey.
"""

import datetime
import re
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from audits.models import DistrictDraw, DocumentType
from audits.rules import draw_districts
from audits.services import assignment_create
from audits.services.documents import document_check_save, document_file_add
from maturity.models import Score
from tests.e2e.conftest import (
    assert_console_clean,
    assert_pages_checked,
    check,
    from_work_queue,
    log_in,
    log_out,
    status_message,
)
from tests.factories import DistrictFactory, InterviewFactory, principle

YEAR = 2031
# The day of the interview recorded in the journey: in the past (issue 17: never in the future).
HELD_ON = datetime.date(2025, 9, 15)
PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
)
CANDIDATES = [
    ("Hoofdkantoor Amsterdam", "Centraal"),
    ("Kenniscentrum Utrecht", "Centraal"),
    ("District Noord", "Decentraal"),
    ("District Zuid", "Decentraal"),
]


def principle_section(page: Page, name: str):
    """The card of one principle on the evidence overview (a region named by its heading, which
    also holds the principle's evidence badge)."""
    return page.get_by_role("region", name=re.compile(rf"^{re.escape(name)}\b"))


def review_fieldwork(cycle, unit, *, author, reviewer) -> None:
    """Mark every record of the unit ready (as its author) and beoordeeld (as the reviewer)."""
    from uwvkms.review import review_approve, review_request, unit_review_lines  # noqa: PLC0415

    for line in unit_review_lines(cycle_id=cycle.pk, unit_id=unit.pk):
        record = review_request(
            actor=author, record=line.record, expected_version=line.record.version
        )
        review_approve(actor=reviewer, record=record, expected_version=record.version)


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_auditor_gathers_evidence_at_a_unit(
    browser_page: Page,
    console_messages,
    page_checks,
    cycle,
    coordinator,
    auditor,
    other_auditor,
    uitkeren,
    handhaving,
    tmp_path,
):
    """Journey 1 (issue 10): the auditor sees only the units assigned to them, records a
    document as delivered with an upload, records an interview and sends it for confirmation,
    scores a principle citing that evidence and submits."""
    # Handhaving is audited by someone else: the auditor never sees it.
    assignment_create(actor=coordinator, cycle=cycle, unit=handhaving, auditor=other_auditor)
    page = browser_page
    log_in(page, "auditor")

    # The auditor finds the districts of Uitkeren through their assignments.
    page.get_by_role("link", name="Naar de toetscycli").click()
    check(page)
    page.get_by_role("link", name=f"Mijn toetsopdrachten {YEAR}").click()
    expect(page.get_by_role("heading", name=f"Mijn toetsopdrachten {YEAR}")).to_be_visible()
    check(page)
    work = page.get_by_role("table", name="Te scoren onderdelen en principes")
    units_seen = {
        text.strip() for text in work.locator("tbody tr td:first-child").all_inner_texts()
    }
    assert units_seen == {"Uitkeren", "Communicatie"}
    expect(page.get_by_role("main")).not_to_contain_text("Handhaving")
    page.get_by_role("link", name="Districten Uitkeren").click()
    expect(
        page.get_by_role(
            "heading", name=f"Te bezoeken districten en afdelingen · Uitkeren · {YEAR}"
        )
    ).to_be_visible()
    expect(page.get_by_text("Er is nog niet geloot.")).to_be_visible()
    check(page)

    # Four candidates: two central, two decentral.
    for name, kind in CANDIDATES:
        page.get_by_label("Naam district, regio of afdeling").fill(name)
        page.get_by_label(kind, exact=True).check()
        page.get_by_role("button", name="Toevoegen").click()
        expect(status_message(page, f"{name} staat op de kandidatenlijst.")).to_be_visible()
    check(page)
    candidates = page.get_by_role("table", name="Kandidaat-districten, -regio's en -afdelingen")
    expect(candidates.get_by_role("rowheader")).to_have_text([name for name, _k in CANDIDATES])

    # Two are drawn: one central and one decentral, with the seed and who drew it on the page.
    page.get_by_label("Aantal te trekken").fill("2")
    page.get_by_role("button", name="Loten").click()
    expect(status_message(page, "Geloot:")).to_be_visible()
    check(page)
    draw = DistrictDraw.objects.get(cycle=cycle, unit=uitkeren, is_current=True)
    expect(page.get_by_text(f"Loting: seed {draw.seed}, door Anouk Toetser, op")).to_contain_text(
        "uit 4 kandidaten."
    )
    drawn = [(name, kind) for name, kind in draw.drawn]
    assert sorted(kind for _n, kind in drawn) == ["centraal", "decentraal"]
    current_draw = page.get_by_role("region", name="Geldende loting")
    expect(current_draw.get_by_role("list").first.get_by_role("listitem")).to_have_text(
        [f"{name} ({kind})" for name, kind in drawn]
    )
    # Anyone can redo the draw from the seed and the candidate list shown under "Zelf nadoen".
    current_draw.get_by_text("Zelf nadoen").click()
    expect(
        current_draw.get_by_text(f"Seed {draw.seed}, aantal 2, kandidatenlijst in volgorde:")
    ).to_be_visible()
    redo = draw_districts([tuple(c) for c in draw.candidates], seed=draw.seed, count=2)
    assert [list(c) for c in redo] == draw.drawn
    for name, _kind in drawn:
        row = candidates.get_by_role("row").filter(has=page.get_by_role("rowheader", name=name))
        expect(row).to_contain_text("ja")
    location = next(name for name, kind in drawn if kind == "decentraal")

    # The interview is recorded from the unit's interview list.
    page.get_by_role("link", name=f"Mijn toetsopdrachten {YEAR}").click()
    page.get_by_role("link", name="Interviews bij Uitkeren").click()
    expect(page.get_by_role("heading", name=f"Interviews bij Uitkeren {YEAR}")).to_be_visible()
    check(page)
    page.get_by_role("link", name="Interview vastleggen").click()
    expect(page.get_by_role("heading", name="Interview vastleggen bij Uitkeren")).to_be_visible()
    check(page)
    expect(page.get_by_label("Anouk Toetser")).to_be_checked()

    # Without interviewees the form is refused in Dutch, and nothing is saved.
    page.get_by_label("Datum").fill(HELD_ON.isoformat())
    page.get_by_label("Plaats (getrokken district of afdeling)").select_option(label=location)
    page.get_by_role("button", name="Interview opslaan").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Leg ten minste één geïnterviewde vast, met naam en functie."
    )
    expect(page.get_by_label("Naam").first).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Datum")).to_have_value(HELD_ON.isoformat())
    check(page)

    page.get_by_label("Naam").nth(0).fill("Jan Jansen")
    page.get_by_label("Functie").nth(0).fill("Teamleider")
    page.get_by_label("Naam").nth(1).fill("Fatima el Amrani")
    page.get_by_label("Functie").nth(1).fill("Klantmanager")
    klant = page.get_by_role("group", name="Klantgerichtheid", exact=True)
    klant.get_by_label("Hoe weet je wat de klant van jullie werk vindt?").check()
    klant.get_by_label("Aantekeningen").fill(
        "Het team bespreekt elke maand de klantsignalen en kiest er één verbetering uit."
    )
    page.get_by_role("button", name="Interview opslaan").click()
    expect(status_message(page, "Het interview is vastgelegd als concept.")).to_be_visible()
    expect(
        page.get_by_text("Dit verslag is nog niet bevestigd en telt nog niet als bewijs")
    ).to_be_visible()
    check(page)

    # Sent to the interviewees through its guarded page, then the confirmation of each is
    # recorded (received by mail): the record is final once both confirmed.
    page.get_by_role("link", name="Ter bevestiging sturen").click()
    expect(page.get_by_role("heading", name="Verslag ter bevestiging sturen?")).to_be_visible()
    check(page)
    page.get_by_role("button", name="Ter bevestiging sturen").click()
    expect(status_message(page, "Het verslag is ter bevestiging gestuurd")).to_be_visible()
    check(page)
    for name, function, status in (
        ("Fatima el Amrani", "Klantmanager", "Ter bevestiging"),
        ("Jan Jansen", "Teamleider", "Bevestigd"),
    ):
        page.get_by_role("combobox", name="Geïnterviewde").select_option(
            label=f"{name} ({function})"
        )
        page.get_by_label("Bevestigd op").fill(HELD_ON.isoformat())
        page.get_by_label("Hoe kwam de bevestiging binnen?").select_option(label="Per e-mail")
        page.get_by_role("button", name="Bevestiging vastleggen").click()
        expect(
            status_message(
                page, f"De bevestiging van {name} is vastgelegd. Het interview staat op {status}."
            )
        ).to_be_visible()
    expect(page.get_by_text(re.compile(r"^Bevestigd \(versie \d+\)$"))).to_be_visible()
    expect(
        page.get_by_text("Dit verslag is bevestigd door Jan Jansen, Fatima el Amrani op")
    ).to_be_visible()
    expect(page.get_by_role("link", name="Interview wijzigen")).to_have_count(0)
    expect(page.get_by_role("button", name="Bevestiging vastleggen")).to_have_count(0)
    check(page)

    # Document study: the year plan is delivered and evidences Klantgerichtheid.
    page.get_by_role("link", name="Documentstudie").click()
    expect(page.get_by_role("heading", name=f"Documentstudie Uitkeren {YEAR}")).to_be_visible()
    check(page)
    page.get_by_role("link", name="Jaarplan beoordelen").click()
    expect(page.get_by_role("heading", name="Jaarplan bij Uitkeren")).to_be_visible()
    check(page)
    page.get_by_label("Geleverd", exact=True).check()
    page.get_by_role("group", name="Bewijs voor").get_by_label("Klantgerichtheid").check()
    page.get_by_label("Opzet").fill("Het jaarplan vertaalt de klantdoelen naar teamdoelen.")
    page.get_by_role("button", name="Beoordeling opslaan").click()
    expect(status_message(page, "De beoordeling van Jaarplan is opgeslagen.")).to_be_visible()
    year_plan = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name="Jaarplan"))
    expect(year_plan).to_contain_text("Geleverd")
    expect(year_plan).to_contain_text("Klantgerichtheid")
    check(page)

    # A real PDF is accepted...
    pdf = tmp_path / "jaarplan-uitkeren-2031.pdf"
    pdf.write_bytes(PDF_BYTES)
    page.get_by_role("link", name="Jaarplan beoordelen").click()
    page.get_by_label("Bestand toevoegen").set_input_files(pdf)
    page.get_by_role("button", name="Bestand uploaden").click()
    expect(
        status_message(page, "jaarplan-uitkeren-2031.pdf is toegevoegd aan Jaarplan.")
    ).to_be_visible()
    files = page.get_by_role("region", name="Bestanden")
    expect(files.get_by_role("link", name="jaarplan-uitkeren-2031.pdf")).to_be_visible()
    check(page)

    # ...a PNG named .pdf is refused, in Dutch, and not stored.
    fake = tmp_path / "scan-teamplan.pdf"
    fake.write_bytes(PNG_BYTES)
    page.get_by_label("Bestand toevoegen").set_input_files(fake)
    page.get_by_role("button", name="Bestand uploaden").click()
    expect(
        page.get_by_text(
            "De inhoud van het bestand is PNG-afbeelding, maar de naam eindigt op .pdf. "
            "Geef het bestand de juiste extensie (.png)."
        )
    ).to_be_visible()
    expect(page.get_by_label("Bestand toevoegen")).to_have_attribute("aria-invalid", "true")
    # Still one file (the error summary above the form links to the field, not to a file).
    expect(files.get_by_role("link", name=re.compile(r"\.pdf$"))).to_have_count(1)
    expect(
        page.get_by_role("alert")
        .filter(has_text="Controleer het formulier")
        .get_by_role("link", name="Bestand toevoegen")
    ).to_be_visible()
    expect(files.get_by_role("link", name="scan-teamplan.pdf")).to_have_count(0)
    check(page)

    # The evidence per principle: Klantgerichtheid rests on the document and the confirmed
    # interview; Operationele Kwaliteit (assessed at Uitkeren) has nothing yet: a gap. The
    # auditor reaches it from their work queue, where Uitkeren's progress is shown.
    from_work_queue(
        page,
        "Voortgang",
        f"Uitkeren {YEAR}",
        detail="interviews bevestigd 1 van 1 · scores ingediend 0 van 2 principes",
    )
    expect(
        page.get_by_role("heading", name=f"Bewijs per principe: Uitkeren {YEAR}")
    ).to_be_visible()
    held_on = f"{location}, 15 september 2025"
    klant = principle_section(page, "Klantgerichtheid")
    expect(klant.get_by_role("heading", level=2)).to_have_text(
        re.compile(r"Klantgerichtheid\s+documenten en interviews")
    )
    expect(klant.get_by_role("link", name="Jaarplan", exact=True)).to_be_visible()
    expect(klant.get_by_role("link", name="jaarplan-uitkeren-2031.pdf")).to_be_visible()
    expect(klant.get_by_role("link", name=held_on)).to_be_visible()
    gap = principle_section(page, "Operationele Kwaliteit")
    expect(gap.get_by_role("heading", level=2)).to_have_text(
        re.compile(r"Operationele Kwaliteit\s+geen bewijs")
    )
    expect(gap).to_contain_text("Geen geleverd document.")
    expect(gap).to_contain_text("Geen bevestigd interview.")
    expect(
        status_message(page, "1 principe in scope heeft nog geen bevestigd bewijs.")
    ).to_be_visible()
    expect(page.get_by_text("0 interviews nog niet bevestigd")).to_be_visible()
    check(page)

    # Four eyes on the fieldwork before the score (issue 21 §3; its own journey is
    # test_fieldwork_review_journey): the lead wrote it, so the coordination team reviews it.
    review_fieldwork(cycle, uitkeren, author=auditor, reviewer=coordinator)

    # The score of Klantgerichtheid cites the confirmed interview and the delivered year plan.
    page.get_by_role("link", name=f"Mijn toetsopdrachten {YEAR}").click()
    page.get_by_role("link", name="Klantgerichtheid bij Uitkeren scoren").click()
    expect(page.get_by_role("heading", name="Klantgerichtheid bij Uitkeren")).to_be_visible()
    check(page)
    page.get_by_label("3 Reproduceren").check()
    page.get_by_label("Onderbouwing").fill(
        "Het jaarplan vertaalt de klantdoelen naar teamdoelen; in het interview bleek dat het "
        "team elke maand de klantsignalen bespreekt."
    )
    cited = page.get_by_role("group", name="Aangehaald bewijs")
    cited.get_by_label(re.compile(location)).check()
    cited.get_by_label(re.compile("Jaarplan")).check()
    page.get_by_role("button", name="Indienen").click()
    # Submitting locks the score: the app asks first, and says so.
    expect(page.get_by_role("heading", name=re.compile("indienen\\?$"))).to_be_visible()
    expect(page.get_by_text(re.compile("niet meer wijzigen"))).to_be_visible()
    check(page)
    page.get_by_role("button", name="Ja, indienen").click()
    expect(
        status_message(page, "De score voor Klantgerichtheid bij Uitkeren is ingediend.")
    ).to_be_visible()
    check(page)
    scored = work.get_by_role("row").filter(has_text="Uitkeren").filter(has_text="Klantgerichtheid")
    expect(scored).to_contain_text("ingediend")
    expect(scored).to_contain_text("3 Reproduceren")
    scored.get_by_role("link", name="Score Klantgerichtheid bij Uitkeren bekijken").click()
    expect(page.get_by_role("link", name=re.compile("Bekijk interview"))).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("Bekijk document"))).to_be_visible()
    check(page)
    score = Score.objects.get(unit=uitkeren, principle__code="klantgerichtheid")
    assert (score.status, score.level) == ("ingediend", 3)
    assert score.cited_interviews.count() == 1 and score.cited_documents.count() == 1
    page_checks.screenshot(page, "journey-1-toetser")
    log_out(page)

    assert_pages_checked(
        page_checks,
        rf"^/volwassenheid/{YEAR}/$",
        r"/districten/$",
        r"/interviews/nieuw/$",
        r"/documenten/\d+/$",
        rf"^/volwassenheid/{YEAR}/\d+/klantgerichtheid/$",
    )
    # The refused forms: the incomplete interview and the PNG named .pdf.
    assert_console_clean(console_messages, failed_loads={400: 2})


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_unit_board_reads_its_evidence_only(
    browser_page: Page,
    console_messages,
    page_checks,
    cycle,
    auditor,
    unit_board,
    uitkeren,
    communicatie,
):
    # Fieldwork at Uitkeren so far: a confirmed and a concept interview, a delivered year plan
    # with its file, and a quality plan that was not delivered.
    klantgerichtheid = principle("klantgerichtheid")
    noord = DistrictFactory(cycle=cycle, unit=uitkeren, name="District Noord")
    InterviewFactory(
        cycle=cycle,
        unit=uitkeren,
        location=noord,
        held_on=datetime.date(YEAR, 9, 15),
        created_by=auditor,
        bevestigd=True,
        principles=[klantgerichtheid],
    )
    concept = InterviewFactory(
        cycle=cycle,
        unit=uitkeren,
        location=DistrictFactory(
            cycle=cycle, unit=uitkeren, name="Hoofdkantoor Amsterdam", kind="centraal"
        ),
        held_on=datetime.date(YEAR, 9, 22),
        created_by=auditor,
        principles=[klantgerichtheid],
    )
    for name, status in (("Jaarplan", "geleverd"), ("Kwaliteitsplan", "niet_geleverd")):
        document_check_save(
            actor=auditor,
            cycle=cycle,
            unit=uitkeren,
            document_type=DocumentType.objects.get(name=name),
            status=status,
            principles=[klantgerichtheid],
            design_note="",
            existence_note="",
            operation_note="",
            expected_version=0,
        )
    document_file_add(
        actor=auditor,
        cycle=cycle,
        unit=uitkeren,
        document_type=DocumentType.objects.get(name="Jaarplan"),
        name="jaarplan-uitkeren-2031.pdf",
        data=PDF_BYTES,
    )

    page = browser_page
    log_in(page, "directie")

    # From the home page to the evidence of their own unit.
    page.get_by_role("link", name=f"Bewijs {YEAR}").click()
    expect(
        page.get_by_role("heading", name=f"Bewijs per principe: Uitkeren {YEAR}")
    ).to_be_visible()
    klant = principle_section(page, "Klantgerichtheid")
    expect(klant).to_contain_text("Jaarplan")
    expect(klant).to_contain_text(f"District Noord, 15 september {YEAR}")
    # Only delivered documents and confirmed interviews: not the concept, not the quality plan.
    expect(klant).not_to_contain_text("Hoofdkantoor Amsterdam")
    expect(page.get_by_role("main")).not_to_contain_text("Kwaliteitsplan")
    expect(page.get_by_text("nog niet bevestigd")).to_have_count(0)
    expect(principle_section(page, "Operationele Kwaliteit")).to_contain_text("geen bewijs")
    check(page)

    # Read-only: nothing to press, no way into the records, the audit team's tabs or editors.
    main = page.get_by_role("main")
    expect(main.get_by_role("button")).to_have_count(0)
    expect(main.get_by_role("textbox")).to_have_count(0)
    expect(main.get_by_role("link", name="Documentstudie")).to_have_count(0)
    expect(main.get_by_role("link", name="Jaarplan", exact=True)).to_have_count(0)
    expect(main.get_by_role("link", name=re.compile("District Noord"))).to_have_count(0)
    expect(
        main.get_by_role("link", name=re.compile("wijzigen|beoordelen|vastleggen"))
    ).to_have_count(0)

    # The file of the delivered document can be downloaded, byte for byte.
    with page.expect_download() as download:
        klant.get_by_role("link", name="jaarplan-uitkeren-2031.pdf").click()
    assert download.value.suggested_filename == "jaarplan-uitkeren-2031.pdf"
    assert Path(download.value.path()).read_bytes() == PDF_BYTES

    # The interview editor and another unit's evidence are refused with the Dutch 403 page.
    for url in (
        reverse("audits:interview_edit", kwargs={"year": YEAR, "pk": concept.pk}),
        reverse("audits:evidence_overview", kwargs={"year": YEAR, "unit_id": communicatie.pk}),
    ):
        response = page.goto(url)
        assert response is not None and response.status == 403
        expect(page.get_by_role("heading", name="Geen toegang")).to_be_visible()
        expect(page.get_by_text("U hebt geen toegang tot deze pagina.")).to_be_visible()
        expect(page.get_by_role("textbox")).to_have_count(0)
    page.get_by_role("link", name="Naar de startpagina").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welkom")
    log_out(page)

    assert_console_clean(console_messages, failed_loads={403: 2})
