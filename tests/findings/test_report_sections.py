"""Writing a chapter or section of the UWV-wide report (issue 18): the team's text in the small
markup, sanitised and rendered safely; generated blocks chosen and declared not applicable; each
section saved on its own with optimistic locking and history; status concept → klaar voor
review → akkoord with four eyes (a rule, the page and a database constraint)."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.html import escape

from findings.models import ReportSection
from findings.report.uwv import build_uwv_report, render_uwv_report_html
from findings.services.report_structure import (
    report_section_save,
    report_section_status_set,
    report_structure_start,
)
from tests.factories import UserFactory
from uwvkms.constants import Role
from uwvkms.selectors import audit_events_for
from uwvkms.versioning import EditConflict

TEXT = (
    "Wij zagen veel **goede** voorbeelden.[^Zie de rapporten per onderdeel.]\n\n"
    "### Wat opviel\n\n"
    "- klantsignalen\n- *effectmetingen*\n\n"
    "> Wij meten nu ook het effect.\n\n"
    "Zie [de hoofdbevindingen](#hoofdbevindingen)."
)


@pytest.fixture
def reviewer(fez):
    return UserFactory(username="reviewer", business_unit=fez, roles=[Role.COORDINATIETEAM])


@pytest.fixture
def started(coordinator, cycle):
    report_structure_start(actor=coordinator, cycle=cycle)
    return cycle


def _section(cycle, anchor="wat-gaat-goed") -> ReportSection:
    return ReportSection.objects.get(cycle=cycle, anchor=anchor)


def _url(section) -> str:
    return reverse("findings:uwv_report_section", args=[section.cycle.year, section.pk])


def _post(section, **extra) -> dict:
    data = {
        "title": section.title,
        "text": TEXT,
        "blocks": list(section.blocks),
        "version": section.version,
    }
    data.update(extra)
    return data


def test_the_text_is_saved_and_rendered_with_its_markup(client, coordinator, started):
    section = _section(started)
    client.force_login(coordinator)
    response = client.post(_url(section), _post(section), follow=True)
    assert "‘Wat gaat er goed?’ is opgeslagen." in response.content.decode()
    report = build_uwv_report(started)
    html = render_uwv_report_html(report, for_pdf=False)
    assert "Wij zagen veel <strong>goede</strong> voorbeelden." in html
    assert '<h4 id="wat-gaat-goed--1" class="uwv-h3"><span class="uwv-number">2.1.1</span>' in html
    assert "<li><em>effectmetingen</em></li>" in html
    assert '<blockquote class="uwv-quote"><p>Wij meten nu ook het effect.</p>' in html
    assert '<a href="#hoofdbevindingen">de hoofdbevindingen</a>' in html
    # The team's footnote: a numbered reference and the note at the end; a float in the PDF.
    note = next(n for n in report.footnotes if n.text == "Zie de rapporten per onderdeel.")
    assert f'href="#voetnoot-{note.number}"' in html
    assert f'<li id="voetnoot-{note.number}">Zie de rapporten per onderdeel.' in html
    pdf_html = render_uwv_report_html(report, for_pdf=True)
    assert '<span class="footnote">Zie de rapporten per onderdeel.</span>' in pdf_html


def test_footnotes_are_numbered_in_reading_order_with_the_generated_ones(
    coordinator, started, communicatie
):
    """The team's footnote in chapter 1 comes before the rounding note of chapter 3."""
    intro = _section(started, "inleiding")
    report_section_save(
        actor=coordinator,
        section=intro,
        title=intro.title,
        text="Eerste keer.[^Sinds 2023 toetst UWV zelf.]",
        blocks=[],
        not_applicable=[],
        expected_version=intro.version,
    )
    report = build_uwv_report(started)
    assert [n.text for n in report.footnotes][:1] == ["Sinds 2023 toetst UWV zelf."]
    assert [n.number for n in report.footnotes] == list(range(1, len(report.footnotes) + 1))


def test_typed_html_and_outside_links_are_never_markup(client, coordinator, started):
    section = _section(started)
    client.force_login(coordinator)
    text = '<script>alert(1)</script> en <a href="http://x">klik</a>'
    client.post(_url(section), _post(section, text=text))
    html = render_uwv_report_html(build_uwv_report(started), for_pdf=False)
    assert "<script>alert(1)" not in html
    assert escape(text) in html
    refused = client.post(
        _url(section), _post(section, text="[klik](https://example.org)", version=2)
    )
    assert refused.status_code == 400
    page = refused.content.decode()
    assert "Een link kan alleen naar een hoofdstuk of paragraaf van dit rapport" in page
    assert "[klik](https://example.org)</textarea>" in page
    assert _section(started).text == text


