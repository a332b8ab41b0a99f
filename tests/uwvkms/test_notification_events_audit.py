"""The audit chain's own events notify exactly the people who must act, and nobody else (issue 16
§3): an interview record sent for confirmation (its linked interviewees, not one of another
record nor one without an account), a correction an interviewee asked for (the unit's audit
team, not an auditor of another team); a unit report agreed (the unit's board: its management
response is due, not another unit's board) and that response submitted (the unit's audit team
and the coordination team, not the board itself nor another team). A move that is refused or
that nobody must act on tells nobody."""

import pytest
from django.core.exceptions import PermissionDenied

from audits.constants import InterviewAction
from audits.evidence_rules import InterviewTransitionNotAllowed
from audits.services import assignment_create
from audits.services.confirmations import interview_answer_by_interviewee
from audits.services.interviews import interview_transition
from tests.factories import InterviewFactory, UserFactory
from tests.findings.unit_reporting import agree, recommend, respond
from uwvkms.constants import Role
from uwvkms.models import Notification


def told(kind) -> set[str]:
    return set(Notification.objects.filter(kind=kind).values_list("recipient__username", flat=True))


def links_work(client, kind) -> None:
    """Every recipient opens the notification's link: it leads to a page they may see."""
    for notification in Notification.objects.filter(kind=kind).select_related("recipient"):
        client.force_login(notification.recipient)
        assert client.get(notification.url).status_code == 200, notification.recipient


@pytest.fixture
def jansen(db, uitkeren):
    return UserFactory(
        username="jansen", first_name="Jan", last_name="Jansen", business_unit=uitkeren
    )


@pytest.fixture
def bakker(db, uitkeren):
    """Interviewed too, but for another record of the same unit."""
    return UserFactory(username="bakker", business_unit=uitkeren)


@pytest.fixture
def other_team(cycle, coordinator, communicatie, fez):
    """An auditor of Communicatie only: another team than Uitkeren's."""
    other = UserFactory(username="toetser.com", business_unit=fez, roles=[Role.TOETSER])
    assignment_create(actor=coordinator, cycle=cycle, unit=communicatie, auditor=other)
    return other


@pytest.fixture
def other_board(db, communicatie):
    return UserFactory(username="directie.com", business_unit=communicatie, roles=[Role.DIRECTIE])


@pytest.fixture
def record(cycle, uitkeren, auditor, jansen, bakker, unit_board, other_team):
    InterviewFactory(
        cycle=cycle,
        unit=uitkeren,
        created_by=auditor,
        interviewees=[("B. Bakker", "Adviseur", bakker)],
    )
    return InterviewFactory(
        cycle=cycle,
        unit=uitkeren,
        created_by=auditor,
        interviewees=[("J. Jansen", "Teamleider", jansen), ("Eva de Vries", "Adviseur")],
    )


def send(interview, auditor):
    return interview_transition(
        actor=auditor, interview=interview, action=InterviewAction.SEND, expected_status="concept"
    )


def test_a_record_sent_for_confirmation_tells_its_linked_interviewees_only(client, record, auditor):
    send(record, auditor)
    links_work(client, "audits.interview.to_confirm")
    assert told("audits.interview.to_confirm") == {"jansen"}
    notification = Notification.objects.get()
    assert notification.url == f"/toetsing/ter-bevestiging/{record.pk}/"
    assert notification.title == f"Interviewverslag Uitkeren, {record.location} (15 september 2031)"
    # No names of interviewees in what leaves the building.
    assert "Jansen" not in notification.title
    assert "Vries" not in notification.title


def test_a_refused_send_tells_nobody(record, auditor, other_team):
    with pytest.raises(PermissionDenied):
        send(record, other_team)
    with pytest.raises(InterviewTransitionNotAllowed):
        interview_transition(
            actor=auditor,
            interview=record,
            action=InterviewAction.SEND,
            expected_status="ter_bevestiging",
        )
    assert not Notification.objects.exists()


