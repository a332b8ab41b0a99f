"""The life of an interview record: concept → ter bevestiging → bevestigd, or correctie gevraagd
(with the interviewees' remarks) → edit → ter bevestiging again; back to concept from ter
bevestiging. The page offers only the moves the table allows; every move is recorded."""

import datetime

import pytest
from django.urls import reverse

from audits.models import AuditCycle
from tests.factories import InterviewFactory
from uwvkms.models import AuditEvent


def move(client, interview, action, *, status=None, **fields):
    data = {f"{action}-action": action, f"{action}-status": status or interview.status}
    data |= {f"{action}-{key}": value for key, value in fields.items()}
    return client.post(
        reverse("audits:interview_transition", args=[interview.cycle.year, interview.pk]), data
    )


@pytest.fixture
def interview(cycle, uitkeren, auditor):
    return InterviewFactory(
        cycle=cycle,
        unit=uitkeren,
        created_by=auditor,
        held_on=datetime.date(2025, 9, 15),
        interviewees=[("Jan Jansen", "Teamleider"), ("Eva de Vries", "Adviseur")],
    )


def send(client, interview, *, status=None):
    """Send a record through its guarded page (the POST of the page's form)."""
    return client.post(
        reverse("audits:interview_send", args=[interview.cycle.year, interview.pk]),
        {"send-action": "send", "send-status": status or interview.status},
    )


def record(client, interview, person, *, on="2025-09-20", via="email"):
    return client.post(
        reverse("audits:interviewee_confirmation", args=[interview.cycle.year, interview.pk]),
        {"interviewee": person.pk, "confirmed_on": on, "confirmed_via": via},
    )


def test_send_and_confirm_per_interviewee(client, auditor, interview):
    client.force_login(auditor)
    assert send(client, interview).status_code == 302
    interview.refresh_from_db()
    assert (interview.status, interview.version) == ("ter_bevestiging", 2)
    jan, eva = interview.interviewees.all()
    assert record(client, interview, eva).status_code == 302
    interview.refresh_from_db()
    assert interview.status == "ter_bevestiging"  # Jan has not confirmed yet
    assert record(client, interview, jan, via="telefonisch").status_code == 302
    interview.refresh_from_db()
    assert interview.status == "bevestigd"
    assert interview.confirmed_by == "Jan Jansen, Eva de Vries"
    assert interview.confirmed_at is not None
    sent, first, last = AuditEvent.objects.filter(object_type="audits.interview").order_by("id")
    assert sent.event == "audits.interview.sent"
    assert sent.changes == {"status": ["concept", "ter_bevestiging"]}
    assert first.event == last.event == "audits.interviewee.confirmed"
    assert first.actor == auditor  # who recorded the confirmation
    assert first.changes == {"confirmed.Eva de Vries": [None, "20 september 2025, per e-mail"]}
    assert last.changes["status"] == ["ter_bevestiging", "bevestigd"]
    page = client.get(interview.get_absolute_url()).content.decode()
    assert "Dit verslag is bevestigd door Jan Jansen, Eva de Vries" in page


def test_the_record_is_never_confirmed_as_a_whole(client, auditor, cycle, uitkeren):
    interview = InterviewFactory(
        cycle=cycle, unit=uitkeren, created_by=auditor, ter_bevestiging=True
    )
    client.force_login(auditor)
    response = move(client, interview, "confirm")
    assert response.status_code == 400
    assert "Leg de bevestiging per geïnterviewde vast" in response.content.decode()
    interview.refresh_from_db()
    assert interview.status == "ter_bevestiging"


def test_correction_round(client, auditor, interview):
    client.force_login(auditor)
    send(client, interview)
    interview.refresh_from_db()
    response = move(client, interview, "request_correction", remarks="Mijn functie klopt niet.")
    assert response.status_code == 302
    interview.refresh_from_db()
    assert interview.status == "correctie_gevraagd"
    assert interview.correction_remarks == "Mijn functie klopt niet."
    event = AuditEvent.objects.get(event="audits.interview.correction_requested")
    assert event.changes["correction_remarks"] == [None, "Mijn functie klopt niet."]
    # Editable again, and then sent again.
    edit = client.get(reverse("audits:interview_edit", args=[interview.cycle.year, interview.pk]))
    assert edit.status_code == 200
    assert "Mijn functie klopt niet." in edit.content.decode()
    assert send(client, interview).status_code == 302
    interview.refresh_from_db()
    assert interview.status == "ter_bevestiging"


