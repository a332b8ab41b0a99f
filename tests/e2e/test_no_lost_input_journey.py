"""No lost input in a real browser (issue 17): on a document's page the auditor types in every
field of the judgement, tries an upload that is refused, uploads a good file, removes it, and
each time finds everything typed still there; "Beoordeling opslaan" then saves it (it used to
post to the upload URL after a refused upload and fail with "Kies een bestand")."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from audits.models import DocumentCheck, DocumentType
from tests.audits.test_documents_files import EXE, PDF
from tests.e2e.conftest import assert_console_clean, check, log_in, status_message

DESIGN = "Het jaarplan beschrijft de doelen per team en wie ze bewaakt."
EXISTENCE = "Alle teams hebben een teamplan dat naar het jaarplan verwijst."
OPERATION = "Afwijkingen komen in het MT-overleg terug."
MEASURE_LABEL = re.compile(r"^\s*Maatregel\*?\s*$")  # required fields carry an asterisk


def still_typed(page: Page) -> None:
    expect(page.get_by_label("Geleverd", exact=True)).to_be_checked()
    expect(page.get_by_label("Klantgerichtheid")).to_be_checked()
    expect(page.get_by_label("Opzet")).to_have_value(DESIGN)
    expect(page.get_by_label("Bestaan")).to_have_value(EXISTENCE)
    expect(page.get_by_label("Werking")).to_have_value(OPERATION)


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_judgement_survives_every_other_action(
    browser_page: Page, console_messages, page_checks, cycle, auditor, uitkeren
):
    page = browser_page
    jaarplan = DocumentType.objects.get(name="Jaarplan")
    log_in(page, "auditor")
    page.goto(reverse("audits:document_check", args=[cycle.year, uitkeren.pk, jaarplan.pk]))
    check(page)
    page.get_by_label("Geleverd", exact=True).check()
    page.get_by_label("Klantgerichtheid").check()
    page.get_by_label("Opzet").fill(DESIGN)
    page.get_by_label("Bestaan").fill(EXISTENCE)
    page.get_by_label("Werking").fill(OPERATION)

    # A refused upload: the reason, and the judgement as typed.
    files = page.get_by_label("Bestand toevoegen")
    files.set_input_files(
        files=[{"name": "jaarplan.pdf", "mimeType": "application/pdf", "buffer": EXE}]
    )
    page.get_by_role("button", name="Bestand uploaden").click()
    expect(page.get_by_role("alert").first).to_be_visible()
    still_typed(page)
    check(page)

    # A good upload: added, and the judgement as typed (not yet saved, the page says).
    files.set_input_files(
        files=[{"name": "jaarplan.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.get_by_role("button", name="Bestand uploaden").click()
    expect(status_message(page, "jaarplan.pdf is toegevoegd aan Jaarplan.")).to_be_visible()
    expect(page.get_by_text("maar is nog niet opgeslagen")).to_be_visible()
    still_typed(page)

    # Removing the file: the same.
    page.get_by_role("button", name=re.compile(r"^Verwijderen\s*: jaarplan\.pdf$")).click()
    expect(status_message(page, "jaarplan.pdf is verwijderd.")).to_be_visible()
    still_typed(page)
    check(page)

    # Saving: the judgement is stored as typed.
    page.get_by_role("button", name="Beoordeling opslaan").click()
    expect(status_message(page, "De beoordeling van Jaarplan is opgeslagen.")).to_be_visible()
    saved = DocumentCheck.objects.get(cycle=cycle, unit=uitkeren, document_type=jaarplan)
    assert (saved.status, saved.design_note, saved.operation_note) == (
        "geleverd",
        DESIGN,
        OPERATION,
    )
    assert_console_clean(console_messages, failed_loads={400: 1})  # the refused upload


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_advice_survives_adding_and_removing_a_control_measure(
    browser_page: Page, console_messages, page_checks, adviser, uitkeren
):
    """The adviser types every section and every criterion's judgement, rationale and judge;
    a measure refused (no owner), then added, then removed: the advice stays as typed each
    time, and is saved at the end."""
    from herstel.constants import AdviceSection, Criterion
    from herstel.models import ControlMeasure, Herstelactie
    from tests.herstel.flow import start

    action = start(adviser)
    page = browser_page
    log_in(page, "adviseur")
    page.goto(reverse("herstel:advice", args=[action.pk]))
    check(page)
    texts = {section: f"{section.label}: zo beschreven." for section in AdviceSection}
    for section, text in texts.items():
        page.get_by_label(str(section.label), exact=True).fill(text)
    for criterion in Criterion:
        group = page.get_by_role("group", name=str(criterion.label))
        group.get_by_role("radio").first.check()
        group.get_by_label("Onderbouwing").fill(f"Omdat {criterion.label}.")
        group.get_by_label("Beoordeeld door").fill("Jurist JKC")

    def advice_still_typed():
        for section, text in texts.items():
            expect(page.get_by_label(str(section.label), exact=True)).to_have_value(text)
        for criterion in Criterion:
            group = page.get_by_role("group", name=str(criterion.label))
            expect(group.get_by_role("radio").first).to_be_checked()
            expect(group.get_by_label("Onderbouwing")).to_have_value(f"Omdat {criterion.label}.")
            expect(group.get_by_label("Beoordeeld door")).to_have_value("Jurist JKC")

    page.get_by_label(MEASURE_LABEL).fill("Controle op dagloon bij loonbeslag")
    page.get_by_role("button", name="Maatregel toevoegen").click()  # no owner: refused
    expect(page.get_by_label(MEASURE_LABEL)).to_have_value("Controle op dagloon bij loonbeslag")
    advice_still_typed()
    check(page)
    page.get_by_label("Eigenaar").fill("Teamleider WW")
    page.get_by_label("Gereed op").fill("2027-03-01")
    page.get_by_role("button", name="Maatregel toevoegen").click()
    expect(status_message(page, "De beheersmaatregel is toegevoegd.")).to_be_visible()
    advice_still_typed()
    page.get_by_role("button", name=re.compile(r"^Verwijderen\s*: Controle op dagloon")).click()
    expect(status_message(page, "De beheersmaatregel is verwijderd.")).to_be_visible()
    advice_still_typed()
    check(page)
    page.get_by_role("button", name="Advies opslaan").click()
    expect(status_message(page, "Het advies is opgeslagen.")).to_be_visible()
    advice = Herstelactie.objects.get(pk=action.pk).advice
    assert advice.target_group == texts[AdviceSection.TARGET_GROUP]
    assert not ControlMeasure.objects.exists()
    assert_console_clean(console_messages, failed_loads={400: 1})  # the refused measure
