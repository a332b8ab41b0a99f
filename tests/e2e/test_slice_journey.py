"""The first slice end to end in a real browser, the way people use it:

1. the coordinator logs in;
2. opens toetscyclus 2031; the move to fieldwork lists its rules and is not offered while no
   unit has a team; assigns an auditor, who is first refused for their own unit
   (cross-auditing), leads for every unit, and then moves it to fieldwork;
3. the auditor scores Klantgerichtheid at Uitkeren, after a Dutch error for an empty form;
4. the coordinator reads the mean maturity per principle in the report.

Locators go by label and role only, so the journey also proves the labels and roles exist. The
browser console is watched throughout: a Content-Security-Policy violation fails the journey.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from audits.models import AuditCycle
from audits.services import assignment_create
from maturity.services import score_record
from tests.e2e.conftest import assert_console_clean, check, log_in, log_out, status_message
from tests.factories import UserFactory, principle
from uwvkms.constants import Role

YEAR = 2031


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_coordinator_auditor_and_report_journey(
    browser_page: Page,
    console_messages,
    page_checks,
    coordinator,
    auditor,
    uitkeren,
    communicatie,
    fez,
):
    page = browser_page
    # A second auditor (from Uitkeren), to lead the team at FEZ.
    second_auditor = UserFactory(
        username="tweede_toetser",
        first_name="Bram",
        last_name="Tweede",
        business_unit=uitkeren,
        roles=[Role.TOETSER],
    )

    # 1. The coordinator logs in through the form.
    log_in(page, "coordinator")

    # 2. ...opens toetscyclus 2031 with two principles in scope...
    page.get_by_role("link", name="Naar de toetscycli").click()
    page.get_by_role("link", name="Nieuwe toetscyclus").click()
    expect(page.get_by_role("heading", name="Nieuwe toetscyclus")).to_be_visible()
    check(page)
    page.get_by_label("Jaar").fill(str(YEAR))
    page.get_by_label("Klantgerichtheid").check()
    page.get_by_label("Operationele Kwaliteit").check()
    page.get_by_label("Begin veldwerk").fill(f"{YEAR}-08-01")
    page.get_by_label("Einde veldwerk").fill(f"{YEAR}-11-30")
    page.get_by_role("button", name="Toetscyclus openen").click()
    expect(page).to_have_url(re.compile(rf"/toetsing/{YEAR}/$"))
    expect(status_message(page, f"Toetscyclus {YEAR} is geopend.")).to_be_visible()
    check(page)

    # ...would move it to fieldwork, but the confirmation page lists what does not hold yet
    # (no unit has a team) and offers no move...
    page.get_by_role("link", name="Door naar fase: Veldwerk …").click()
    expect(page.get_by_role("heading", name=f"Toetscyclus {YEAR} naar Veldwerk?")).to_be_visible()
    teams_rule = page.get_by_role("listitem").filter(has_text="een toetsteam met een lead")
    expect(teams_rule).to_contain_text("Nog niet voldaan")
    expect(teams_rule).to_contain_text("nog niet bij Communicatie, FEZ, Uitkeren")
    expect(page.get_by_role("button", name=re.compile("^Ja, door naar fase"))).to_have_count(0)
    check(page)
    page.get_by_role("link", name="Terug naar de cyclus").click()

    # ...tries the auditor on their own unit and is refused: auditors audit cross-wise...
    unit_select = page.get_by_label("Bedrijfsonderdeel")
    auditor_select = page.get_by_label(re.compile(r"^\s*Toetser\*?\s*$"))
    unit_select.select_option(label="FEZ")
    auditor_select.select_option(label="Anouk Toetser (FEZ)")
    page.get_by_role("button", name="Toewijzen").click()
    refusal = page.get_by_text("Anouk Toetser hoort zelf bij FEZ en mag dit onderdeel niet toetsen")
    expect(refusal).to_be_visible()
    expect(refusal).to_contain_text("kruislings")
    expect(auditor_select).to_have_attribute("aria-invalid", "true")
    fez_row = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name="FEZ"))
    expect(fez_row).to_contain_text("nog niemand")
    check(page)

    # ...then assigns them, as lead, to Uitkeren.
    unit_select.select_option(label="Uitkeren")
    auditor_select.select_option(label="Anouk Toetser (FEZ)")
    page.get_by_label("Leadtoetser").check()
    page.get_by_role("button", name="Toewijzen").click()
    expect(status_message(page, "Anouk Toetser is toegewezen aan Uitkeren.")).to_be_visible()
    uitkeren_row = page.get_by_role("row").filter(
        has=page.get_by_role("rowheader", name=re.compile(r"^Uitkeren"))
    )
    expect(uitkeren_row).to_contain_text("Anouk Toetser (FEZ) · lead")
    # A lead for Communicatie and FEZ too; then every rule holds and the move is offered.
    for unit, person in (
        ("Communicatie", "Anouk Toetser (FEZ)"),
        ("FEZ", "Bram Tweede (UIT)"),
    ):
        unit_select.select_option(label=unit)
        auditor_select.select_option(label=person)
        page.get_by_label("Leadtoetser").check()
        page.get_by_role("button", name="Toewijzen").click()
        expect(status_message(page, f"is toegewezen aan {unit}.")).to_be_visible()
    page.get_by_role("link", name="Door naar fase: Veldwerk …").click()
    expect(
        page.get_by_role("listitem").filter(has_text="een toetsteam met een lead")
    ).to_contain_text("Voldaan")
    check(page)
    page.get_by_role("button", name="Ja, door naar fase: Veldwerk").click()
    expect(status_message(page, f"Toetscyclus {YEAR} staat nu op Veldwerk.")).to_be_visible()
    log_out(page)

    # Meanwhile a second auditor (from Uitkeren) scores Communicatie at level 2, so the report
    # has two units for Klantgerichtheid: (3 + 2) / 2 = 2,50, which rounds half up to 3.
    cycle = AuditCycle.objects.get(year=YEAR)
    assert cycle.status == "veldwerk"
    assignment_create(actor=coordinator, cycle=cycle, unit=communicatie, auditor=second_auditor)
    score_record(
        actor=second_auditor,
        cycle=cycle,
        unit=communicatie,
        principle=principle("klantgerichtheid"),
        level=2,
        justification="Werkinstructies bestaan, maar worden niet aantoonbaar gevolgd.",
        expected_version=0,
    )

    # 3. The auditor logs in, finds the assignment and scores it.
    log_in(page, "auditor")
    page.get_by_role("link", name="Naar de toetscycli").click()
    page.get_by_role("link", name=f"Mijn toetsopdrachten {YEAR}").click()
    expect(page.get_by_role("heading", name=f"Mijn toetsopdrachten {YEAR}")).to_be_visible()
    page.get_by_role("link", name="Klantgerichtheid bij Uitkeren scoren").click()
    expect(page.get_by_role("heading", name="Klantgerichtheid bij Uitkeren")).to_be_visible()

    # An empty form is refused in Dutch, and nothing is saved.
    page.get_by_role("button", name="Indienen").click()
    expect(
        page.get_by_text("Kies een volwassenheidsniveau om de score in te dienen.")
    ).to_be_visible()
    expect(
        page.get_by_text("Onderbouw de score met het bewijs om hem in te dienen.")
    ).to_be_visible()
    expect(page.get_by_label("3 Reproduceren")).to_have_attribute("aria-invalid", "true")
    check(page)

    page.get_by_label("3 Reproduceren").check()
    page.get_by_label("Onderbouwing").fill(
        "Klanttevredenheid wordt elk kwartaal gemeten; de verbeteracties staan in het teamplan."
    )
    page.get_by_role("button", name="Indienen").click()
    page.get_by_role("button", name="Ja, indienen").click()
    expect(page).to_have_url(re.compile(rf"/volwassenheid/{YEAR}/$"))
    expect(
        status_message(page, "De score voor Klantgerichtheid bij Uitkeren is ingediend.")
    ).to_be_visible()
    scored_row = (
        page.get_by_role("row").filter(has_text="Klantgerichtheid").filter(has_text="Uitkeren")
    )
    expect(scored_row).to_contain_text("ingediend")
    expect(scored_row).to_contain_text("3 Reproduceren")
    expect(
        page.get_by_role("link", name="Score Klantgerichtheid bij Uitkeren bekijken")
    ).to_be_visible()
    log_out(page)

    # 4. The coordinator reads the report: the mean over the two scored units.
    log_in(page, "coordinator")
    page.get_by_role("link", name="Naar de toetscycli").click()
    page.get_by_role("link", name=f"Volwassenheid {YEAR}").click()
    expect(page).to_have_url(re.compile(rf"/rapportage/{YEAR}/volwassenheid/$"))
    expect(page.get_by_role("heading", name=f"Volwassenheid KMS {YEAR}")).to_be_visible()
    check(page)
    table = page.get_by_role("table", name=f"Gemiddelde volwassenheid per principe, {YEAR}")

    def report_row(name: str):
        return table.get_by_role("row").filter(has=page.get_by_role("rowheader", name=name))

    # Afgerond, Gemiddelde, Gescoord / getoetst, Laagste–hoogste, Verdeling over 1 · 2 · 3 · 4 · 5.
    # Klantgerichtheid is assessed at all three units (Uitkeren, Communicatie, FEZ), scored at two.
    expect(report_row("Klantgerichtheid").get_by_role("cell")).to_have_text(
        ["3", "2,50", "2 / 3", "2–3", "0 · 1 · 1 · 0 · 0"]
    )
    # Operationele Kwaliteit is assessed only where there are execution processes, unscored yet.
    expect(report_row("Operationele Kwaliteit").get_by_role("cell")).to_have_text(
        ["–", "geen score", "0 / 1", "–", "0 · 0 · 0 · 0 · 0"]
    )
    # With execution processes (Uitkeren, scored 3) and without (Communicatie 2, FEZ unscored).
    groups = page.get_by_role("table", name=re.compile("Gemiddelde per groep van onderdelen"))
    klant_groups = groups.get_by_role("row").filter(
        has=page.get_by_role("rowheader", name="Klantgerichtheid")
    )
    expect(klant_groups.get_by_role("cell").first).to_contain_text("3,00")
    expect(klant_groups.get_by_role("cell").nth(1)).to_contain_text("2,00")
    log_out(page)

    # The only failed loads allowed are the 400 statuses of the two refused forms (own-unit
    # assignment, empty score): no script error and no other failed resource.
    assert_console_clean(console_messages, failed_loads={400: 2})
