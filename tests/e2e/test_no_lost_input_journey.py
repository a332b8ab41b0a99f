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
def test_a_control_measure_refused_added_and_withdrawn_keeps_what_was_typed(
    browser_page: Page, console_messages, page_checks, adviser, uitkeren
):
    """Control measures have their own page (issue 20; the advice page is one form again): a
    measure refused (no owner) comes back as typed, is then added, and withdrawn with a reason
    after a refusal without one; it stays struck through."""
    from herstel.models import ControlMeasure
    from tests.herstel.flow import start

    action = start(adviser)
    page = browser_page
    log_in(page, "adviseur")
    page.goto(reverse("herstel:measures", args=[action.pk]))
    check(page)
    page.get_by_label(MEASURE_LABEL).fill("Controle op dagloon bij loonbeslag")
    page.get_by_role("button", name="Maatregel toevoegen").click()  # no owner: refused
    expect(page.get_by_label(MEASURE_LABEL)).to_have_value("Controle op dagloon bij loonbeslag")
    check(page)
    page.get_by_label("Eigenaar").fill("Teamleider WW")
    page.get_by_label("Gereed op").fill("2027-03-01")
    page.get_by_role("button", name="Maatregel toevoegen").click()
    expect(status_message(page, "De beheersmaatregel is toegevoegd.")).to_be_visible()
    page.get_by_role("link", name=re.compile(r"^Intrekken\s*: Controle op dagloon")).click()
    check(page)
    page.get_by_role("button", name="Maatregel intrekken").click()  # no reason: refused
    expect(page.get_by_text("Geef de reden waarom u deze maatregel intrekt.").first).to_be_visible()
    page.get_by_label(re.compile(r"^\s*Reden van intrekken")).fill("Dubbel ingevoerd.")
    page.get_by_role("button", name="Maatregel intrekken").click()
    expect(
        status_message(
            page, "De beheersmaatregel is ingetrokken; hij blijft doorgestreept zichtbaar."
        )
    ).to_be_visible()
    check(page)
    assert not ControlMeasure.objects.exists()
    assert ControlMeasure.with_withdrawn.get().withdrawal_reason == "Dubbel ingevoerd."
    assert_console_clean(console_messages, failed_loads={400: 2})  # the two refusals
