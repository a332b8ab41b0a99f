"""Reporting and follow-up on the work queue (issue 16 §1): a unit's board sees its management
response due and its follow-up actions due, overdue or done without an effect measurement; the
coordination team a failed or stuck publication and the unit reports waiting; the RvB a newly
published version; the participants of a cycle whose findings are there a request to rate the
audit. Another unit's board, an auditor and an outsider see none of it."""

import datetime
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from audits.models import AssessedPrinciple, AuditCycle
from findings.models import PublishState, ReportVersion
from tests.factories import (
    AssignmentFactory,
    AuditCycleFactory,
    AuditRatingFactory,
    EffectMeasurementFactory,
    FollowUpActionFactory,
    ManagementResponseFactory,
    RecommendationFactory,
    UnitReportFactory,
    UserFactory,
)
from uwvkms.constants import Role
from uwvkms.workqueue import work_queue_for


def kinds(user):
    return [item.kind for item in work_queue_for(user)]


@pytest.fixture
def other_board(db, communicatie):
    return UserFactory(username="directie.com", business_unit=communicatie, roles=[Role.DIRECTIE])


def test_the_board_sees_its_management_response_due(
    client, unit_board, other_board, cycle, uitkeren
):
    report = UnitReportFactory(cycle=cycle, unit=uitkeren, status="afgestemd")
    [line] = [i for i in work_queue_for(unit_board) if i.kind == "Managementreactie"]
    assert line.title == "Managementreactie op het rapport Uitkeren 2031"
    client.force_login(unit_board)
    assert client.get(line.url).status_code == 200
    assert "Managementreactie" not in kinds(other_board)
    # A concept response is still due; a submitted one is done.
    response = ManagementResponseFactory(unit_report=report, concept=True)
    assert "Managementreactie" in kinds(unit_board)
    response.status = "ingediend"
    response.save(update_fields=["status"])
    assert "Managementreactie" not in kinds(unit_board)


def test_a_concept_report_asks_nothing_of_the_board(unit_board, cycle, uitkeren):
    UnitReportFactory(cycle=cycle, unit=uitkeren, status="concept", agreed_on=None, agreed_with="")
    assert "Managementreactie" not in kinds(unit_board)


def test_the_board_sees_follow_up_due_overdue_and_done_without_effect(
    client, unit_board, other_board, auditor, cycle, uitkeren
):
    today = timezone.localdate()
    recommendation = RecommendationFactory(cycle=cycle, unit=uitkeren)
    overdue = FollowUpActionFactory(
        recommendation=recommendation, title="Te laat", due_on=today - timedelta(days=2)
    )
    FollowUpActionFactory(
        recommendation=recommendation, title="Bijna", due_on=today + timedelta(days=10)
    )
    FollowUpActionFactory(
        recommendation=recommendation, title="Later", due_on=today + timedelta(days=60)
    )
    FollowUpActionFactory(recommendation=recommendation, title="Gereed zonder meting", gereed=True)
    measured = FollowUpActionFactory(recommendation=recommendation, title="Gemeten", gereed=True)
    EffectMeasurementFactory(action=measured)
    FollowUpActionFactory(recommendation=recommendation, title="Vervallen", vervallen=True)

    items = work_queue_for(unit_board)
    titles = [i.title for i in items]
    assert titles[0] == "Vervolgactie ‘Te laat’"  # overdue first
    assert "Vervolgactie ‘Bijna’" in titles
    assert "Vervolgactie ‘Gereed zonder meting’ is gereed zonder effectmeting" in titles
    assert not [t for t in titles if "Later" in t or "Gemeten" in t or "Vervallen" in t]
    client.force_login(unit_board)
    assert client.get(items[0].url).status_code == 200
    html = client.get(reverse("home")).content.decode()
    assert "te laat: uiterlijk" in html
    assert overdue.title in html
    for user in (other_board, auditor):
        assert not [i for i in work_queue_for(user) if i.kind in {"Vervolgactie", "Effect meten"}]


def _version(cycle, coordinator, **fields):
    at = fields.pop("at", timezone.now())
    return ReportVersion.objects.create(
        cycle=cycle,
        requested_by=coordinator,
        requested_at=at,
        progress_at=at,
        report_status=fields.pop("report_status", "Concept"),
        **fields,
    )


def test_the_coordination_team_sees_a_failed_or_stuck_publication(
    client, coordinator, board_member, unit_board, cycle
):
    _version(
        cycle,
        coordinator,
        label="1.0",
        state=PublishState.FAILED,
        at=timezone.now() - timedelta(hours=2),
    )
    [line] = [i for i in work_queue_for(coordinator) if i.kind == "Publicatie mislukt"]
    assert line.title == "Rapportversie 1.0 (2031) is niet gepubliceerd"
    assert line.detail == "Mislukt"
    client.force_login(coordinator)
    assert client.get(line.url).status_code == 200
    # A later version stuck without progress takes its place.
    _version(
        cycle,
        coordinator,
        label="1.1",
        state=PublishState.RUNNING,
        at=timezone.now() - timedelta(minutes=30),
    )
    [line] = [i for i in work_queue_for(coordinator) if i.kind == "Publicatie mislukt"]
    assert line.title == "Rapportversie 1.1 (2031) is niet gepubliceerd"
    assert line.detail == "Blijft hangen"
    for user in (board_member, unit_board):
        assert "Publicatie mislukt" not in kinds(user)


