"""Reminders and escalation of evidence requests (issue 21 §1) through the daily job
(`uwvkms.reminders`): before the due date the unit's board and quality contacts, after it also
the lead auditor; once per occasion; nothing once every item is answered or fieldwork closed."""

import datetime

from django.utils import timezone

from audits.models import AuditCycle, EvidenceRequest
from audits.notifications import request_reminders
from audits.services import requests as services
from uwvkms.models import Notification
from uwvkms.reminders import reminders_send


def _due_in(evidence_request, days):
    EvidenceRequest.objects.filter(pk=evidence_request.pk).update(
        due_on=timezone.localdate() + datetime.timedelta(days=days)
    )


def _told(kind):
    return set(Notification.objects.filter(kind=kind).values_list("recipient__username", flat=True))


def test_nothing_while_the_date_is_far(qc, evidence_request):
    _due_in(evidence_request, 30)
    assert request_reminders(timezone.localdate()) == []


def test_the_unit_is_reminded_once_before_the_date(qc, evidence_request):
    _due_in(evidence_request, 3)
    assert reminders_send() >= 2
    assert _told("audits.evidence_request.due") == {"directie", "kwaliteit"}
    before = Notification.objects.count()
    reminders_send()
    assert Notification.objects.count() == before


def test_past_the_date_the_lead_auditor_hears_it_too(qc, evidence_request):
    _due_in(evidence_request, -1)
    reminders_send()
    assert _told("audits.evidence_request.escalated") == {"directie", "kwaliteit", "auditor"}


def test_nothing_once_every_item_is_answered(qc, evidence_request, unit_board):
    for item in evidence_request.items.all():
        services.request_item_answer(
            actor=unit_board, item=item, action="nvt", answer="N.v.t.", expected_version=1
        )
    _due_in(evidence_request, -1)
    assert request_reminders(timezone.localdate()) == []


def test_nothing_once_fieldwork_is_closed(qc, evidence_request, cycle):
    _due_in(evidence_request, -1)
    AuditCycle.objects.filter(pk=cycle.pk).update(status="kalibratie")
    assert request_reminders(timezone.localdate()) == []
