"""The cycle cockpit (coördinatieteam): a row per unit, a column per stage, each cell a status
word that links to where the work is done; the filter, the XLSX export, the refusals and a
query count that does not grow with the units."""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from audits.models import AssessedPrinciple, DistrictDraw, DocumentType, Exclusion
from findings.cockpit_rules import Stage, Tone
from findings.selectors.cockpit import cycle_cockpit
from maturity.events import SCORE_CALIBRATED
from maturity.models import ScoreChange
from tests.factories import (
    AssignmentFactory,
    BusinessUnitFactory,
    DocumentCheckFactory,
    EvidenceRequestFactory,
    EvidenceRequestItemFactory,
    FollowUpActionFactory,
    InterviewFactory,
    ManagementResponseFactory,
    RecommendationFactory,
    RecommendationResponseFactory,
    ScoreFactory,
    UnitReportFactory,
    UserFactory,
    principle,
)
from uwvkms.constants import Role

TODAY = datetime.date(2031, 10, 1)


def draw(cycle, unit, by, count=2):
    places = [[f"District {i}", "decentraal"] for i in range(count)]
    return DistrictDraw.objects.create(
        cycle=cycle, unit=unit, seed=7, count=count, candidates=places, drawn=places, drawn_by=by
    )


@pytest.fixture
def state(cycle, coordinator, auditor, uitkeren, communicatie):
    """Uitkeren well ahead, Communicatie behind: see each test for what that means per stage."""
    kg, ok = principle("klantgerichtheid"), principle("operationele-kwaliteit")
    draw(cycle, uitkeren, coordinator, count=3)
    for document_type in DocumentType.objects.filter(is_active=True):
        DocumentCheckFactory(cycle=cycle, unit=uitkeren, document_type=document_type, geleverd=True)
    InterviewFactory(cycle=cycle, unit=uitkeren, bevestigd=True, created_by=auditor)
    InterviewFactory(cycle=cycle, unit=uitkeren, ter_bevestiging=True, created_by=auditor)
    InterviewFactory(cycle=cycle, unit=communicatie, bevestigd=True, created_by=auditor)
    score = ScoreFactory(cycle=cycle, unit=uitkeren, principle=kg, updated_by=auditor)
    ScoreFactory(cycle=cycle, unit=uitkeren, principle=ok, updated_by=auditor)
    ScoreFactory(cycle=cycle, unit=communicatie, principle=kg, concept=True, updated_by=auditor)
    ScoreChange.objects.create(
        score=score, event=SCORE_CALIBRATED, changed_by=coordinator, old_level=2, new_level=3
    )
    UnitReportFactory(cycle=cycle, unit=communicatie, status="afgestemd")
    answer = RecommendationResponseFactory(
        recommendation=RecommendationFactory(cycle=cycle, unit=uitkeren)
    )
    FollowUpActionFactory(recommendation=answer.recommendation, due_on=datetime.date(2024, 9, 1))
    return cycle


def cells(cockpit, unit):
    row = next(r for r in cockpit.rows if r.unit == unit)
    return {cell.stage: cell.status for cell in row.cells}


