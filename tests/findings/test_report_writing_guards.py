"""What guards the written report (issue 18, found in review): a Definitief version checks the
content again when it is rendered and retried; an akkoord with changed text saves nothing; a
principle added later gets its chapter; a link to a part that left the report blocks a
Definitief; a "niet van toepassing" tick needs its block; pasted control characters never break
the Word file; an example prints the source as the team saw it."""

import io

import pytest
from django.urls import reverse
from docx import Document

from findings.models import ReportSection, ReportVersion
from findings.report.uwv import build_uwv_report
from findings.report.uwv.word import render_uwv_report_docx
from findings.rules import definitive_report_gaps
from findings.services import publishing
from findings.services.findings import finding_update
from findings.services.report_material import report_material_add
from findings.services.report_structure import (
    report_principle_chapters_add,
    report_section_withdraw,
    report_structure_start,
)
from tests.factories import UserFactory, principle
from tests.findings.publishing_helpers import ready_for_definitive
from tests.findings.report_writing import write
from tests.findings.unit_reporting import observe
from uwvkms.constants import Role


def _row(cycle, anchor) -> ReportSection:
    return ReportSection.objects.get(cycle=cycle, anchor=anchor)


def test_a_definitief_version_checks_the_content_again_when_it_is_rendered(coordinator, cycle):
    ready_for_definitive(cycle=cycle, coordinator=coordinator)
    version = publishing.report_version_publish(
        actor=coordinator, cycle=cycle, label="2.0", report_status="Definitief"
    )
    # Before the worker renders it, a colleague changes a section: its akkoord lapses.
    write(cycle, coordinator, "dankwoord", text="Nog even bijgewerkt.")
    with pytest.raises(publishing.DefinitiveNotReady):
        publishing.report_version_render(version_id=version.pk)
    version.refresh_from_db()
    assert version.state == "failed"
    assert "Woord van dank: nog geen akkoord" in version.error
    assert "Er is niets gepubliceerd" in version.error
    # And asking it again is refused for the same reason.
    with pytest.raises(publishing.PublishRefused, match="nog geen akkoord"):
        publishing.report_version_retry(actor=coordinator, version=version)
    assert ReportVersion.objects.get(pk=version.pk).state == "failed"


def test_akkoord_on_changed_text_saves_nothing(client, coordinator, cycle):
    reviewer = UserFactory(username="collega", roles=[Role.COORDINATIETEAM])
    report_structure_start(actor=coordinator, cycle=cycle)
    section = _row(cycle, "dankwoord")
    client.force_login(reviewer)
    url = reverse("findings:uwv_report_section", args=[cycle.year, section.pk])
    response = client.post(
        url,
        {
            "title": section.title,
            "text": "De reviewer schreef iets.",
            "version": section.version,
            "status": "akkoord",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "akkoord geeft een ander lid van het coördinatieteam" in page
    assert "De reviewer schreef iets.</textarea>" in page
    assert f'name="version" value="{section.version}"' in page
    fresh = _row(cycle, "dankwoord")
    assert (fresh.text, fresh.version, fresh.status) == ("", section.version, "concept")
    assert client.post(url, {"title": "x", "version": 1, "status": "klaar"}).status_code == 400


def test_a_principle_added_later_gets_its_chapter(client, coordinator, cycle):
    report_structure_start(actor=coordinator, cycle=cycle)
    cycle.principles.add(principle("leiderschap"))
    client.force_login(coordinator)
    url = reverse("findings:uwv_report_structure", args=[cycle.year])
    page = client.get(url).content.decode()
    assert "Nieuw getoetst, nog zonder eigen hoofdstuk: Leiderschap." in page
    assert client.post(url, {"principles": "1"}).status_code == 302
    chapter = _row(cycle, "principe-leiderschap")
    toc = [h.title for h in build_uwv_report(cycle).toc if h.level == 1]
    assert toc.index("Leiderschap") == toc.index("Operationele Kwaliteit") + 1
    assert chapter.sections.count() == 4
    assert report_principle_chapters_add(actor=coordinator, cycle=cycle) == []


def test_a_link_to_a_part_that_left_the_report_blocks_a_definitief(coordinator, cycle):
    report_structure_start(actor=coordinator, cycle=cycle)
    added = write(cycle, coordinator, "dankwoord", text="Zie [de disclaimer](#disclaimer).")
    disclaimer = _row(cycle, "disclaimer")
    report_section_withdraw(
        actor=coordinator, section=disclaimer, reason="Niet nodig.", expected_version=1
    )
    gaps = definitive_report_gaps(build_uwv_report(cycle).parts)
    assert "1.2 Woord van dank: de link naar #disclaimer wijst nergens meer heen." in gaps
    assert added.text.endswith("(#disclaimer).")


def test_a_not_applicable_tick_needs_its_block(client, coordinator, cycle):
    report_structure_start(actor=coordinator, cycle=cycle)
    section = _row(cycle, "scope")
    client.force_login(coordinator)
    response = client.post(
        reverse("findings:uwv_report_section", args=[cycle.year, section.pk]),
        {"title": section.title, "blocks": [], "not_applicable": ["lotingen"], "version": 1},
    )
    assert response.status_code == 400
    assert "Alleen een gekozen onderdeel kan niet van toepassing zijn" in response.content.decode()


def test_pasted_control_characters_never_break_the_word_file(coordinator, auditor, cycle, uitkeren):
    report_structure_start(actor=coordinator, cycle=cycle)
    good = observe(auditor, cycle, uitkeren, text="Dagstart\x0bmet klanten.", kind="goede_praktijk")
    report_material_add(
        actor=coordinator,
        section=_row(cycle, "goede-voorbeelden"),
        kind="voorbeeld",
        finding=good,
        text="Uit Word\x0b geplakt\x07.",
    )
    write(
        cycle,
        coordinator,
        "principe-klantgerichtheid-algemeen",
        blocks=["goede_praktijken"],
    )
    document = Document(io.BytesIO(render_uwv_report_docx(build_uwv_report(cycle))))
    text = " ".join(p.text for p in document.paragraphs)
    assert "Dagstartmet klanten." in text
    assert "Uit Word geplakt." in text


def test_an_example_prints_the_source_as_the_team_saw_it(coordinator, auditor, cycle, uitkeren):
    report_structure_start(actor=coordinator, cycle=cycle)
    good = observe(auditor, cycle, uitkeren, text="Dagstarts met klanten.", kind="goede_praktijk")
    report_material_add(
        actor=coordinator,
        section=_row(cycle, "goede-voorbeelden"),
        kind="voorbeeld",
        finding=good,
        text="Elke dag begint bij de klant.",
    )
    finding_update(
        actor=auditor,
        finding=good,
        principle=good.principle,
        kind=good.kind,
        text="Iets heel anders.",
        expected_version=good.version,
    )
    part = next(
        s
        for c in build_uwv_report(cycle).parts
        for s in c.sections
        if s.heading.anchor == "goede-voorbeelden"
    )
    assert part.example_groups[0].examples[0].source == "Dagstarts met klanten."
