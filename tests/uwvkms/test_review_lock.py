"""A record is sent back after review only while its author can still change it (issue 21 §3):
once its app's lock holds (an interview record or document judgement after fieldwork closed,
a finding or recommendation once the unit's report is agreed) sending back is refused with a
Dutch message and no page offers it, while marking it ready and approving it (no change of
content) stay possible, so the submission gate never waits for what cannot move."""

# ruff: noqa: F811 (the review fixtures are imported by name)
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from audits.constants import CycleStatus
from audits.models import AuditCycle
from tests.findings.unit_reporting import agree
from tests.review_fixtures import colleague, fieldwork  # noqa: F401 (fixtures)
from uwvkms.review import review_approve, review_request, review_send_back


def ready(actor, record):
    return review_request(actor=actor, record=record, expected_version=record.version)


def send_back(actor, record):
    return review_send_back(
        actor=actor, record=record, expected_version=record.version, note="Graag aanvullen."
    )


def close_fieldwork(cycle):
    AuditCycle.objects.filter(pk=cycle.pk).update(status=CycleStatus.KALIBRATIE)


def test_fieldwork_closed_refuses_sending_evidence_back(fieldwork, colleague, auditor, cycle):
    interview, check = (
        ready(colleague, fieldwork["interview"]),
        ready(colleague, fieldwork["document"]),
    )
    close_fieldwork(cycle)
    for record in (interview, check):
        with pytest.raises(ValidationError, match="niet meer worden teruggestuurd") as refused:
            send_back(auditor, record)
        assert "Kalibratie" in refused.value.messages[0]
        assert type(record).objects.get(pk=record.pk).review_status == "klaar"
        assert review_approve(
            actor=auditor, record=record, expected_version=record.version
        ).review_is_done
    # The findings of the unit are not locked by the cycle's phase: still sent back.
    assert send_back(auditor, ready(colleague, fieldwork["finding"])).review_status == (
        "teruggestuurd"
    )


def test_an_agreed_report_refuses_sending_findings_back(
    fieldwork, colleague, auditor, coordinator, cycle, uitkeren
):
    finding = ready(colleague, fieldwork["finding"])
    recommendation = ready(colleague, fieldwork["recommendation"])
    agree(coordinator, cycle, uitkeren)
    for record in (finding, recommendation):
        with pytest.raises(ValidationError, match="afgestemd"):
            send_back(auditor, record)
        assert review_approve(
            actor=auditor, record=record, expected_version=record.version
        ).review_is_done
    # The evidence is not locked by the report: still sent back.
    assert send_back(auditor, ready(colleague, fieldwork["interview"])).review_status == (
        "teruggestuurd"
    )


def test_the_pages_offer_no_send_back_once_locked(
    client, fieldwork, colleague, auditor, cycle, uitkeren
):
    interview, finding = (
        ready(colleague, fieldwork["interview"]),
        ready(colleague, fieldwork["finding"]),
    )
    client.force_login(auditor)
    review_page = reverse("findings:unit_review", args=[cycle.year, uitkeren.pk])
    interview_send_back = reverse("review_send_back", args=["interview", interview.pk])
    assert interview_send_back in client.get(review_page).content.decode()
    assert interview_send_back in client.get(interview.get_absolute_url()).content.decode()

    close_fieldwork(cycle)
    html = client.get(review_page).content.decode()
    assert interview_send_back not in html
    assert reverse("review_send_back", args=["finding", finding.pk]) in html  # not locked
    rows = {
        (row.line.kind.slug, row.line.record.pk): row
        for _kind, rows in client.get(review_page).context["review"].groups
        for row in rows
    }
    row = rows[("interview", interview.pk)]
    assert row.can_review and not row.can_send_back
    panel = client.get(interview.get_absolute_url()).content.decode()
    assert interview_send_back not in panel
    assert "Terugsturen kan niet meer" in panel
    # Typed in by hand: the form is not shown and nothing changes.
    response = client.get(interview_send_back, follow=True)
    assert "kan niet meer worden teruggestuurd" in response.content.decode()
    response = client.post(interview_send_back, {"version": interview.version, "note": "x"})
    assert response.status_code == 302
    assert type(interview).objects.get(pk=interview.pk).review_status == "klaar"
