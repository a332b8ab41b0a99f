"""Journeys 4 and 6 (issue 10) in a real browser.

4. The RvB member opens the published UWV-wide report (the definitive version 2.0) from their
   work queue, where it is newly published, checks the PDF against the SHA-256 shown, reads the
   earlier version 1.0, what changed and the list of versions, and cannot reach any edit page
   of the audit (each is refused with the Dutch 403 page).
6. Every journey's pages refuse the wrong role (403, Dutch page) and send a logged-out visitor
   to the login page (with the page to return to).

Every page visited is checked with axe-core (WCAG 2.1 AA) and for horizontal scrolling at
1280x800 and at 200% zoom; the list of checked pages goes to test-output/a11y/.
"""

import hashlib
import re
from collections import Counter
from pathlib import Path
from urllib.parse import quote

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from audits.models import DocumentType
from audits.services.documents import document_check_save
from findings.services import publishing
from findings.services.publishing import report_version_publish
from maturity.services import score_record
from tests.e2e.conftest import (
    assert_console_clean,
    assert_pages_checked,
    check,
    from_work_queue,
    log_in,
    log_out,
)
from tests.e2e.test_fieldwork_journey import review_fieldwork
from tests.factories import DistrictFactory, InterviewFactory, principle
from tests.findings.publishing_helpers import fake_render, ready_for_definitive
from tests.findings.unit_reporting import recommend
from tests.herstel.flow import start

YEAR = 2031
HIDDEN = "404:"  # marks a page that answers 404 rather than 403


def score(auditor, cycle, unit, level, code="klantgerichtheid", version=0):
    return score_record(
        actor=auditor,
        cycle=cycle,
        unit=unit,
        principle=principle(code),
        level=level,
        justification=f"Onderbouwing bij {unit.name}.",
        expected_version=version,
    )


def publish(coordinator, cycle, label, status):
    """Publish through the service; outside a transaction the task (immediate backend in the
    test settings) renders the real PDF at once."""
    return report_version_publish(actor=coordinator, cycle=cycle, label=label, report_status=status)