def test_a_failed_version_retried_by_a_later_one_is_no_longer_listed(coordinator, cycle):
    _version(
        cycle,
        coordinator,
        label="1.0",
        state=PublishState.FAILED,
        at=timezone.now() - timedelta(hours=2),
    )
    _version(cycle, coordinator, label="1.1", state=PublishState.QUEUED)
    assert "Publicatie mislukt" not in kinds(coordinator)


def test_the_coordination_team_sees_unit_reports_waiting_in_the_roll_up(
    client, coordinator, auditor, unit_board, cycle, uitkeren, communicatie
):
    AuditCycle.objects.filter(pk=cycle.pk).update(status="oprollen")
    UnitReportFactory(cycle=cycle, unit=uitkeren, status="concept", agreed_on=None, agreed_with="")
    UnitReportFactory(cycle=cycle, unit=communicatie, status="afgestemd")
    lines = {i.title: i.kind for i in work_queue_for(coordinator)}
    assert lines["Rapport Uitkeren 2031"] == "Rapport afstemmen"
    assert lines["Rapport Communicatie 2031"] == "Rapport definitief maken"
    client.force_login(coordinator)
    for item in work_queue_for(coordinator):
        assert client.get(item.url).status_code == 200
    for user in (auditor, unit_board):
        assert "Rapport afstemmen" not in kinds(user)


def test_the_rvb_sees_a_newly_published_version(
    client, board_member, coordinator, unit_board, cycle
):
    common = {
        "state": PublishState.DONE,
        "pdf": "rapportversies/x.pdf",
        "pdf_sha256": "a" * 64,
        "snapshot": {},
        "report_status": "Definitief",
    }
    _version(cycle, coordinator, label="2.0", published_at=timezone.now(), **common)
    _version(
        cycle,
        coordinator,
        label="1.0",
        published_at=timezone.now() - datetime.timedelta(days=90),
        **common,
    )
    [line] = [i for i in work_queue_for(board_member) if i.kind == "Nieuw gepubliceerd"]
    assert line.title == "Rapport Interne Toets KMS 2031, versie 2.0 (Definitief)"
    client.force_login(board_member)
    assert client.get(line.url).status_code == 200
    assert "Nieuw gepubliceerd" not in kinds(unit_board)


def test_participants_are_asked_to_rate_the_audit_once_its_findings_are_there(
    client, auditor, other_auditor, unit_board, coordinator, board_member, cycle
):
    assert "Evaluatie" not in kinds(auditor)  # fieldwork: nothing to rate yet
    AuditCycle.objects.filter(pk=cycle.pk).update(status="oprollen")
    for user in (auditor, unit_board):
        [line] = [i for i in work_queue_for(user) if i.kind == "Evaluatie"]
        assert line.title == "Beoordeel de Interne Toets KMS 2031"
        client.force_login(user)
        assert client.get(line.url).status_code == 200
    # Those who did not take part are not asked; a participant who rated is not asked again.
    for user in (other_auditor, coordinator, board_member):
        assert "Evaluatie" not in kinds(user)
    AuditRatingFactory(cycle=cycle, rater=auditor)
    assert "Evaluatie" not in kinds(auditor)
    assert "Evaluatie" in kinds(unit_board)


def test_an_older_cycle_is_not_asked_again_once_a_newer_one_is_rated(
    auditor, coordinator, cycle, uitkeren
):
    AuditCycle.objects.filter(pk=cycle.pk).update(status="gepubliceerd")
    newer = AuditCycleFactory(year=2032, status="kalibratie")
    AssignmentFactory(cycle=newer, unit=uitkeren, auditor=auditor)
    [line] = [i for i in work_queue_for(auditor) if i.kind == "Evaluatie"]
    assert line.title == "Beoordeel de Interne Toets KMS 2031"
    # Rated the newer cycle early (before its roll-up): the older one is not asked any more.
    AuditRatingFactory(cycle=newer, rater=auditor)
    assert "Evaluatie" not in kinds(auditor)


def test_the_auditor_sees_the_principles_still_without_a_finding(
    client, auditor, other_auditor, unit_board, cycle, uitkeren
):
    from tests.findings.unit_reporting import klant, observe, ok

    in_scope = AssessedPrinciple.objects.filter(cycle=cycle, unit=uitkeren).count()
    assert in_scope == 2  # Klantgerichtheid and Operationele Kwaliteit
    lines = {i.title: i for i in work_queue_for(auditor) if i.kind == "Bevindingen"}
    assert lines["Bevindingen Uitkeren 2031"].detail == "2 van 2 principes nog zonder bevinding"
    client.force_login(auditor)
    assert client.get(lines["Bevindingen Uitkeren 2031"].url).status_code == 200
    observe(auditor, cycle, uitkeren, principle=klant())
    observe(auditor, cycle, uitkeren, principle=klant(), text="Een tweede bevinding.")
    lines = {i.title: i for i in work_queue_for(auditor) if i.kind == "Bevindingen"}
    assert lines["Bevindingen Uitkeren 2031"].detail == "1 van 2 principes nog zonder bevinding"
    observe(auditor, cycle, uitkeren, principle=ok())
    assert "Bevindingen Uitkeren 2031" not in titles(auditor)
    for user in (other_auditor, unit_board):
        assert "Bevindingen" not in kinds(user)


def titles(user):
    return [item.title for item in work_queue_for(user)]
