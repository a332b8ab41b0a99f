"""Sending a record for confirmation is a guarded move (issue 17): a page says who will be asked
and what happens (GET, nothing changes), its button sends (POST). Offered only to the unit's
audit team while the record may be sent; refused to anyone else."""

import pytest
from django.urls import reverse

from audits.models import AuditCycle
from tests.factories import InterviewFactory, UserFactory
from uwvkms.models import AuditEvent


@pytest.fixture
def linked(db, uitkeren):
    return UserFactory(first_name="Jan", last_name="Jansen", business_unit=uitkeren)


@pytest.fixture
def interview(cycle, uitkeren, auditor, linked):
    return InterviewFactory(
        cycle=cycle,
        unit=uitkeren,
        created_by=auditor,
        interviewees=[("Jan Jansen", "Teamleider", linked), ("Piet Bakker", "Medewerker")],
    )


def url(interview):
    return reverse("audits:interview_send", args=[interview.cycle.year, interview.pk])


def send(client, interview, status="concept"):
    return client.post(url(interview), {"send-action": "send", "send-status": status})


def test_the_page_says_who_is_asked_then_sends(client, auditor, interview, linked):
    client.force_login(auditor)
    assert url(interview) in client.get(interview.get_absolute_url()).content.decode()
    page = client.get(url(interview))
    assert page.status_code == 200
    content = page.content.decode()
    assert "Verslag ter bevestiging sturen?" in content
    assert "krijgt een bericht en bevestigt zelf in de app" in content  # Jan
    assert "zonder account: vraag de bevestiging zelf" in content  # Piet
    assert "Bevestigen kan tot de kalibratie van toetscyclus 2031 sluit" in content
    interview.refresh_from_db()
    assert interview.status == "concept"  # GET changes nothing
    response = send(client, interview)
    assert response.status_code == 302
    interview.refresh_from_db()
    assert interview.status == "ter_bevestiging"
    assert AuditEvent.objects.filter(event="audits.interview.sent").count() == 1
    # A second click (the page opened before) changes nothing.
    again = send(client, interview)
    assert again.status_code == 400
    assert "staat intussen op Ter bevestiging" in again.content.decode()
    assert AuditEvent.objects.filter(event="audits.interview.sent").count() == 1


@pytest.mark.parametrize("persona", ["other_auditor", "coordinator", "unit_board", "outsider"])
def test_refused_to_anyone_else(client, request, interview, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(url(interview)).status_code == 403
    assert send(client, interview).status_code == 403
    interview.refresh_from_db()
    assert interview.status == "concept"


def test_the_linked_interviewee_cannot_send(client, interview, linked):
    client.force_login(linked)
    assert client.get(url(interview)).status_code == 403


@pytest.mark.parametrize("trait", ["ter_bevestiging", "bevestigd"])
def test_not_offered_when_the_record_cannot_be_sent(client, cycle, uitkeren, auditor, trait):
    interview = InterviewFactory(cycle=cycle, unit=uitkeren, created_by=auditor, **{trait: True})
    client.force_login(auditor)
    assert url(interview) not in client.get(interview.get_absolute_url()).content.decode()
    page = client.get(url(interview)).content.decode()
    assert "kan nu niet ter bevestiging worden gestuurd" in page
    assert ">Ter bevestiging sturen</button>" not in page


def test_not_offered_after_fieldwork(client, cycle, auditor, interview):
    AuditCycle.objects.filter(pk=cycle.pk).update(status="kalibratie")
    client.force_login(auditor)
    assert url(interview) not in client.get(interview.get_absolute_url()).content.decode()
    page = client.get(url(interview)).content.decode()
    assert "er gaan geen verslagen meer ter bevestiging" in page
    assert send(client, interview).status_code == 400
    interview.refresh_from_db()
    assert interview.status == "concept"


def test_sending_again_asks_everyone_again(client, cycle, uitkeren, auditor, linked):
    """After a correction each interviewee confirms the corrected record: earlier answers go."""
    interview = InterviewFactory(
        cycle=cycle,
        unit=uitkeren,
        created_by=auditor,
        correctie_gevraagd=True,
        interviewees=[("Piet Bakker", "Medewerker")],
    )
    interview.interviewees.update(
        confirmed_on="2025-09-16",
        confirmed_via="email",
        confirmation_recorded_by=auditor,
        confirmation_recorded_at="2025-09-16T10:00:00Z",
    )
    client.force_login(auditor)
    assert send(client, interview, status="correctie_gevraagd").status_code == 302
    assert not interview.interviewees.get().has_confirmed