def refused(page: Page, url: str, status: int = 403, *, checked: bool = True) -> None:
    """The page is refused with the Dutch 403 page (or, for a herstelactie the user may not
    see, the Dutch 404 page: its existence is not given away), without any form to fill."""
    response = page.goto(url)
    assert response is not None and response.status == status, f"{url}: {response.status}"
    heading = "Geen toegang" if status == 403 else "Pagina niet gevonden"
    expect(page.get_by_role("heading", name=heading)).to_be_visible()
    expect(page.get_by_role("main").get_by_role("textbox")).to_have_count(0)
    if checked:
        check(page)


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_board_member_reads_the_published_report_and_its_versions(
    browser_page: Page,
    console_messages,
    page_checks,
    cycle,
    coordinator,
    auditor,
    board_member,
    uitkeren,
    communicatie,
):
    score(auditor, cycle, uitkeren, 3)
    publish(coordinator, cycle, "1.0", "Concept")
    score(auditor, cycle, communicatie, 2)
    ready_for_definitive(cycle=cycle, coordinator=coordinator)  # Definitief needs them agreed
    v2 = publish(coordinator, cycle, "2.0", "Definitief")
    v2.refresh_from_db()
    assert v2.state == "done"

    page = browser_page
    log_in(page, "rvb")

    # The definitive version, opened from the work queue where it is newly published: the PDF is
    # the one whose hash the page shows.
    from_work_queue(
        page,
        "Nieuw gepubliceerd",
        f"Rapport Interne Toets KMS {YEAR}, versie 2.0 (Definitief)",
        detail="Gepubliceerd op",
    )
    expect(
        page.get_by_role(
            "heading", name=f"Rapport Interne Toets KMS {YEAR}, versie 2.0 (Definitief)"
        )
    ).to_be_visible()
    check(page)
    shown = page.locator("dt:has-text('Controlegetal (SHA-256)') + dd").inner_text().strip()
    assert shown == v2.pdf_sha256
    with page.expect_download() as download:
        page.get_by_role("link", name="Download versie 2.0 (PDF)").click()
    assert hashlib.sha256(Path(download.value.path()).read_bytes()).hexdigest() == shown

    # The earlier version is still there, exactly as published, and what changed is listed.
    page.get_by_role("link", name="versie 1.0", exact=True).click()
    expect(page.get_by_role("heading", name=f"Wat is er veranderd? Rapport {YEAR}")).to_be_visible()
    expect(
        page.get_by_text("Versie 1.0 (Concept) vergeleken met versie 2.0 (Definitief)")
    ).to_be_visible()
    check(page)
    page.get_by_role("link", name=f"Rapport {YEAR}: versies").click()
    expect(
        page.get_by_role("heading", name=f"Rapport Interne Toets KMS {YEAR}: gepubliceerde versies")
    ).to_be_visible()
    check(page)
    versions = page.get_by_role("table", name="Versies van het rapport")
    expect(versions.get_by_role("rowheader")).to_have_text(["1.0", "2.0"])
    # Reading only: no publish form.
    expect(page.get_by_role("button", name="Publiceren")).to_have_count(0)
    versions.get_by_role("link", name="1.0", exact=True).click()
    expect(
        page.get_by_role("heading", name=f"Rapport Interne Toets KMS {YEAR}, versie 1.0 (Concept)")
    ).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("verandert niet meer")
    check(page)
    page_checks.screenshot(page, "journey-4-raad-van-bestuur")

    # No edit page of the audit is within reach.
    for url in (
        reverse("audits:cycle_open"),
        reverse("audits:cycle_period", args=[YEAR]),
        reverse("maturity:calibration", args=[YEAR]),
        reverse("maturity:calibration_session_open", args=[YEAR]),
        reverse("maturity:score_edit", args=[YEAR, uitkeren.pk, "klantgerichtheid"]),
        reverse("maturity:framework_edit", args=[YEAR, "klantgerichtheid"]),
        reverse("findings:rollup_board", args=[YEAR]),
        reverse("findings:uwv_report_structure", args=[YEAR]),
        reverse("findings:unit_findings", args=[YEAR, uitkeren.pk]),
        reverse("findings:management_response", args=[YEAR, uitkeren.pk]),
    ):
        refused(page, url)
    page.get_by_role("link", name="Naar de startpagina").click()
    log_out(page)

    assert_pages_checked(
        page_checks,
        r"/rapport/versies/$",
        r"/rapport/versies/2\.0/$",
        r"/rapport/versies/1\.0/$",
        r"/rapport/versies/vergelijken/",
    )
    assert_console_clean(console_messages, failed_loads={403: 10})


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_wrong_roles_and_logged_out_visitors_are_refused_on_every_journey(
    browser_page: Page,
    console_messages,
    page_checks,
    cycle,
    coordinator,
    auditor,
    other_auditor,
    unit_board,
    board_member,
    outsider,
    adviser,
    uitkeren,
    communicatie,
    monkeypatch,
):
    # Only the refusals matter here: a stand-in PDF instead of WeasyPrint (journeys 3 and 4
    # publish the real one).
    monkeypatch.setattr(publishing, "render_uwv_report_for_version", fake_render)
    klant = principle("klantgerichtheid")
    interview = InterviewFactory(
        cycle=cycle,
        unit=uitkeren,
        location=DistrictFactory(cycle=cycle, unit=uitkeren, name="District Noord"),
        created_by=auditor,
        principles=[klant],
    )
    year_plan = DocumentType.objects.get(name="Jaarplan")
    document_check_save(
        actor=auditor,
        cycle=cycle,
        unit=uitkeren,
        document_type=year_plan,
        status="geleverd",
        principles=[klant],
        design_note="",
        existence_note="",
        operation_note="",
        expected_version=0,
    )
    # Reviewed by another than the author (issue 21 §3), so the score can be submitted.
    review_fieldwork(cycle, uitkeren, author=auditor, reviewer=coordinator)
    scored = score(auditor, cycle, uitkeren, 3)
    recommend(auditor, cycle, uitkeren)
    publish(coordinator, cycle, "1.0", "Concept")
    action = start(adviser)

    # (journey, pages, the wrong roles refused on them); herstel's pages of one action answer 404
    # to whoever may not see the action (herstel/permissions.py).
    journeys = [
        # Any auditor has a work list (their own, perhaps empty): not for other roles.
        ("1 toetser", [reverse("maturity:auditor_work", args=[YEAR])], ["directie", "rvb"]),
        (
            "1 toetser",
            [
                reverse("audits:document_check", args=[YEAR, uitkeren.pk, year_plan.pk]),
                reverse("audits:interview_create", args=[YEAR, uitkeren.pk]),
                reverse("audits:interview_edit", args=[YEAR, interview.pk]),
                reverse("maturity:score_edit", args=[YEAR, uitkeren.pk, "klantgerichtheid"]),
            ],
            ["other_auditor", "directie", "rvb"],
        ),
        (
            "2 directie",
            [
                reverse("findings:management_response", args=[YEAR, uitkeren.pk]),
                reverse("audits:evidence_overview", args=[YEAR, uitkeren.pk]),
            ],
            ["other_auditor", "outsider"],
        ),
        (
            "3 coördinatieteam",
            [
                reverse("maturity:calibration", args=[YEAR]),
                reverse("maturity:calibration_session_open", args=[YEAR]),
                reverse("maturity:calibration_score", args=[YEAR, scored.pk]),
                reverse("findings:rollup_board", args=[YEAR]),
            ],
            ["other_auditor", "directie", "rvb"],
        ),
        (
            "4 raad van bestuur",
            [
                reverse("findings:report_versions", args=[YEAR]),
                reverse("findings:report_version", args=[YEAR, "1.0"]),
                reverse("findings:report_version_pdf", args=[YEAR, "1.0"]),
            ],
            ["outsider"],
        ),
        (
            "5 herstel",
            [
                reverse("herstel:start"),
                HIDDEN + reverse("herstel:advice", args=[action.pk]),
                HIDDEN + reverse("herstel:decisions", args=[action.pk]),
                HIDDEN + reverse("herstel:dossier_import", args=[action.pk]),
                HIDDEN + reverse("herstel:management_information", args=[action.pk]),
            ],
            ["auditor", "outsider"],
        ),
    ]
    page = browser_page

    # Logged out: every page sends the visitor to the login page, and back after logging in.
    for _journey, urls, _roles in journeys:
        for url in urls:
            url = url.removeprefix(HIDDEN)
            page.goto(url)
            expect(page).to_have_url(re.compile(rf"/inloggen/\?next={re.escape(quote(url))}$"))
            expect(page.get_by_role("heading", name="Inloggen")).to_be_visible()
    check(page)

    # Logged in with the wrong role: the Dutch 403 page.
    refusals = Counter()
    for username in ("auditor", "other_auditor", "directie", "rvb", "outsider"):
        log_in(page, username)
        seen = set()
        for _journey, urls, roles in journeys:
            if username not in roles:
                continue
            for url in urls:
                status = 404 if url.startswith(HIDDEN) else 403
                # The refusal pages are one template: axe checks each kind once per user.
                refused(page, url.removeprefix(HIDDEN), status, checked=status not in seen)
                seen.add(status)
                refusals[status] += 1
        log_out(page)
    page_checks.screenshot(page, "journey-6-geweigerd")

    assert_pages_checked(page_checks, r"^/inloggen/\?next=")
    assert_console_clean(console_messages, failed_loads=refusals)