def test_a_correction_needs_the_remarks(client, auditor, cycle, uitkeren):
    interview = InterviewFactory(
        cycle=cycle, unit=uitkeren, created_by=auditor, ter_bevestiging=True
    )
    client.force_login(auditor)
    response = move(client, interview, "request_correction", remarks="  ")
    assert response.status_code == 400
    assert "Neem de opmerkingen van de geïnterviewden over." in response.content.decode()


def test_reopen_to_concept(client, auditor, cycle, uitkeren):
    interview = InterviewFactory(
        cycle=cycle, unit=uitkeren, created_by=auditor, ter_bevestiging=True
    )
    client.force_login(auditor)
    assert move(client, interview, "reopen").status_code == 302
    interview.refresh_from_db()
    assert interview.status == "concept"
    assert AuditEvent.objects.get(event="audits.interview.reopened").changes == {
        "status": ["ter_bevestiging", "concept"]
    }


@pytest.mark.parametrize(
    ("trait", "action"),
    [
        ("concept", "request_correction"),
        ("concept", "reopen"),
        ("bevestigd", "send"),
        ("bevestigd", "reopen"),
        ("ter_bevestiging", "send"),
    ],
)
def test_moves_outside_the_table_are_refused(client, auditor, cycle, uitkeren, trait, action):
    traits = {} if trait == "concept" else {trait: True}
    interview = InterviewFactory(cycle=cycle, unit=uitkeren, created_by=auditor, **traits)
    client.force_login(auditor)
    response = move(client, interview, action, remarks="x")
    assert response.status_code == 400
    assert "kan nu niet" in response.content.decode()
    before = interview.status
    interview.refresh_from_db()
    assert interview.status == before
    assert not AuditEvent.objects.filter(object_type="audits.interview").exists()


def test_a_move_from_a_stale_page_changes_nothing(client, auditor, cycle, uitkeren):
    interview = InterviewFactory(
        cycle=cycle, unit=uitkeren, created_by=auditor, ter_bevestiging=True
    )
    client.force_login(auditor)
    response = send(client, interview, status="concept")  # page opened before sending
    assert response.status_code == 400
    assert "staat intussen op Ter bevestiging" in response.content.decode()


def test_an_unknown_action_is_not_found(client, auditor, interview):
    client.force_login(auditor)
    url = reverse("audits:interview_transition", args=[interview.cycle.year, interview.pk])
    assert client.post(url, {"action": "delete"}).status_code == 404


@pytest.mark.parametrize(
    ("trait", "offered", "can_send", "records"),
    [
        ("concept", [], True, False),
        ("ter_bevestiging", ["Correctieverzoek vastleggen", "Terug naar concept"], False, True),
        ("correctie_gevraagd", [], True, False),
        ("bevestigd", [], False, False),
    ],
)
def test_the_page_offers_only_allowed_moves(
    client, auditor, cycle, uitkeren, trait, offered, can_send, records
):
    traits = {} if trait == "concept" else {trait: True}
    interview = InterviewFactory(cycle=cycle, unit=uitkeren, created_by=auditor, **traits)
    client.force_login(auditor)
    page = client.get(interview.get_absolute_url())
    forms = page.context["transition_forms"]
    assert [str(action.label) for action, _form in forms] == offered
    assert page.context["moves"].can_send is can_send
    assert (page.context["confirmation_form"] is not None) is records
    content = page.content.decode()
    send_url = reverse("audits:interview_send", args=[cycle.year, interview.pk])
    assert (send_url in content) is can_send
    for label in (
        {"Bevestiging vastleggen", "Terug naar concept"}
        - set(offered)
        - ({"Bevestiging vastleggen"} if records else set())
    ):
        assert f">{label}</button>" not in content


def test_no_moves_after_fieldwork(client, auditor, cycle, uitkeren):
    interview = InterviewFactory(cycle=cycle, unit=uitkeren, created_by=auditor)
    AuditCycle.objects.filter(pk=cycle.pk).update(status="kalibratie")
    client.force_login(auditor)
    assert client.get(interview.get_absolute_url()).context["transition_forms"] == []
    response = send(client, interview)
    assert response.status_code == 400
    interview.refresh_from_db()
    assert interview.status == "concept"


def test_the_coordination_team_reads_but_is_offered_no_moves(client, coordinator, interview):
    client.force_login(coordinator)
    page = client.get(interview.get_absolute_url())
    assert page.status_code == 200
    assert page.context["transition_forms"] == []
    content = page.content.decode()
    assert "Interview wijzigen" not in content
    assert "Ter bevestiging sturen" not in content
    assert "Jan Jansen" in content
