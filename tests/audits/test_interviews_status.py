"""The life of an interview record: concept → ter bevestiging → bevestigd, or correctie gevraagd
(with the interviewees' remarks) → edit → ter bevestiging again; back to concept from ter
bevestiging. The page offers only the moves the table allows; every move is recorded."""

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
        interviewees=[("Jan Jansen", "Teamleider"), ("Eva de Vries", "Adviseur")],
    )


def test_send_and_confirm(client, auditor, interview):
    client.force_login(auditor)
    assert move(client, interview, "send").status_code == 302
    interview.refresh_from_db()
    assert (interview.status, interview.version) == ("ter_bevestiging", 2)
    response = move(client, interview, "confirm", confirmed_by="Eva de Vries")
    assert response.status_code == 302
    interview.refresh_from_db()
    assert interview.status == "bevestigd"
    assert interview.confirmed_by == "Eva de Vries"
    assert interview.confirmed_at is not None
    sent, confirmed = AuditEvent.objects.filter(object_type="audits.interview").order_by("id")
    assert sent.event == "audits.interview.sent"
    assert sent.changes == {"status": ["concept", "ter_bevestiging"]}
    assert confirmed.event == "audits.interview.confirmed"
    assert confirmed.actor == auditor  # who recorded the confirmation
    assert confirmed.changes["confirmed_by"] == [None, "Eva de Vries"]
    assert confirmed.changes["status"] == ["ter_bevestiging", "bevestigd"]
    page = client.get(interview.get_absolute_url()).content.decode()
    assert "Dit verslag is bevestigd door Eva de Vries" in page


@pytest.mark.parametrize(
    ("confirmed_by", "message"),
    [
        ("", "Geef aan welke geïnterviewde het verslag bevestigde."),
        ("Iemand Anders", "Selecteer een geldige keuze."),
    ],
)
def test_confirmation_needs_an_interviewee(client, auditor, cycle, uitkeren, confirmed_by, message):
    interview = InterviewFactory(
        cycle=cycle, unit=uitkeren, created_by=auditor, ter_bevestiging=True
    )
    client.force_login(auditor)
    response = move(client, interview, "confirm", confirmed_by=confirmed_by)
    assert response.status_code == 400
    assert message in response.content.decode()
    interview.refresh_from_db()
    assert interview.status == "ter_bevestiging"


def test_correction_round(client, auditor, interview):
    client.force_login(auditor)
    move(client, interview, "send")
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
    assert move(client, interview, "send").status_code == 302
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
        ("concept", "confirm"),
        ("concept", "request_correction"),
        ("concept", "reopen"),
        ("bevestigd", "send"),
        ("bevestigd", "reopen"),
        ("correctie_gevraagd", "confirm"),
        ("ter_bevestiging", "send"),
    ],
)
def test_moves_outside_the_table_are_refused(client, auditor, cycle, uitkeren, trait, action):
    traits = {} if trait == "concept" else {trait: True}
    interview = InterviewFactory(cycle=cycle, unit=uitkeren, created_by=auditor, **traits)
    client.force_login(auditor)
    response = move(client, interview, action, confirmed_by="Jan Jansen", remarks="x")
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
    response = move(client, interview, "send", status="concept")  # page opened before sending
    assert response.status_code == 400
    assert "staat intussen op Ter bevestiging" in response.content.decode()


def test_an_unknown_action_is_not_found(client, auditor, interview):
    client.force_login(auditor)
    url = reverse("audits:interview_transition", args=[interview.cycle.year, interview.pk])
    assert client.post(url, {"action": "delete"}).status_code == 404


@pytest.mark.parametrize(
    ("trait", "offered"),
    [
        ("concept", ["Ter bevestiging sturen"]),
        (
            "ter_bevestiging",
            ["Bevestiging vastleggen", "Correctieverzoek vastleggen", "Terug naar concept"],
        ),
        ("correctie_gevraagd", ["Ter bevestiging sturen"]),
        ("bevestigd", []),
    ],
)
def test_the_page_offers_only_allowed_moves(client, auditor, cycle, uitkeren, trait, offered):
    traits = {} if trait == "concept" else {trait: True}
    interview = InterviewFactory(cycle=cycle, unit=uitkeren, created_by=auditor, **traits)
    client.force_login(auditor)
    page = client.get(interview.get_absolute_url())
    forms = page.context["transition_forms"]
    assert [str(action.label) for action, _form in forms] == offered
    content = page.content.decode()
    for label in {"Ter bevestiging sturen", "Bevestiging vastleggen", "Terug naar concept"} - set(
        offered
    ):
        assert f">{label}</button>" not in content


def test_no_moves_after_fieldwork(client, auditor, cycle, uitkeren):
    interview = InterviewFactory(cycle=cycle, unit=uitkeren, created_by=auditor)
    AuditCycle.objects.filter(pk=cycle.pk).update(status="kalibratie")
    client.force_login(auditor)
    assert client.get(interview.get_absolute_url()).context["transition_forms"] == []
    response = move(client, interview, "send")
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