def test_control_and_bidi_characters_are_removed_on_save(coordinator, started):
    section = _section(started)
    saved = report_section_save(
        actor=coordinator,
        section=section,
        title=section.title,
        text="Goed\u202enieuws\x07\r\n\r\n\r\n\r\nTweede",
        blocks=[],
        not_applicable=[],
        expected_version=section.version,
    )
    assert saved.text == "Goednieuws\n\nTweede"


def test_a_second_save_over_a_newer_version_is_refused_with_the_input_kept(
    client, coordinator, reviewer, started
):
    section = _section(started)
    client.force_login(reviewer)
    assert client.post(_url(section), _post(section, text="Eerst.")).status_code == 302
    client.force_login(coordinator)
    response = client.post(_url(section), _post(section, text="Later, over de oude versie."))
    assert response.status_code == 400
    page = response.content.decode()
    assert "intussen gewijzigd door" in page
    assert "Later, over de oude versie.</textarea>" in page
    assert _section(started).text == "Eerst."
    with pytest.raises(EditConflict):
        report_section_save(
            actor=coordinator,
            section=section,
            title="x",
            text="y",
            blocks=[],
            not_applicable=[],
            expected_version=section.version,
        )


def test_blocks_are_chosen_and_may_be_declared_not_applicable(client, coordinator, started):
    section = _section(started, "scope")
    client.force_login(coordinator)
    client.post(
        _url(section),
        _post(section, text="", blocks=["scope", "lotingen"], not_applicable=["lotingen"]),
    )
    saved = _section(started, "scope")
    assert (saved.blocks, saved.not_applicable) == (["scope", "lotingen"], ["lotingen"])
    # A principle's block belongs in a principle's chapter only.
    refused = client.post(_url(saved), _post(saved, blocks=["observaties"], version=saved.version))
    assert refused.status_code == 400
    assert _section(started, "scope").blocks == ["scope", "lotingen"]


def test_four_eyes_the_writer_cannot_agree_another_team_member_can(
    client, coordinator, reviewer, started
):
    section = _section(started)
    client.force_login(coordinator)
    client.post(_url(section), _post(section, status="review"))
    section = _section(started)
    assert (section.status, section.edited_by) == ("review", coordinator)
    page = client.get(_url(section)).content.decode()
    assert "Akkoord geven" not in page
    assert "akkoord geeft een ander lid van het coördinatieteam" in page
    with pytest.raises(ValidationError, match="vier ogen"):
        report_section_status_set(
            actor=coordinator, section=section, status="akkoord", expected_version=section.version
        )
    client.force_login(reviewer)
    assert "Akkoord geven" in client.get(_url(section)).content.decode()
    client.post(_url(section), _post(section, text=section.text, status="akkoord"))
    section = _section(started)
    assert (section.status, section.approved_by) == ("akkoord", reviewer)
    events = [e.event for e in audit_events_for(section)]
    assert events[:2] == ["findings.report_section.status", "findings.report_section.status"]


def test_the_database_refuses_an_akkoord_by_the_last_editor(coordinator, started):
    section = _section(started)
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportSection.objects.filter(pk=section.pk).update(
            status="akkoord", approved_by=coordinator, approved_at=section.updated_at
        )


def test_a_change_of_content_lets_the_akkoord_lapse(coordinator, reviewer, started):
    section = _section(started)
    section = report_section_status_set(
        actor=reviewer, section=section, status="akkoord", expected_version=section.version
    )
    section = report_section_save(
        actor=reviewer,
        section=section,
        title=section.title,
        text="Nog een zin.",
        blocks=section.blocks,
        not_applicable=[],
        expected_version=section.version,
    )
    assert (section.status, section.approved_by, section.edited_by) == (
        "concept",
        None,
        reviewer,
    )
    # Saving without a change keeps the akkoord of the other.
    section = report_section_status_set(
        actor=coordinator, section=section, status="akkoord", expected_version=section.version
    )
    unchanged = report_section_save(
        actor=reviewer,
        section=section,
        title=section.title,
        text=section.text,
        blocks=section.blocks,
        not_applicable=[],
        expected_version=section.version,
    )
    assert unchanged.status == "akkoord"
