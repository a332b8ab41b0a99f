"""The unit report page: scope, method, submitted scores with justification, findings per
principle; and its status moves concept → afgestemd → definitief (and back to concept with a
reason), each by whom the table allows, each recorded and shown as history."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from audits.constants import AuditCapacity
from audits.services import assignment_create
from audits.services.cycles import unit_exclude
from audits.services.districts import district_add, districts_draw
from findings.constants import UNIT_REPORT_TRANSITIONS
from findings.models import UnitReport
from findings.services import unit_report_move
from findings.unit_report_rules import (
    MOVERS,
    UnitReportMoveNotAllowed,
    allowed_moves,
    move_requirements,
)
from tests.factories import DocumentCheckFactory, ScoreFactory, UserFactory
from tests.findings.unit_reporting import (
    AGREED_ON,
    agree,
    complete,
    confirmed_interview,
    finalise,
    klant,
    move,
    observe,
    ok,
    recommend,
    respond,
)
from uwvkms.constants import Role
from uwvkms.models import AuditEvent
from uwvkms.versioning import EditConflict


def report_url(cycle, unit):
    return reverse("findings:unit_report", args=[cycle.year, unit.id])


def move_url(cycle, unit, to):
    return reverse("findings:unit_report_move", args=[cycle.year, unit.id, to])


# --- Content -------------------------------------------------------------------------------------


def test_report_holds_scope_method_scores_and_findings(
    client, auditor, coordinator, cycle, uitkeren
):
    ScoreFactory(
        cycle=cycle,
        unit=uitkeren,
        principle=klant(),
        level=3,
        justification="Klantsignalen worden per kwartaal besproken.",
    )
    ScoreFactory(cycle=cycle, unit=uitkeren, principle=ok(), level=5, concept=True)
    DocumentCheckFactory(cycle=cycle, unit=uitkeren, geleverd=True)
    DocumentCheckFactory(cycle=cycle, unit=uitkeren, niet_geleverd=True)
    confirmed_interview(cycle, uitkeren)
    for name in ("Amsterdam", "Zwolle", "Breda"):
        district_add(actor=auditor, cycle=cycle, unit=uitkeren, name=name, kind="decentraal")
    draw = districts_draw(actor=auditor, cycle=cycle, unit=uitkeren, count=2)
    observe(auditor, cycle, uitkeren, text="Er is een actueel jaarplan.")
    observe(auditor, cycle, uitkeren, text="Teams leren van klachten.", kind="goede_praktijk")
    recommend(auditor, cycle, uitkeren, title="Meet het effect", principle=ok())

    client.force_login(coordinator)
    response = client.get(report_url(cycle, uitkeren))
    assert response.status_code == 200
    document = response.context["document"]
    assert [p.code for p in document.principles] == ["klantgerichtheid", "operationele-kwaliteit"]
    assert document.method.delivered_documents == 1
    assert document.method.confirmed_interviews == 1
    assert [p.name for p in document.method.drawn_places] == [name for name, _ in draw.drawn]
    klant_section, ok_section = document.sections
    assert klant_section.score.level == 3
    assert ok_section.score is None  # a concept score is not in the report
    html = response.content.decode()
    assert "Klantsignalen worden per kwartaal besproken." in html
    assert "3 Reproduceren" in html
    assert "nog geen score" in html
    assert "Er is een actueel jaarplan." in html
    assert "Teams leren van klachten." in html
    assert "Waar kunnen we van elkaar leren" in html
    assert "Meet het effect" in html
    assert "1 geleverd document" in html
    assert "1 bevestigd interview" in html
    assert "Status: Concept" in html


def test_report_names_an_exclusion(client, coordinator, cycle, uitkeren):
    unit_exclude(
        actor=coordinator, cycle=cycle, unit=uitkeren, reason="Te weinig interviews mogelijk."
    )
    client.force_login(coordinator)
    html = client.get(report_url(cycle, uitkeren)).content.decode()
    assert "Niet representatief." in html
    assert "Te weinig interviews mogelijk." in html


def test_scope_leaves_out_absent_principles(client, coordinator, cycle, communicatie):
    client.force_login(coordinator)
    response = client.get(report_url(cycle, communicatie))
    assert [p.code for p in response.context["document"].principles] == ["klantgerichtheid"]
    assert "Operationele Kwaliteit" not in response.content.decode()


# --- The transition table ----------------------------------------------------------------------


def test_every_move_of_the_table_has_its_movers():
    assert set(MOVERS) == set(UNIT_REPORT_TRANSITIONS)


@pytest.mark.parametrize(
    ("capacities", "status", "moves"),
    [
        ({AuditCapacity.COORDINATOR}, "concept", ["afgestemd"]),
        ({AuditCapacity.AUDITOR, AuditCapacity.LEAD_AUDITOR}, "concept", ["afgestemd"]),
        ({AuditCapacity.AUDITOR}, "concept", []),
        ({AuditCapacity.BOARD}, "concept", []),
        ({AuditCapacity.COORDINATOR}, "afgestemd", ["definitief", "concept"]),
        ({AuditCapacity.AUDITOR, AuditCapacity.LEAD_AUDITOR}, "afgestemd", ["concept"]),
        ({AuditCapacity.RVB}, "afgestemd", []),
        ({AuditCapacity.COORDINATOR}, "definitief", []),
    ],
)
def test_allowed_moves(capacities, status, moves):
    assert allowed_moves(capacities, status) == moves


@pytest.mark.parametrize(
    ("to", "agreed_on", "agreed_with", "reason", "missing"),
    [
        ("afgestemd", None, "", "", {"agreed_on", "agreed_with"}),
        ("afgestemd", datetime.date(2031, 10, 1), "  ", "", {"agreed_with"}),
        ("afgestemd", datetime.date(2031, 10, 1), "Directeur", "", set()),
        ("concept", None, "", " ", {"reason"}),
        ("concept", None, "", "Nader bespreken", set()),
        ("definitief", None, "", "", set()),
    ],
)
def test_move_requirements(to, agreed_on, agreed_with, reason, missing):
    errors = move_requirements(to=to, agreed_on=agreed_on, agreed_with=agreed_with, reason=reason)
    assert set(errors) == missing


# --- Moves in the browser ----------------------------------------------------------------------


def test_an_incomplete_report_is_not_offered_for_agreement(client, coordinator, cycle, uitkeren):
    """Every principle in scope needs a submitted score and a finding first (issue 17); the page
    says what is missing instead of offering the move, and the move is refused."""
    client.force_login(coordinator)
    page = client.get(report_url(cycle, uitkeren))
    assert page.context["moves"] == []
    html = page.content.decode()
    assert "Dien eerst een score in voor: Klantgerichtheid, Operationele Kwaliteit." in html
    assert "Leg eerst een bevinding vast bij: Klantgerichtheid, Operationele Kwaliteit." in html
    refused = client.post(
        move_url(cycle, uitkeren, "afgestemd"),
        {"agreed_on": AGREED_ON.isoformat(), "agreed_with": "Directeur Uitkeren", "version": 0},
    )
    assert refused.status_code == 400
    assert "Het rapport is nog niet compleet om af te stemmen." in refused.content.decode()
    assert not UnitReport.objects.filter(status="afgestemd").exists()


def test_coordinator_agrees_the_report_with_date_and_who(client, coordinator, cycle, uitkeren):
    complete(cycle, uitkeren)
    client.force_login(coordinator)
    page = client.get(report_url(cycle, uitkeren))
    assert page.context["moves"] == [("afgestemd", "Afgestemd met de directie")]
    assert "Afgestemd met de directie" in page.content.decode()
    assert client.get(move_url(cycle, uitkeren, "afgestemd")).status_code == 200

    refused = client.post(move_url(cycle, uitkeren, "afgestemd"), {"version": 0})
    assert refused.status_code == 400
    assert "Vul de datum in waarop het rapport is afgestemd." in refused.content.decode()
    assert "Vul in met wie het rapport is afgestemd." in refused.content.decode()
    assert not UnitReport.objects.exists()

    response = client.post(
        move_url(cycle, uitkeren, "afgestemd"),
        {"agreed_on": AGREED_ON.isoformat(), "agreed_with": "Directeur Uitkeren", "version": 0},
    )
    assert response.status_code == 302
    report = UnitReport.objects.get()
    assert (report.status, report.agreed_on, report.agreed_with) == (
        "afgestemd",
        AGREED_ON,
        "Directeur Uitkeren",
    )
    event = AuditEvent.objects.get(event="findings.unit_report.agreed")
    assert event.actor == coordinator
    assert event.changes["status"] == ["concept", "afgestemd"]
    assert event.changes["agreed_with"] == ["", "Directeur Uitkeren"]
    html = client.get(report_url(cycle, uitkeren)).content.decode()
    assert "Het rapport van Uitkeren staat nu op Afgestemd." in html
    assert "Historie van de status" in html
    assert "Afgestemd met de directie" in html
    assert "Concept → Afgestemd" in html
    assert "Directeur Uitkeren" in html


def test_agreement_date_in_the_future_is_refused(coordinator, cycle, uitkeren):
    with pytest.raises(ValidationError, match="Kies een datum van vandaag"):
        move(
            coordinator,
            cycle,
            uitkeren,
            "afgestemd",
            agreed_on=timezone.localdate() + datetime.timedelta(days=1),
        )


def test_lead_auditor_agrees_and_takes_back_but_does_not_finalise(client, auditor, cycle, uitkeren):
    agree(auditor, cycle, uitkeren)  # `auditor` leads Uitkeren's team
    client.force_login(auditor)
    page = client.get(report_url(cycle, uitkeren))
    assert [to for to, _label in page.context["moves"]] == ["concept"]
    assert client.get(move_url(cycle, uitkeren, "definitief")).status_code == 403
    assert client.post(move_url(cycle, uitkeren, "definitief"), {"version": 1}).status_code == 403
    with pytest.raises(PermissionDenied):
        finalise(auditor, cycle, uitkeren)
    response = client.post(
        move_url(cycle, uitkeren, "concept"), {"reason": "Nog een interview.", "version": 1}
    )
    assert response.status_code == 302
    report = UnitReport.objects.get()
    assert (report.status, report.agreed_on, report.agreed_with) == ("concept", None, "")
    event = AuditEvent.objects.get(event="findings.unit_report.reopened")
    assert event.reason == "Nog een interview."


def test_auditor_who_does_not_lead_cannot_move(client, coordinator, cycle, uitkeren):
    member = UserFactory(username="teamlid", roles=[Role.TOETSER])
    assignment_create(actor=coordinator, cycle=cycle, unit=uitkeren, auditor=member, is_lead=False)
    client.force_login(member)
    page = client.get(report_url(cycle, uitkeren))
    assert page.status_code == 200
    assert page.context["moves"] == []
    assert client.get(move_url(cycle, uitkeren, "afgestemd")).status_code == 403
    with pytest.raises(PermissionDenied):
        agree(member, cycle, uitkeren)


def test_back_to_concept_needs_a_reason(client, coordinator, cycle, uitkeren):
    agree(coordinator, cycle, uitkeren)
    client.force_login(coordinator)
    response = client.post(move_url(cycle, uitkeren, "concept"), {"reason": " ", "version": 1})
    assert response.status_code == 400
    assert "Geef een reden om het rapport terug te zetten naar concept." in (
        response.content.decode()
    )
    assert UnitReport.objects.get().status == "afgestemd"


def test_coordinator_finalises_and_nothing_moves_after(client, coordinator, cycle, uitkeren):
    agree(coordinator, cycle, uitkeren)
    client.force_login(coordinator)
    assert client.post(move_url(cycle, uitkeren, "definitief"), {"version": 1}).status_code == 302
    report = UnitReport.objects.get()
    assert report.status == "definitief"
    assert report.finalised_at is not None
    assert AuditEvent.objects.filter(event="findings.unit_report.finalised").count() == 1
    page = client.get(report_url(cycle, uitkeren))
    assert page.context["moves"] == []
    assert "definitief sinds" in page.content.decode()
    with pytest.raises(UnitReportMoveNotAllowed):
        move(coordinator, cycle, uitkeren, "concept")
    response = client.post(move_url(cycle, uitkeren, "concept"), {"reason": "x", "version": 2})
    assert response.status_code == 400
    assert "kan niet naar Concept" in response.content.decode()


def test_concept_cannot_skip_to_definitief(client, coordinator, cycle, uitkeren):
    with pytest.raises(UnitReportMoveNotAllowed):
        finalise(coordinator, cycle, uitkeren)
    client.force_login(coordinator)
    page = client.get(move_url(cycle, uitkeren, "definitief"))
    assert "kan nu niet naar definitief" in page.content.decode()
    assert client.post(move_url(cycle, uitkeren, "definitief"), {"version": 0}).status_code == 400
    assert not UnitReport.objects.filter(status="definitief").exists()


def test_unknown_status_is_not_found(client, coordinator, cycle, uitkeren):
    client.force_login(coordinator)
    assert client.get(move_url(cycle, uitkeren, "gepubliceerd")).status_code == 404


def test_stale_move_is_refused(coordinator, auditor, cycle, uitkeren):
    agree(auditor, cycle, uitkeren)
    with pytest.raises(EditConflict, match="intussen gewijzigd.*Het staat nu op Afgestemd."):
        unit_report_move(
            actor=coordinator, cycle=cycle, unit=uitkeren, to="definitief", expected_version=0
        )
    assert UnitReport.objects.get().status == "afgestemd"


def test_no_way_back_once_the_board_has_responded(
    auditor, coordinator, unit_board, cycle, uitkeren
):
    rec = recommend(auditor, cycle, uitkeren)
    agree(coordinator, cycle, uitkeren)
    respond(unit_board, cycle, uitkeren, {rec: "herkend"})
    with pytest.raises(ValidationError, match="managementreactie"):
        move(coordinator, cycle, uitkeren, "concept")
    assert UnitReport.objects.get().status == "afgestemd"
    finalise(coordinator, cycle, uitkeren)
    assert UnitReport.objects.get().status == "definitief"


@pytest.mark.parametrize("persona", ["unit_board", "board_member", "other_auditor", "outsider"])
def test_others_cannot_move_the_report(client, request, persona, coordinator, cycle, uitkeren):
    agree(coordinator, cycle, uitkeren)
    if persona == "board_member":  # the RvB reads only definitief reports
        finalise(coordinator, cycle, uitkeren)
    client.force_login(request.getfixturevalue(persona))
    for to in ("afgestemd", "definitief", "concept"):
        assert client.post(move_url(cycle, uitkeren, to), {"version": 1}).status_code == 403


def test_report_page_queries_do_not_grow_with_the_findings(
    client, auditor, coordinator, unit_board, cycle, uitkeren, django_assert_max_num_queries
):
    def write(n: int, offset: int):
        for i in range(offset, offset + n):
            observe(auditor, cycle, uitkeren, text=f"Observatie {i}.")
            recommend(auditor, cycle, uitkeren, title=f"Aanbeveling {i}")

    url = report_url(cycle, uitkeren)
    client.force_login(coordinator)
    write(1, 0)
    with django_assert_max_num_queries(40) as small:
        assert client.get(url).status_code == 200
    write(6, 10)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(url).status_code == 200


def test_report_page_queries_do_not_grow_with_the_principles(
    client, coordinator, cycle, uitkeren, django_assert_max_num_queries
):
    from audits.models import AssessedPrinciple
    from tests.factories import principle

    url = report_url(cycle, uitkeren)
    client.force_login(coordinator)
    ScoreFactory(cycle=cycle, unit=uitkeren, principle=principle("klantgerichtheid"))
    with django_assert_max_num_queries(40) as small:
        assert client.get(url).status_code == 200
    for code in ("leiderschap", "vakmanschap", "procesbenadering", "sturen-verantwoorden"):
        extra = principle(code)
        cycle.principles.add(extra)
        AssessedPrinciple.objects.create(cycle=cycle, unit=uitkeren, principle=extra)
        ScoreFactory(cycle=cycle, unit=uitkeren, principle=extra, level=2)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert response.status_code == 200
    assert "Vakmanschap" in response.content.decode()
