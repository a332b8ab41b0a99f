"""Each event notifies exactly the people who must act, and nobody else (issue 16 §3): a score
sent back (its unit's audit team, not another team's auditor) and re-submitted (the
coordination team); a report version published or failed (the coordination team) and a
Definitief one (the RvB); a herstelactie waiting for the DT's 2A decision (the DT of the lead
division, not another division's) or the RvB's 2B decision."""

import contextlib
import datetime

import pytest

from audits.models import AuditCycle
from findings.services import publishing
from herstel.constants import Forum, NotificationKind, Outcome, StepMove
from maturity.services import calibration_session_open, score_record, score_reopen_for_auditor
from tests.factories import (
    DocumentCheckFactory,
    InterviewFactory,
    ScoreFactory,
    UserFactory,
    principle,
)
from tests.findings.publishing_helpers import fake_render
from tests.herstel.flow import decide, move, start, submit
from tests.herstel.flow import notify as herstel_inform
from uwvkms.constants import Role
from uwvkms.models import Notification


def told(kind) -> set[str]:
    return set(Notification.objects.filter(kind=kind).values_list("recipient__username", flat=True))


@pytest.fixture
def reopened(cycle, coordinator, auditor, other_auditor, uitkeren, unit_board, board_member):
    AuditCycle.objects.filter(pk=cycle.pk).update(status="kalibratie")
    cycle.refresh_from_db()
    klant = principle("klantgerichtheid")
    score = ScoreFactory(cycle=cycle, unit=uitkeren, principle=klant, level=2, updated_by=auditor)
    # Reviewed fieldwork (issue 21 §3): the reopened score can be submitted again.
    score.cited_interviews.add(
        InterviewFactory(
            cycle=cycle, unit=uitkeren, bevestigd=True, principles=[klant], reviewed=True
        )
    )
    score.cited_documents.add(
        DocumentCheckFactory(
            cycle=cycle, unit=uitkeren, geleverd=True, principles=[klant], reviewed=True
        )
    )
    calibration_session_open(
        actor=coordinator,
        cycle=cycle,
        held_on=datetime.date(2031, 11, 4),
        participants=[auditor, coordinator],
    )
    score_reopen_for_auditor(
        actor=coordinator, score=score, reason="Werking ontbreekt.", expected_version=1
    )
    score.refresh_from_db()
    return score


def test_a_score_sent_back_tells_its_audit_team_only(reopened):
    assert told("maturity.score.sent_back") == {"auditor"}
    notification = Notification.objects.get(kind="maturity.score.sent_back")
    assert notification.title == "Klantgerichtheid bij Uitkeren (2031)"
    assert notification.url == f"/volwassenheid/2031/{reopened.unit_id}/klantgerichtheid/"
    # The coordinator's reason stays in the app: it is no part of the title.
    assert "Werking" not in notification.title


def test_a_resubmitted_score_tells_the_coordination_team_only(reopened, auditor, uitkeren):
    score_record(
        actor=auditor,
        cycle=reopened.cycle,
        unit=uitkeren,
        principle=reopened.principle,
        level=3,
        justification="Nu met de werking.",
        reason="Herzien na kalibratie.",
        expected_version=reopened.version,
        interviews=reopened.cited_interviews.all(),
        documents=reopened.cited_documents.all(),
    )
    assert told("maturity.score.resubmitted") == {"coordinator"}


def test_a_first_submission_tells_nobody(cycle, auditor, uitkeren):
    klant = principle("klantgerichtheid")
    score_record(
        actor=auditor,
        cycle=cycle,
        unit=uitkeren,
        principle=klant,
        level=None,
        justification="",
        expected_version=0,
        submit=False,
    )
    assert not Notification.objects.exists()


@pytest.fixture
def rvb_and_team(board_member, coordinator, auditor, unit_board):
    return board_member


def publish(cycle, coordinator, status, render=fake_render):
    version = publishing.report_version_publish(
        actor=coordinator, cycle=cycle, label="1.0", report_status=status
    )
    with contextlib.suppress(RuntimeError):
        publishing.report_version_render(version_id=version.pk, render=render)
    return version


def test_a_published_concept_tells_the_coordination_team_not_the_rvb(
    cycle, coordinator, rvb_and_team
):
    publish(cycle, coordinator, "Concept")
    assert told("findings.report_version.published") == {"coordinator"}
    assert told("findings.report_version.definitief") == set()


def test_a_definitief_version_tells_the_rvb(cycle, coordinator, rvb_and_team):
    from tests.findings.publishing_helpers import ready_for_definitive

    # A colleague in the team gave akkoord on the report's sections (four eyes).
    colleague = UserFactory(username="collega", roles=[Role.COORDINATIETEAM])
    ready_for_definitive(cycle=cycle, coordinator=coordinator, reviewer=colleague)
    publish(cycle, coordinator, "Definitief")
    assert told("findings.report_version.definitief") == {"rvb"}
    assert told("findings.report_version.published") == {"coordinator", "collega"}


def test_a_failed_publication_tells_the_coordination_team_only(cycle, coordinator, rvb_and_team):
    def broken(version):
        raise RuntimeError("lettertype ontbreekt")

    publish(cycle, coordinator, "Concept", render=broken)
    assert told("findings.report_version.failed") == {"coordinator"}
    assert told("findings.report_version.published") == set()


def test_herstel_waiting_for_2a_tells_the_lead_divisions_dt_only(
    adviser, dt_member, other_dt, board_member
):
    action = start(adviser)
    submit(action, adviser)
    assert told("herstel.herstelactie.awaiting_dt") == {"dt.uitkeren"}
    assert told("herstel.herstelactie.awaiting_rvb") == set()
    notification = Notification.objects.get()
    assert notification.url == action.get_absolute_url()


def test_herstel_waiting_for_2b_tells_the_rvb_only(adviser, dt_member, other_dt, board_member):
    action = start(adviser)
    submit(action, adviser)
    decide(action, dt_member, Forum.DT, Outcome.BESLUIT)
    herstel_inform(action, adviser, NotificationKind.RVB_INFORMED)
    move(action, dt_member, StepMove.TO_RVB)
    assert told("herstel.herstelactie.awaiting_rvb") == {"rvb"}