def answer(interview, actor, action, remarks=""):
    interview.refresh_from_db()
    return interview_answer_by_interviewee(
        actor=actor,
        interview=interview,
        action=action,
        expected_version=interview.version,
        remarks=remarks,
    )


def test_a_correction_asked_by_an_interviewee_tells_the_units_audit_team_only(
    client, record, auditor, jansen, coordinator
):
    send(record, auditor)
    answer(record, jansen, InterviewAction.REQUEST_CORRECTION, remarks="De datum klopt niet.")
    assert told("audits.interview.correction_requested") == {"auditor"}
    notification = Notification.objects.get(kind="audits.interview.correction_requested")
    assert notification.url == record.get_absolute_url()
    assert "datum klopt" not in notification.title  # the remarks stay in the app
    links_work(client, "audits.interview.correction_requested")


def test_a_confirmation_and_a_refused_answer_tell_nobody(record, auditor, jansen, bakker):
    send(record, auditor)
    with pytest.raises(PermissionDenied):
        answer(record, bakker, InterviewAction.REQUEST_CORRECTION, remarks="Klopt niet.")
    answer(record, jansen, InterviewAction.CONFIRM)
    assert told("audits.interview.correction_requested") == set()
    assert set(Notification.objects.values_list("kind", flat=True)) == {
        "audits.interview.to_confirm"
    }


def test_a_correction_the_team_records_itself_tells_nobody(record, auditor):
    send(record, auditor)
    interview_transition(
        actor=auditor,
        interview=record,
        action=InterviewAction.REQUEST_CORRECTION,
        expected_status="ter_bevestiging",
        remarks="Telefonisch: de datum klopt niet.",
    )
    assert told("audits.interview.correction_requested") == set()


@pytest.fixture
def agreed(cycle, uitkeren, auditor, coordinator, unit_board, other_board, other_team):
    recommendation = recommend(auditor, cycle, uitkeren, title="Meet het effect")
    report = agree(coordinator, cycle, uitkeren)
    return report, recommendation


def test_an_agreed_report_asks_its_units_board_only_for_a_response(client, agreed, cycle, uitkeren):
    report, _ = agreed
    links_work(client, "findings.unit_report.response_requested")
    assert told("findings.unit_report.response_requested") == {"directie"}
    notification = Notification.objects.get()
    assert notification.url == f"/rapportage/2031/onderdelen/{uitkeren.pk}/reactie/"
    assert notification.title == "Rapport Interne Toets KMS 2031 van Uitkeren"
    assert (notification.object_type, notification.object_id) == (
        "findings.unitreport",
        str(report.pk),
    )


def test_a_refused_agreement_tells_nobody(cycle, uitkeren, auditor, other_team, unit_board):
    recommend(auditor, cycle, uitkeren)
    with pytest.raises(PermissionDenied):
        agree(other_team, cycle, uitkeren)
    assert not Notification.objects.exists()


def test_a_submitted_response_tells_the_units_audit_team_and_the_coordination_team(
    client, agreed, cycle, uitkeren, unit_board
):
    _, recommendation = agreed
    respond(unit_board, cycle, uitkeren, {recommendation: "herkend"}, submit=False)
    assert told("findings.management_response.submitted") == set()  # a concept is no news
    respond(unit_board, cycle, uitkeren, {recommendation: "herkend"})
    assert told("findings.management_response.submitted") == {"auditor", "coordinator"}
    notification = Notification.objects.filter(kind="findings.management_response.submitted")[0]
    assert notification.url == f"/rapportage/2031/onderdelen/{uitkeren.pk}/"
    assert notification.title == "Rapport Interne Toets KMS 2031 van Uitkeren"
    links_work(client, "findings.management_response.submitted")


def test_a_response_refused_to_another_units_board_tells_nobody(
    agreed, cycle, uitkeren, other_board
):
    _, recommendation = agreed
    with pytest.raises(PermissionDenied):
        respond(other_board, cycle, uitkeren, {recommendation: "herkend"})
    assert told("findings.management_response.submitted") == set()
