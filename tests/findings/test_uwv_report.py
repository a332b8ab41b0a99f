"""The UWV-wide report as HTML (DOMAIN.md §5): chapters in order, ToC links to existing ids, units
named in the principle chapters, quotes attributed to the unit's report, exclusions with their
reason, only the coordination team may read the live concept, constant queries."""

import json
import re

import pytest
from django.urls import reverse

from audits.models import AssessedPrinciple
from audits.services.cycles import unit_exclude
from findings.report.uwv import build_uwv_report, render_uwv_report_html
from tests.factories import AssignmentFactory, BusinessUnitFactory, ScoreFactory
from tests.findings.unit_reporting import klant, observe, recommend


@pytest.fixture
def reported(cycle, auditor, uitkeren, communicatie):
    ScoreFactory(cycle=cycle, unit=uitkeren, principle=klant(), level=2)
    ScoreFactory(cycle=cycle, unit=communicatie, principle=klant(), level=3)
    observe(auditor, cycle, uitkeren, text="Klantsignalen komen wekelijks op tafel.")
    observe(
        auditor, cycle, communicatie, text="Klantreizen als vast ritueel.", kind="goede_praktijk"
    )
    recommend(auditor, cycle, uitkeren, title="Meet het effect van verbeteracties")
    return cycle


def test_chapters_come_in_the_reports_order(coordinator, reported):
    html = render_uwv_report_html(build_uwv_report(reported), for_pdf=False)
    titles = [
        "Inleiding en aanleiding",
        "Managementsamenvatting",
        "Scope en methodiek",
        "Volwassenheid kwaliteitsmanagementsysteem van UWV",
        "Hoofdbevindingen UWV",
        "Klantgerichtheid",
        "Operationele Kwaliteit",
        "Managementreacties en beschouwing",
        "UWV Volwassenheidsmodel",
        "UWV Managementprincipes",
    ]
    body = html[html.index('id="inleiding"') :]
    positions = [body.index(f"</span> {title}</h2>") for title in titles]
    assert positions == sorted(positions)


def test_toc_links_point_at_existing_ids(client, coordinator, reported):
    client.force_login(coordinator)
    response = client.get(reverse("findings:uwv_report", args=[reported.year]))
    assert response.status_code == 200
    html = response.content.decode()
    toc = html[html.index('class="uwv-toc"') : html.index("</nav>", html.index('class="uwv-toc"'))]
    links = re.findall(r'href="#([^"]+)"', toc)
    ids = set(re.findall(r'id="([^"]+)"', html))
    assert len(links) > 20
    assert [link for link in links if link not in ids] == []
    assert len(ids) == len(re.findall(r'id="([^"]+)"', html))  # no duplicate ids


def test_principle_chapters_name_units_and_the_texts_are_escaped(coordinator, reported):
    from findings.models import ReportSection  # noqa: PLC0415
    from findings.services.report_structure import (  # noqa: PLC0415
        report_section_save,
        report_structure_start,
    )

    report_structure_start(actor=coordinator, cycle=reported)
    intro = ReportSection.objects.get(cycle=reported, anchor="inleiding")
    report_section_save(
        actor=coordinator,
        section=intro,
        title=intro.title,
        text="<script>alert(1)</script>\n\nTweede alinea.",
        blocks=[],
        not_applicable=[],
        expected_version=intro.version,
    )
    general = ReportSection.objects.get(cycle=reported, anchor="principe-klantgerichtheid-algemeen")
    report_section_save(
        actor=coordinator,
        section=general,
        title=general.title,
        text="",
        blocks=["observaties", "goede_praktijken", "aanbevelingen"],
        not_applicable=[],
        expected_version=general.version,
    )
    html = render_uwv_report_html(build_uwv_report(reported), for_pdf=False)
    assert "<strong>Uitkeren</strong>: Klantsignalen komen wekelijks op tafel." in html
    assert "Bij Communicatie: Klantreizen als vast ritueel." in html
    assert "Meet het effect van verbeteracties</strong> (Uitkeren" in html
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<p>Tweede alinea.</p>" in html


def test_excluded_unit_is_named_with_its_reason_and_left_out(coordinator, reported, communicatie):
    unit_exclude(
        actor=coordinator, cycle=reported, unit=communicatie, reason="Reorganisatie loopt."
    )
    report = build_uwv_report(reported)
    html = render_uwv_report_html(report, for_pdf=False)
    assert "<strong>Communicatie</strong>: Reorganisatie loopt." in html
    assert "Klantreizen als vast ritueel." not in html
    assert "Communicatie" not in report.units_assessed
    assert [n.number for n in report.footnotes if n.text.startswith("Niet meegeteld")] == [1]


def test_snapshot_is_json(reported):
    report = build_uwv_report(reported, status="Definitief", version="2.0")
    data = json.loads(json.dumps(report.snapshot()))
    assert data["version"] == "2.0"
    assert data["status"] == "Definitief"
    assert data["maturity"][0]["overall"]["mean"] == "2,50"


@pytest.mark.parametrize("persona", ["board_member", "auditor", "unit_board", "outsider"])
def test_only_the_coordination_team_reads_the_live_concept(client, request, reported, persona):
    client.force_login(request.getfixturevalue(persona))
    for name in ("findings:uwv_report", "findings:uwv_report_pdf"):
        assert client.get(reverse(name, args=[reported.year])).status_code == 403


def test_queries_do_not_grow_with_units(
    client, coordinator, reported, auditor, django_assert_max_num_queries
):
    client.force_login(coordinator)
    url = reverse("findings:uwv_report", args=[reported.year])
    client.get(url)
    with django_assert_max_num_queries(60) as few:
        client.get(url)
    baseline = len(few.captured_queries)
    for n in range(6):
        unit = BusinessUnitFactory(name=f"Onderdeel {n}", abbreviation=f"O{n}", execution=True)
        AssessedPrinciple.objects.create(cycle=reported, unit=unit, principle=klant())
        ScoreFactory(cycle=reported, unit=unit, principle=klant(), level=3)
        # Only the unit's own auditors write its findings.
        AssignmentFactory(cycle=reported, unit=unit, auditor=auditor)
        observe(auditor, reported, unit, text=f"Bevinding {n}.")
    with django_assert_max_num_queries(baseline):
        client.get(url)
