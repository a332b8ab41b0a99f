"""Interviews on the work queue (issue 16 §1): an interviewee sees the records waiting for their
confirmation; an auditor sees their teams' records that came back with a correction request
(urgent) or wait for the interviewees. Another team's auditor sees none of them, and nothing of
a cycle whose fieldwork is over."""

from django.urls import reverse

from audits.models import AuditCycle
from tests.factories import InterviewFactory
from uwvkms.workqueue import Urgency, work_queue_for


def lines(user, kind):
    return [item for item in work_queue_for(user) if item.kind == kind]


def test_the_auditor_sees_a_correction_request_first(
    client, auditor, other_auditor, cycle, uitkeren
):
    InterviewFactory(cycle=cycle, unit=uitkeren, ter_bevestiging=True)
    InterviewFactory(cycle=cycle, unit=uitkeren, correctie_gevraagd=True)
    [correction] = lines(auditor, "Correctie gevraagd")
    assert correction.urgency == Urgency.URGENT
    assert correction.detail == "Het citaat klopt niet helemaal."
    assert "15 september 2031" in correction.title  # a Dutch date
    [waiting] = lines(auditor, "Wacht op bevestiging")
    queue = work_queue_for(auditor)
    assert queue.index(correction) < queue.index(waiting)
    client.force_login(auditor)
    assert client.get(correction.url).status_code == 200
    assert not lines(other_auditor, "Correctie gevraagd")
    assert not lines(other_auditor, "Wacht op bevestiging")


def test_nothing_of_a_cycle_past_its_fieldwork(auditor, cycle, uitkeren):
    InterviewFactory(cycle=cycle, unit=uitkeren, correctie_gevraagd=True)
    AuditCycle.objects.filter(pk=cycle.pk).update(status="kalibratie")
    assert not lines(auditor, "Correctie gevraagd")


def test_the_interviewee_sees_the_records_to_confirm(client, unit_board, auditor, cycle, uitkeren):
    InterviewFactory(
        cycle=cycle,
        unit=uitkeren,
        ter_bevestiging=True,
        interviewees=[("Directie", "Directeur", unit_board)],
    )
    unit_board.refresh_from_db()  # the facts are loaded once per user object
    [line] = lines(unit_board, "Interview bevestigen")
    assert line.title == "1 interviewverslag wacht op uw bevestiging"
    assert line.url == reverse("audits:confirmation_list")
    client.force_login(unit_board)
    assert client.get(line.url).status_code == 200
    assert not lines(auditor, "Interview bevestigen")


def test_no_line_nor_badge_for_a_record_that_can_no_longer_be_confirmed(
    client, unit_board, cycle, uitkeren
):
    # Confirming is possible until calibration closes (the cycle moves on to the roll-up):
    # then confirming would be refused, so no line and no badge lead there.
    InterviewFactory(
        cycle=cycle,
        unit=uitkeren,
        ter_bevestiging=True,
        interviewees=[("Directie", "Directeur", unit_board)],
    )
    AuditCycle.objects.filter(pk=cycle.pk).update(status="kalibratie")
    assert lines(unit_board, "Interview bevestigen")
    AuditCycle.objects.filter(pk=cycle.pk).update(status="oprollen")
    unit_board.refresh_from_db()
    unit_board.__dict__.pop("_user_facts", None)
    assert not lines(unit_board, "Interview bevestigen")
    client.force_login(unit_board)
    html = client.get(reverse("home")).content.decode()
    assert "Ter bevestiging (" not in html
