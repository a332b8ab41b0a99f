"""Material the coordination team chooses for a section of the UWV-wide report (issue 18): good
examples from the counted units' good practices with the team's explanation (grouped with and
without execution processes), quotes from confirmed interviews, unit reports and management
responses (word for word, attributed to the unit's report), UWV-level observations and
recommendations with what they rest on (shown to the team, never printed). Nothing of an
excluded unit; a change lets the section's akkoord lapse; only the coordination team."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from audits.services.cycles import unit_exclude
from findings.models import ReportMaterial, ReportSection
from findings.report.uwv import build_uwv_report, render_uwv_report_html
from findings.services import quote_create
from findings.services.report_material import (
    report_material_add,
    report_material_update,
    report_material_withdraw,
)
from findings.services.report_structure import report_section_status_set, report_structure_start
from findings.services.rollup import theme_create
from tests.factories import UserFactory
from tests.findings.unit_reporting import agree, confirmed_interview, klant, observe, respond
from uwvkms.constants import Role
from uwvkms.selectors import audit_events_for


@pytest.fixture
def material(cycle, coordinator, auditor, unit_board, uitkeren, communicatie):
    """Good practices at Uitkeren (with execution processes) and Communicatie (without), a
    confirmed interview quote, an observation, and Uitkeren's submitted response."""
    report_structure_start(actor=coordinator, cycle=cycle)
    interview = confirmed_interview(cycle, uitkeren)
    return {
        "good_uitkeren": observe(
            auditor, cycle, uitkeren, text="Dagstarts met klantsignalen.", kind="goede_praktijk"
        ),
        "good_communicatie": observe(
            auditor, cycle, communicatie, text="Een klantpanel per kwartaal.", kind="goede_praktijk"
        ),
        "observation": observe(
            auditor, cycle, uitkeren, text="Effecten van verbeteringen worden niet gemeten."
        ),
        "quote": quote_create(
            actor=auditor,
            cycle=cycle,
            unit=uitkeren,
            principle=klant(),
            interview=interview,
            text="We weten pas of het werkt als we het meten.",
        ),
        "response": _responded(coordinator, unit_board, cycle, uitkeren),
    }


def _responded(coordinator, board, cycle, unit):
    agree(coordinator, cycle, unit)
    return respond(
        board, cycle, unit, {}, overall="Wij gaan het effect van acties structureel meten."
    )


def _section(cycle, anchor="goede-voorbeelden") -> ReportSection:
    return ReportSection.objects.get(cycle=cycle, anchor=anchor)


def _html(cycle) -> str:
    return render_uwv_report_html(build_uwv_report(cycle), for_pdf=False)


def test_good_examples_are_grouped_with_the_teams_explanation(coordinator, cycle, material):
    section = _section(cycle)
    for finding, why in (
        (material["good_communicatie"], "Zo hoort de directie de klant zelf."),
        (material["good_uitkeren"], "Elke dag begint met wat klanten zeggen."),
    ):
        report_material_add(
            actor=coordinator, section=section, kind="voorbeeld", finding=finding, text=why
        )
    report = build_uwv_report(cycle)
    part = next(s for c in report.parts for s in c.sections if s.heading.anchor == section.anchor)
    assert [(g.heading.number, g.heading.title) for g in part.example_groups] == [
        ("4.2.1", "Goede voorbeelden mét uitvoeringsprocessen"),
        ("4.2.2", "Goede voorbeelden zonder uitvoeringsprocessen"),
    ]
    assert [(e.unit, e.source, e.text) for e in part.example_groups[0].examples] == [
        ("Uitkeren", "Dagstarts met klantsignalen.", "Elke dag begint met wat klanten zeggen.")
    ]
    html = _html(cycle)
    assert "<strong>Communicatie</strong>: Een klantpanel per kwartaal.<br>Zo hoort" in html


def test_an_observation_is_no_good_example_and_an_example_needs_a_reason(
    coordinator, cycle, material
):
    section = _section(cycle)
    with pytest.raises(ValidationError):
        report_material_add(
            actor=coordinator,
            section=section,
            kind="voorbeeld",
            finding=material["observation"],
            text="Toch een voorbeeld.",
        )
    with pytest.raises(ValidationError, match="Leg uit"):
        report_material_add(
            actor=coordinator,
            section=section,
            kind="voorbeeld",
            finding=material["good_uitkeren"],
            text=" ",
        )
    assert not ReportMaterial.objects.exists()


@pytest.mark.parametrize(
    ("source", "passage"),
    [
        ("quote", "als we het meten"),
        ("observation", "Effecten van verbeteringen worden niet gemeten."),
        ("response", "het effect van acties structureel meten"),
    ],
)
def test_quotes_come_from_three_sources_attributed_to_the_units_report(
    coordinator, cycle, material, source, passage
):
    key = {"quote": "quote", "observation": "finding", "response": "response"}[source]
    section = _section(cycle, "principe-klantgerichtheid-algemeen")
    report_material_add(
        actor=coordinator, section=section, kind="citaat", text=passage, **{key: material[source]}
    )
    html = _html(cycle)
    assert f"<p>“{passage}”</p><footer>Uit het rapport van Uitkeren</footer>" in html
    # Never the interviewee's name.
    interviewee = material["quote"].interview.interviewees.first()
    if interviewee is not None:
        assert interviewee.name not in html