def test_each_stage_reads_the_state(state, uitkeren, communicatie, fez):
    cockpit = cycle_cockpit(state, today=TODAY)
    ahead, behind = cells(cockpit, uitkeren), cells(cockpit, communicatie)
    documents = DocumentType.objects.filter(is_active=True).count()
    # FEZ has principles in scope (the cycle's default scope) but no audit team yet.
    assert [u.unit for u in cockpit.rows] == [communicatie, fez, uitkeren]  # by name
    assert (cells(cockpit, fez)[Stage.TEAM].word, cells(cockpit, fez)[Stage.TEAM].tone) == (
        "geen team",
        Tone.OPEN,
    )

    assert (ahead[Stage.TEAM].word, ahead[Stage.TEAM].tone) == ("compleet", Tone.DONE)
    assert ahead[Stage.DISTRICTS].word == "geloot" and ahead[Stage.DISTRICTS].detail == "3 plaatsen"
    assert (behind[Stage.DISTRICTS].word, behind[Stage.DISTRICTS].tone) == (
        "niet geloot",
        Tone.OPEN,
    )
    assert ahead[Stage.DOCUMENTS].word == f"{documents} van {documents}"
    assert ahead[Stage.DOCUMENTS].tone == Tone.DONE
    assert behind[Stage.DOCUMENTS].word == f"0 van {documents}"
    assert (ahead[Stage.INTERVIEWS].word, ahead[Stage.INTERVIEWS].tone) == ("1 van 2", Tone.OPEN)
    assert (behind[Stage.INTERVIEWS].word, behind[Stage.INTERVIEWS].tone) == ("1 van 1", Tone.DONE)
    # Uitkeren has both principles in scope, Communicatie only Klantgerichtheid (no execution).
    assert (ahead[Stage.SCORES].word, ahead[Stage.SCORES].tone) == ("2 van 2", Tone.DONE)
    assert (behind[Stage.SCORES].word, behind[Stage.SCORES].tone) == ("0 van 1", Tone.OPEN)
    # Both submitted scores cite no evidence: outliers, but calibration is not due in veldwerk.
    assert ahead[Stage.CALIBRATION].word == "2 afwijkend"
    assert ahead[Stage.CALIBRATION].detail == "2 afwijkend · 1 bijgesteld"
    assert ahead[Stage.CALIBRATION].tone == Tone.BUSY
    assert behind[Stage.CALIBRATION].word == "wacht op scores"
    assert ahead[Stage.REPORT].word == "definitief"  # made by the recommendation's response
    assert (behind[Stage.REPORT].word, behind[Stage.REPORT].tone) == ("afgestemd", Tone.BUSY)
    assert ahead[Stage.RESPONSE].word == "ingediend"
    assert behind[Stage.RESPONSE].word == "nog niet"
    assert (ahead[Stage.FOLLOW_UP].word, ahead[Stage.FOLLOW_UP].tone) == ("1 te laat", Tone.ALERT)
    assert ahead[Stage.FOLLOW_UP].detail == "0 van 1 gemeten"
    assert (behind[Stage.FOLLOW_UP].word, behind[Stage.FOLLOW_UP].tone) == (
        "geen acties",
        Tone.NONE,
    )


def test_totals_and_blockers(state, uitkeren, communicatie):
    cockpit = cycle_cockpit(state, today=TODAY)
    totals = {t.stage: t for t in cockpit.totals}
    assert (totals[Stage.TEAM].finished, totals[Stage.TEAM].units) == (2, 3)
    assert (totals[Stage.SCORES].done_items, totals[Stage.SCORES].all_items) == (2, 4)
    assert (totals[Stage.INTERVIEWS].done_items, totals[Stage.INTERVIEWS].all_items) == (2, 3)
    assert totals[Stage.DISTRICTS].backlog == 2
    assert totals[Stage.TEAM].done_items is None
    blockers = {b.text: b.units for b in cockpit.blockers}
    # The team and the scores are the readiness rules' to say, not repeated here.
    failing = {r.text: r.units for r in cockpit.failing_rules}
    assert failing == {
        "Elk getoetst onderdeel heeft voor elk principe in scope een ingediende score.": (
            "Communicatie",
            "FEZ",
        )
    }
    assert blockers["Districten geloot: nog niet gereed bij 2 onderdelen."] == (
        "Communicatie",
        "FEZ",
    )
    assert not any(text.startswith(("Toetsteam", "Scores ingediend")) for text in blockers)
    assert blockers["Interviews bevestigd: nog niet gereed bij 2 onderdelen."] == (
        "FEZ",
        "Uitkeren",
    )


def test_a_missing_lead_and_an_excluded_unit(cycle, coordinator, auditor, fez):
    unit = BusinessUnitFactory(name="Handhaving", execution=True)
    AssignmentFactory(cycle=cycle, unit=unit, auditor=auditor, is_lead=False)
    Exclusion.objects.create(
        cycle=cycle, unit=unit, reason="Te weinig gesprekken.", excluded_by=coordinator
    )
    cockpit = cycle_cockpit(cycle, today=TODAY)
    row = next(r for r in cockpit.rows if r.unit == unit)
    assert row.exclusion is not None
    assert row.cells[0].status.word == "geen lead"
    # Only a team, no principle in scope: still a row, and the excluded unit never blocks.
    assert row.cells[4].status.word == "geen scope"
    assert all("Handhaving" not in b.units for b in cockpit.blockers)
    # The totals count as the blockers do: without the excluded unit, which the page says; and
    # "alleen achterstanden" does not list it, though its missing lead shows in its row.
    assert row.cells[0].status.is_backlog
    assert {t.units for t in cockpit.totals} == {len(cockpit.rows) - 1}
    assert cockpit.excluded_shown == 1
    assert unit not in [r.unit for r in cycle_cockpit(cycle, today=TODAY, only_backlog=True).rows]


