"""The appreciative question set: per principle the coordination team adds, rewords and retires
questions; every change is recorded; nobody else may touch it."""

import pytest
from django.urls import reverse

from audits.models import InterviewQuestion
from tests.factories import principle
from uwvkms.models import AuditEvent


def list_url(code="klantgerichtheid"):
    return reverse("audits:question_list", args=[code])


def test_the_principles_page_counts_questions(client, coordinator):
    client.force_login(coordinator)
    page = client.get(reverse("audits:question_principles"))
    assert page.status_code == 200
    klant = next(p for p in page.context["principles"] if p.code == "klantgerichtheid")
    assert (
        klant.active_questions
        == InterviewQuestion.objects.filter(principle=klant, is_active=True).count()
    )


def test_coordinator_adds_a_question(client, coordinator):
    client.force_login(coordinator)
    assert client.get(list_url()).status_code == 200
    response = client.post(list_url(), {"text": "  Wat  maakt klanten blij? "})
    assert response.status_code == 302
    question = InterviewQuestion.objects.get(text="Wat maakt klanten blij?")
    assert question.principle == principle("klantgerichtheid")
    assert question.order == max(
        InterviewQuestion.objects.filter(principle=question.principle).values_list(
            "order", flat=True
        )
    )
    event = AuditEvent.objects.get(event="audits.interview_question.created")
    assert event.changes["text"] == [None, "Wat maakt klanten blij?"]


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "Dit veld is verplicht."), ("waar ben je TROTS op?", "Deze vraag staat al")],
)
def test_empty_or_duplicate_questions_are_refused(client, coordinator, text, message):
    client.force_login(coordinator)
    before = InterviewQuestion.objects.count()
    response = client.post(list_url(), {"text": text})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert InterviewQuestion.objects.count() == before


def test_the_same_question_may_serve_another_principle(client, coordinator):
    client.force_login(coordinator)
    text = "Hoe weet je wat de klant van jullie werk vindt?"  # seeded for Klantgerichtheid
    assert client.post(list_url("leiderschap"), {"text": text}).status_code == 302


def test_coordinator_rewords_a_question(client, coordinator):
    client.force_login(coordinator)
    question = InterviewQuestion.objects.filter(principle__code="klantgerichtheid").first()
    old = question.text
    url = reverse("audits:question_edit", args=["klantgerichtheid", question.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"text": "Waar ben je het meest trots op?"}).status_code == 302
    question.refresh_from_db()
    assert question.text == "Waar ben je het meest trots op?"
    event = AuditEvent.objects.get(event="audits.interview_question.updated")
    assert event.changes == {"text": [old, "Waar ben je het meest trots op?"]}


def test_a_question_is_edited_only_under_its_own_principle(client, coordinator):
    client.force_login(coordinator)
    question = InterviewQuestion.objects.filter(principle__code="klantgerichtheid").first()
    url = reverse("audits:question_edit", args=["leiderschap", question.pk])
    assert client.get(url).status_code == 404


def test_coordinator_retires_and_reuses_a_question(client, coordinator):
    client.force_login(coordinator)
    question = InterviewQuestion.objects.filter(principle__code="klantgerichtheid").first()
    url = reverse("audits:question_set_active", args=["klantgerichtheid", question.pk])
    client.post(url, {"is_active": "0"})
    question.refresh_from_db()
    assert not question.is_active
    client.post(url, {"is_active": "1"})
    question.refresh_from_db()
    assert question.is_active
    assert [
        e.event
        for e in AuditEvent.objects.filter(object_type="audits.interviewquestion").order_by("id")
    ] == ["audits.interview_question.deactivated", "audits.interview_question.activated"]


@pytest.mark.parametrize(
    "persona", ["auditor", "other_auditor", "unit_board", "board_member", "outsider"]
)
def test_only_the_coordination_team_maintains_the_question_set(client, db, request, persona):
    client.force_login(request.getfixturevalue(persona))
    question = InterviewQuestion.objects.filter(principle__code="klantgerichtheid").first()
    before = list(InterviewQuestion.objects.values_list("id", "text", "is_active"))
    assert client.get(reverse("audits:question_principles")).status_code == 403
    assert client.get(list_url()).status_code == 403
    assert client.post(list_url(), {"text": "Nieuw?"}).status_code == 403
    edit = reverse("audits:question_edit", args=["klantgerichtheid", question.pk])
    assert client.get(edit).status_code == 403
    assert client.post(edit, {"text": "Anders?"}).status_code == 403
    active = reverse("audits:question_set_active", args=["klantgerichtheid", question.pk])
    assert client.post(active, {"is_active": "0"}).status_code == 403
    assert list(InterviewQuestion.objects.values_list("id", "text", "is_active")) == before
    assert not AuditEvent.objects.filter(object_type="audits.interviewquestion").exists()
