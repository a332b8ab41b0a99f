"""Withdrawing an interview entered in error (issue 17, "mistakes undone"): never deleted, withdrawn
with a reason by the unit's audit team while it is not yet evidence, after a page that asks for
the reason (GET shows it, POST withdraws). It leaves every count and every confirmation request;
the list shows it struck through with who, when and why, and the history records it."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from audits.models import AuditCycle, Interview
from audits.selectors.districts import districts_of
from audits.selectors.evidence import evidence_units_for_user
from audits.services.interviews import interview_withdraw
from tests.factories import InterviewFactory, UserFactory
from uwvkms.models import AuditEvent

REASON = "Dubbel vastgelegd: hetzelfde gesprek."


@pytest.fixture
def interview(cycle, uitkeren, auditor):
    return InterviewFactory(cycle=cycle, unit=uitkeren, created_by=auditor)


def url(interview):
    return reverse("audits:interview_withdraw", args=[interview.cycle.year, interview.pk])


@pytest.mark.parametrize("trait", ["concept", "ter_bevestiging", "correctie_gevraagd"])
def test_the_audit_team_withdraws_a_record_that_is_not_yet_evidence(
    cycle, uitkeren, auditor, trait
):
    traits = {} if trait == "concept" else {trait: True}
    interview = InterviewFactory(cycle=cycle, unit=uitkeren, created_by=auditor, **traits)
    interview_withdraw(actor=auditor, interview=interview, reason=f"  {REASON} ")
    assert not Interview.objects.filter(pk=interview.pk).exists()  # gone from every count
    kept = Interview.with_withdrawn.get(pk=interview.pk)  # but never deleted
    assert (kept.withdrawn_by, kept.withdrawal_reason, kept.status) == (auditor, REASON, trait)
    event = AuditEvent.objects.get(event="audits.interview.withdrawn")
    assert (event.actor, event.reason, event.changes) == (
        auditor,
        REASON,
        {"withdrawn": [False, True]},
    )


@pytest.mark.parametrize(
    ("trait", "reason", "message"),
    [
        ("bevestigd", REASON, "Een bevestigd interview telt als bewijs en wordt niet ingetrokken."),
        ("concept", "  ", "Geef de reden waarom u dit intrekt."),
    ],
)
def test_refused_for_evidence_or_without_a_reason(cycle, uitkeren, auditor, trait, reason, message):
    traits = {} if trait == "concept" else {trait: True}
    interview = InterviewFactory(cycle=cycle, unit=uitkeren, created_by=auditor, **traits)
    with pytest.raises(ValidationError) as refused:
        interview_withdraw(actor=auditor, interview=interview, reason=reason)
    assert message in " ".join(refused.value.messages)
    assert Interview.objects.filter(pk=interview.pk).exists()
    assert not AuditEvent.objects.filter(event="audits.interview.withdrawn").exists()


def test_refused_twice_and_after_fieldwork(cycle, auditor, interview):
    interview_withdraw(actor=auditor, interview=interview, reason=REASON)
    with pytest.raises(ValidationError, match="is al ingetrokken"):
        interview_withdraw(actor=auditor, interview=interview, reason=REASON)
    other = InterviewFactory(cycle=cycle, unit=interview.unit, created_by=auditor)
    AuditCycle.objects.filter(pk=cycle.pk).update(status="kalibratie")
    with pytest.raises(ValidationError, match="Voorbereiding en Veldwerk"):
        interview_withdraw(actor=auditor, interview=other, reason=REASON)


@pytest.mark.parametrize("persona", ["other_auditor", "coordinator", "unit_board", "outsider"])
def test_only_the_units_audit_team_withdraws(request, interview, persona):
    someone = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        interview_withdraw(actor=someone, interview=interview, reason=REASON)
    assert Interview.objects.filter(pk=interview.pk).exists()


def test_the_page_asks_for_the_reason_then_withdraws(client, auditor, interview):
    client.force_login(auditor)
    detail = client.get(interview.get_absolute_url()).content.decode()
    assert url(interview) in detail  # offered on the record's page
    page = client.get(url(interview))
    assert page.status_code == 200
    content = page.content.decode()
    assert "Interview intrekken?" in content and "Reden van intrekken" in content
    assert Interview.objects.filter(pk=interview.pk).exists()  # GET changes nothing
    # Without a reason: refused, nothing withdrawn.
    refused = client.post(url(interview), {"reason": ""})
    assert refused.status_code == 400
    assert "Geef de reden waarom u dit intrekt." in refused.content.decode()
    response = client.post(url(interview), {"reason": REASON})
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "audits:interview_list", args=[interview.cycle.year, interview.unit_id]
    )
    listing = client.get(response["Location"]).content.decode()
    assert "<del>" in listing and "Ingetrokken door" in listing and REASON in listing
    # Its own page stays readable, struck through with the reason and the history; no moves.
    page = client.get(interview.get_absolute_url())
    assert page.status_code == 200
    content = page.content.decode()
    assert "Dit interview telt nergens meer mee." in content
    assert "Interview ingetrokken" in content  # the history
    assert url(interview) not in content and "Interview wijzigen" not in content
    # The editor and the withdrawal page are gone for it.
    assert client.get(url(interview)).status_code == 404
    edit = reverse("audits:interview_edit", args=[interview.cycle.year, interview.pk])
    assert client.get(edit).status_code == 404


@pytest.mark.parametrize("persona", ["other_auditor", "coordinator", "unit_board", "outsider"])
def test_the_page_is_refused_to_anyone_else(client, request, interview, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(url(interview)).status_code == 403
    assert client.post(url(interview), {"reason": REASON}).status_code == 403
    assert Interview.objects.filter(pk=interview.pk).exists()


def test_a_confirmed_record_is_not_offered(client, cycle, uitkeren, auditor):
    interview = InterviewFactory(cycle=cycle, unit=uitkeren, created_by=auditor, bevestigd=True)
    client.force_login(auditor)
    assert url(interview) not in client.get(interview.get_absolute_url()).content.decode()
    page = client.get(url(interview)).content.decode()
    assert "wordt niet ingetrokken" in page and ">Interview intrekken</button>" not in page


def test_withdrawn_records_leave_counts_and_confirmation_requests(
    client, cycle, uitkeren, auditor, coordinator
):
    linked = UserFactory(business_unit=uitkeren)
    waiting = InterviewFactory(
        cycle=cycle,
        unit=uitkeren,
        created_by=auditor,
        ter_bevestiging=True,
        interviewees=[("Jan Jansen", "Teamleider", linked)],
    )
    InterviewFactory(cycle=cycle, unit=uitkeren, created_by=auditor, location=waiting.location)
    client.force_login(linked)
    assert "Ter bevestiging (1)" in client.get(reverse("home")).content.decode()

    interview_withdraw(actor=auditor, interview=waiting, reason=REASON)

    # The request lapsed with it: no badge, not in the interviewee's list, its page is gone.
    linked.__dict__.pop("_user_facts", None)
    assert "Ter bevestiging (" not in client.get(reverse("home")).content.decode()
    assert list(client.get(reverse("audits:confirmation_list")).context["interviews"]) == []
    confirm = reverse("audits:confirmation_detail", args=[waiting.pk])
    assert client.get(confirm).status_code == 404
    # The counts: one interview left at the unit and at the place.
    _cycle, summaries = evidence_units_for_user(user=coordinator, year=cycle.year)
    assert {s.unit: s.interviews for s in summaries}[uitkeren] == 1
    (place,) = [d for d in districts_of(cycle=cycle, unit=uitkeren) if d.pk == waiting.location_id]
    assert place.interview_count == 1


def test_the_request_to_confirm_a_withdrawn_record_is_no_longer_unread(cycle, uitkeren, auditor):
    from audits.services.interviews import interview_transition
    from uwvkms.models import Notification

    linked = UserFactory(business_unit=uitkeren)
    interview = InterviewFactory(
        cycle=cycle,
        unit=uitkeren,
        created_by=auditor,
        interviewees=[("Jan Jansen", "Teamleider", linked)],
    )
    interview_transition(
        actor=auditor, interview=interview, action="send", expected_status="concept"
    )
    assert Notification.objects.get(recipient=linked).read_at is None
    interview_withdraw(actor=auditor, interview=interview, reason=REASON)
    assert Notification.objects.get(recipient=linked).read_at is not None