def test_the_page_shows_words_links_and_the_filter(client, state, coordinator, uitkeren):
    client.force_login(coordinator)
    url = reverse("findings:cycle_cockpit", args=[state.year])
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Cockpit van toetscyclus 2031" in html
    assert "Wat de volgende fase nog tegenhoudt" in html
    # The guarded move's rule blocks; the rest of what is open is listed apart.
    assert (
        "Nog niet voldaan: Elk getoetst onderdeel heeft voor elk principe in scope een "
        "ingediende score. "
        '<span class="text-body-secondary">(nog niet bij Communicatie, FEZ)</span>'
    ) in html
    assert "Verder nog open (houdt de fase niet tegen)" in html
    # ...and what the rules say is not said again there.
    further = html.split("Verder nog open (houdt de fase niet tegen)")[1].split("</ul>")[0]
    assert "Scores ingediend" not in further and "Toetsteam" not in further
    assert "Interviews bevestigd" in further
    assert '<th scope="col">Scores ingediend</th>' in html
    assert '<th scope="row">Uitkeren' in html
    assert "1 te laat" in html and "achterstand" in html
    assert f'href="{reverse("audits:districts", args=[2031, uitkeren.pk])}"' in html
    # Every unit here has an achterstand in veldwerk: the filter keeps all three.
    filtered = client.get(url, {"achterstanden": "1"})
    assert filtered.context["cockpit"].only_backlog
    assert len(filtered.context["cockpit"].rows) == 3


def test_the_filter_leaves_out_units_without_backlog(
    client, cycle, coordinator, auditor, other_auditor, fez
):
    done = BusinessUnitFactory(name="Bureau Integriteit")
    AssignmentFactory(cycle=cycle, unit=done, auditor=auditor, is_lead=True)
    AssignmentFactory(cycle=cycle, unit=fez, auditor=other_auditor, is_lead=True)
    AssessedPrinciple.objects.create(
        cycle=cycle, unit=done, principle=principle("klantgerichtheid")
    )
    client.force_login(coordinator)
    url = reverse("findings:cycle_cockpit", args=[cycle.year])
    everyone = client.get(url).context["cockpit"]
    assert done in [r.unit for r in everyone.rows]
    # In voorbereiding only the team is due, and it is complete everywhere.
    cycle.status = "voorbereiding"
    cycle.save(update_fields=["status"])
    backlog = client.get(url, {"achterstanden": "1"}).context["cockpit"]
    assert backlog.rows == [] and backlog.unit_count == 4
    assert (
        "Geen onderdeel heeft een achterstand."
        in client.get(url, {"achterstanden": "1"}).content.decode()
    )


def test_every_link_in_the_cockpit_opens_for_the_coordinator(client, state, coordinator):
    client.force_login(coordinator)
    cockpit = client.get(reverse("findings:cycle_cockpit", args=[state.year])).context["cockpit"]
    urls = {cell.url for row in cockpit.rows for cell in row.cells}
    assert len(urls) > 5
    for url in sorted(urls):
        assert client.get(url).status_code == 200, url


def test_the_cycle_page_links_to_the_cockpit(client, cycle, coordinator):
    client.force_login(coordinator)
    html = client.get(reverse("audits:cycle_detail", args=[cycle.year])).content.decode()
    assert reverse("findings:cycle_cockpit", args=[cycle.year]) in html