def test_a_quote_takes_the_sources_words_and_refuses_changed_ones(coordinator, cycle, material):
    section = _section(cycle)
    with pytest.raises(ValidationError, match="letterlijk"):
        report_material_add(
            actor=coordinator,
            section=section,
            kind="citaat",
            quote=material["quote"],
            text="We weten nooit of het werkt.",
        )
    placed = report_material_add(
        actor=coordinator,
        section=section,
        kind="citaat",
        quote=material["quote"],
        text="  “We weten pas of het werkt”  ",
    )
    with pytest.raises(ValidationError, match="letterlijk"):
        report_material_update(
            actor=coordinator,
            material=placed,
            title="",
            text="Iets anders.",
            expected_version=placed.version,
        )


def test_a_uwv_level_recommendation_keeps_its_basis_for_the_team_only(
    client, coordinator, cycle, material
):
    theme = theme_create(actor=coordinator, cycle=cycle, title="Rode draad: effect meten")
    section = _section(cycle, "principe-klantgerichtheid-verbetering")
    report_material_add(
        actor=coordinator,
        section=section,
        kind="aanbeveling",
        title="Meet het effect van elke verbetering",
        text="Leg vooraf vast welk effect een verbetering moet hebben.",
        themes=[theme],
    )
    html = _html(cycle)
    assert "UWV-brede aanbeveling: Meet het effect van elke verbetering" in html
    assert "Rode draad: effect meten" not in html
    client.force_login(coordinator)
    page = client.get(
        reverse("findings:uwv_report_section_material", args=[cycle.year, section.pk])
    ).content.decode()
    assert "Onderbouwing (niet in het rapport): Rode draad: effect meten" in page


def test_an_excluded_units_material_is_refused_and_left_out(coordinator, cycle, material, uitkeren):
    section = _section(cycle)
    report_material_add(
        actor=coordinator,
        section=section,
        kind="voorbeeld",
        finding=material["good_uitkeren"],
        text="Elke dag begint met wat klanten zeggen.",
    )
    unit_exclude(actor=coordinator, cycle=cycle, unit=uitkeren, reason="Reorganisatie.")
    assert "Dagstarts met klantsignalen." not in _html(cycle)
    with pytest.raises(ValidationError, match="niet meegeteld"):
        report_material_add(
            actor=coordinator,
            section=section,
            kind="citaat",
            quote=material["quote"],
            text="als we het meten",
        )


def test_material_changes_the_section_and_lets_its_akkoord_lapse(coordinator, cycle, material):
    reviewer = UserFactory(roles=[Role.COORDINATIETEAM])
    section = _section(cycle)
    section = report_section_status_set(
        actor=reviewer, section=section, status="akkoord", expected_version=section.version
    )
    placed = report_material_add(
        actor=coordinator,
        section=section,
        kind="observatie",
        title="Klantsignalen",
        text="Veel onderdelen bespreken klantsignalen.",
    )
    section.refresh_from_db()
    assert (section.status, section.edited_by) == ("concept", coordinator)
    report_material_withdraw(
        actor=coordinator, material=placed, reason="Past beter in 6.1.", expected_version=1
    )
    assert "Veel onderdelen bespreken klantsignalen." not in _html(cycle)
    assert ReportMaterial.with_withdrawn.get(pk=placed.pk).withdrawal_reason == "Past beter in 6.1."
    assert [e.event for e in audit_events_for(placed)] == [
        "findings.report_material.withdrawn",
        "findings.report_material.added",
    ]


def test_the_material_page_adds_and_gives_back_a_refused_form(client, coordinator, cycle, material):
    section = _section(cycle)
    url = reverse("findings:uwv_report_section_material", args=[cycle.year, section.pk])
    client.force_login(coordinator)
    page = client.get(url).content.decode()
    assert "Dagstarts met klantsignalen." in page  # a candidate
    refused = client.post(
        url,
        {
            "add": "citaat",
            "citaat-source": f"quote:{material['quote'].pk}",
            "citaat-text": "Woorden die er niet staan.",
        },
    )
    assert refused.status_code == 400
    assert "Woorden die er niet staan.</textarea>" in refused.content.decode()
    added = client.post(
        url,
        {
            "add": "voorbeeld",
            "voorbeeld-finding": material["good_uitkeren"].pk,
            "voorbeeld-text": "Elke dag begint met wat klanten zeggen.",
        },
    )
    assert added.status_code == 302
    assert ReportMaterial.objects.get().finding == material["good_uitkeren"]


@pytest.mark.parametrize("persona", ["auditor", "board_member", "unit_board", "outsider"])
def test_only_the_coordination_team_chooses_material(client, request, cycle, material, persona):
    user = request.getfixturevalue(persona)
    section = _section(cycle)
    client.force_login(user)
    url = reverse("findings:uwv_report_section_material", args=[cycle.year, section.pk])
    assert client.get(url).status_code == 403
    with pytest.raises(PermissionDenied):
        report_material_add(actor=user, section=section, kind="observatie", title="x", text="y")