def test_the_export_opens_in_a_spreadsheet(client, state, coordinator, auditor):
    formula = BusinessUnitFactory(name="=HYPERLINK(1)")
    AssignmentFactory(cycle=state, unit=formula, auditor=auditor)
    client.force_login(coordinator)
    response = client.get(reverse("findings:cycle_cockpit_export", args=[state.year]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="cockpit-2031.xlsx"' in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][:3] == ["Bedrijfsonderdeel", "Niet representatief", "Toetsteam"]
    assert rows[0][-1] == "Achterstand"
    by_unit = {row[0]: row for row in rows[1:]}
    assert by_unit["Uitkeren"][1] == "nee"
    assert by_unit["Uitkeren"][rows[0].index("Vervolgacties (effect gemeten)")] == (
        "1 te laat (0 van 1 gemeten)"
    )
    assert "'=HYPERLINK(1)" in by_unit  # never run as a formula
    assert rows[-1][0] == "Totaal gereed"
    filtered = client.get(
        reverse("findings:cycle_cockpit_export", args=[state.year]), {"achterstanden": "1"}
    )
    assert 'filename="cockpit-2031-achterstanden.xlsx"' in filtered["Content-Disposition"]


@pytest.mark.parametrize(
    "persona", ["auditor", "unit_board", "board_member", "outsider", "beheerder"]
)
@pytest.mark.parametrize("name", ["findings:cycle_cockpit", "findings:cycle_cockpit_export"])
def test_only_the_coordination_team_opens_it(client, cycle, request, persona, name):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse(name, args=[cycle.year])).status_code == 403


@pytest.mark.parametrize("name", ["findings:cycle_cockpit", "findings:cycle_cockpit_export"])
def test_anonymous_is_sent_to_log_in(client, cycle, name):
    response = client.get(reverse(name, args=[cycle.year]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_an_unknown_cycle_is_not_found(client, coordinator, db):
    client.force_login(coordinator)
    assert client.get(reverse("findings:cycle_cockpit", args=[1999])).status_code == 404


def _queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_queries_do_not_grow_with_units_or_principles(client, state, coordinator, auditor):
    client.force_login(coordinator)
    url = reverse("findings:cycle_cockpit", args=[state.year])
    before = _queries(client, url)
    export_before = _queries(client, reverse("findings:cycle_cockpit_export", args=[state.year]))
    principles = [principle("klantgerichtheid"), principle("operationele-kwaliteit")]
    for i in range(5):
        unit = BusinessUnitFactory(name=f"Extra {i}", execution=True)
        AssignmentFactory(cycle=state, unit=unit, auditor=UserFactory(roles=[Role.TOETSER]))
        draw(state, unit, coordinator)
        for p in principles:
            AssessedPrinciple.objects.create(cycle=state, unit=unit, principle=p)
            ScoreFactory(cycle=state, unit=unit, principle=p, level=1 + i % 5, updated_by=auditor)
        DocumentCheckFactory(cycle=state, unit=unit, geleverd=True)
        InterviewFactory(cycle=state, unit=unit, bevestigd=True, created_by=auditor)
        report = UnitReportFactory(cycle=state, unit=unit, status="afgestemd")
        ManagementResponseFactory(unit_report=report, concept=True)
        answer = RecommendationResponseFactory(
            recommendation=RecommendationFactory(cycle=state, unit=unit)
        )
        FollowUpActionFactory(recommendation=answer.recommendation)
        # The open items of its request list (issue 21 §1): one query for every unit.
        request = EvidenceRequestFactory(cycle=state, unit=unit)
        EvidenceRequestItemFactory(request=request)
        EvidenceRequestItemFactory(request=request, geleverd=True)
    assert _queries(client, url) == before
    # Session, user and roles, one grouped query per source, and the readiness of the next
    # phase (the units counted, leads, scores, calibration, the published report), the open
    # request items (issue 21 §1) and the fieldwork review counts (issue 21 §3).
    assert before <= 38, before
    assert _queries(client, reverse("findings:cycle_cockpit_export", args=[state.year])) == (
        export_before
    )


def test_the_demo_cockpit_is_varied(demo_data, db, client):
    from uwvkms.models import User

    client.force_login(User.objects.get(username="coordinatie"))
    response = client.get(reverse("findings:cycle_cockpit", args=[2023]))
    assert response.status_code == 200
    cockpit = response.context["cockpit"]
    assert len(cockpit.rows) >= 10
    tones = {cell.status.tone for row in cockpit.rows for cell in row.cells}
    assert len(tones) >= 3
    assert any(row.exclusion for row in cockpit.rows)  # C-ICT
    assert "zonder 1 niet-representatief onderdeel" in response.content.decode()
    # "Alleen achterstanden" narrows the demo down: some units are on schedule.
    behind = client.get(
        reverse("findings:cycle_cockpit", args=[2023]), {"achterstanden": "1"}
    ).context["cockpit"]
    assert 0 < len(behind.rows) < len(cockpit.rows)
    export = client.get(reverse("findings:cycle_cockpit_export", args=[2023]))
    assert export.status_code == 200
