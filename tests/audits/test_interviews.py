"""Interview records: the assigned auditor records date, place (a district of the unit), the
interviewees, the auditors present and per assessed principle the appreciative questions asked and
notes. Edits are guarded by the record's version and recorded old → new."""

import datetime

import pytest
from django.urls import reverse

from audits.models import AuditCycle, Interview, InterviewQuestion
from tests.factories import AssignmentFactory, DistrictFactory, InterviewFactory, principle
from uwvkms.models import AuditEvent


@pytest.fixture
def district(cycle, uitkeren):
    return DistrictFactory(cycle=cycle, unit=uitkeren, name="District Noord", drawn=True)


def klant_questions():
    return list(InterviewQuestion.objects.filter(principle__code="klantgerichtheid"))


def form_data(district, auditors, *, people=(("Jan Jansen", "Teamleider"),), version=0, **extra):
    """The POST of the interview form; an edit (version > 0) starts from one interviewee."""
    klant = principle("klantgerichtheid")
    data = {
        "held_on": "2025-09-15",
        "location": district.pk,
        "auditors": [a.pk for a in auditors],
        "version": version,
        "interviewees-TOTAL_FORMS": str(len(people) + 1),
        "interviewees-INITIAL_FORMS": "1" if version else "0",
        "interviewees-MIN_NUM_FORMS": "1",
        "interviewees-MAX_NUM_FORMS": "30",
        f"questions_{klant.pk}": [klant_questions()[0].pk],
        f"notes_{klant.pk}": "Trots op de klantpanels.",
    }
    for i, (name, function) in enumerate(people):
        data[f"interviewees-{i}-name"] = name
        data[f"interviewees-{i}-function"] = function
    return data | extra


def create_url(cycle, unit):
    return reverse("audits:interview_create", args=[cycle.year, unit.pk])


def test_auditor_records_an_interview(client, auditor, cycle, uitkeren, district):
    client.force_login(auditor)
    page = client.get(create_url(cycle, uitkeren))
    assert page.status_code == 200
    content = page.content.decode()
    assert "Waar ben je trots op?" in content  # the question set of each assessed principle
    assert "Operationele Kwaliteit" in content
    response = client.post(
        create_url(cycle, uitkeren),
        form_data(district, [auditor], people=[("Jan Jansen", "Teamleider"), ("Eva", "Adviseur")]),
    )
    assert response.status_code == 302
    interview = Interview.objects.get()
    assert response["Location"] == interview.get_absolute_url()
    assert (interview.status, interview.version, interview.created_by) == ("concept", 1, auditor)
    assert interview.held_on == datetime.date(2025, 9, 15)
    assert interview.location == district
    assert [p.name for p in interview.interviewees.all()] == ["Jan Jansen", "Eva"]
    assert list(interview.auditors.all()) == [auditor]
    (note,) = interview.notes.all()
    assert note.principle.code == "klantgerichtheid"
    assert note.notes == "Trots op de klantpanels."
    assert list(note.questions.all()) == [klant_questions()[0]]
    event = AuditEvent.objects.get(event="audits.interview.created")
    assert event.actor == auditor
    assert event.changes["location"] == [None, "District Noord"]
    assert event.changes["status"] == [None, "concept"]


def test_without_districts_the_user_is_told_to_add_them_first(client, auditor, cycle, uitkeren):
    client.force_login(auditor)
    for url in (
        create_url(cycle, uitkeren),
        reverse("audits:interview_list", args=[cycle.year, uitkeren.pk]),
    ):
        content = client.get(url).content.decode()
        assert "voeg eerst kandidaat-districten toe" in content
        assert "Interview opslaan" not in content


def test_districts_of_another_unit_or_cycle_are_not_offered(
    client, auditor, cycle, uitkeren, communicatie, district
):
    elsewhere = DistrictFactory(cycle=cycle, unit=communicatie, name="Hoofdkantoor")
    client.force_login(auditor)
    page = client.get(create_url(cycle, uitkeren))
    assert list(page.context["form"].fields["location"].queryset) == [district]
    response = client.post(create_url(cycle, uitkeren), form_data(elsewhere, [auditor]))
    assert response.status_code == 400
    assert not Interview.objects.exists()


def test_only_the_units_audit_team_can_be_present(
    client, auditor, other_auditor, cycle, uitkeren, district
):
    client.force_login(auditor)
    response = client.post(create_url(cycle, uitkeren), form_data(district, [other_auditor]))
    assert response.status_code == 400
    assert not Interview.objects.exists()
    AssignmentFactory(cycle=cycle, unit=uitkeren, auditor=other_auditor, is_lead=False)
    response = client.post(
        create_url(cycle, uitkeren), form_data(district, [auditor, other_auditor])
    )
    assert response.status_code == 302
    assert set(Interview.objects.get().auditors.all()) == {auditor, other_auditor}


@pytest.mark.parametrize(
    ("people", "message"),
    [
        ([], "Leg ten minste één geïnterviewde vast, met naam en functie."),
        ([("Jan Jansen", "")], "Dit veld is verplicht."),
    ],
)
def test_at_least_one_interviewee_with_name_and_function(
    client, auditor, cycle, uitkeren, district, people, message
):
    client.force_login(auditor)
    response = client.post(
        create_url(cycle, uitkeren), form_data(district, [auditor], people=people)
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Interview.objects.exists()


def test_a_question_of_another_principle_is_refused(client, auditor, cycle, uitkeren, district):
    client.force_login(auditor)
    klant = principle("klantgerichtheid")
    foreign = InterviewQuestion.objects.filter(principle__code="leiderschap").first()
    data = form_data(district, [auditor]) | {f"questions_{klant.pk}": [foreign.pk]}
    assert client.post(create_url(cycle, uitkeren), data).status_code == 400
    assert not Interview.objects.exists()


def test_retired_questions_are_not_offered_for_new_records(
    client, auditor, cycle, uitkeren, district
):
    retired = klant_questions()[0]
    retired.is_active = False
    retired.save()
    client.force_login(auditor)
    page = client.get(create_url(cycle, uitkeren))
    klant = principle("klantgerichtheid")
    offered = [
        value for value, _label in page.context["form"].fields[f"questions_{klant.pk}"].choices
    ]
    assert retired.pk not in offered


def test_auditor_edits_a_concept_and_the_changes_are_recorded(
    client, auditor, cycle, uitkeren, district
):
    client.force_login(auditor)
    client.post(create_url(cycle, uitkeren), form_data(district, [auditor]))
    interview = Interview.objects.get()
    url = reverse("audits:interview_edit", args=[cycle.year, interview.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Jan Jansen" in page.content.decode()
    other_place = DistrictFactory(
        cycle=cycle, unit=uitkeren, name="Afdeling Zuid", kind="centraal", drawn=True
    )
    data = form_data(
        other_place,
        [auditor],
        people=[("Jan Jansen", "Teamleider"), ("Piet", "Medewerker")],
        version=1,
    )
    response = client.post(url, data)
    assert response.status_code == 302
    interview.refresh_from_db()
    assert (interview.location, interview.version) == (other_place, 2)
    event = AuditEvent.objects.get(event="audits.interview.updated")
    assert event.changes == {
        "location": ["District Noord", "Afdeling Zuid"],
        "interviewees": [
            ["Jan Jansen (Teamleider)"],
            ["Jan Jansen (Teamleider)", "Piet (Medewerker)"],
        ],
    }


def test_removing_a_principles_notes_is_recorded(client, auditor, cycle, uitkeren, district):
    client.force_login(auditor)
    client.post(create_url(cycle, uitkeren), form_data(district, [auditor]))
    interview = Interview.objects.get()
    klant = principle("klantgerichtheid")
    data = form_data(district, [auditor], version=1) | {
        f"questions_{klant.pk}": [],
        f"notes_{klant.pk}": "",
    }
    client.post(reverse("audits:interview_edit", args=[cycle.year, interview.pk]), data)
    assert not interview.notes.exists()
    event = AuditEvent.objects.get(event="audits.interview.updated")
    assert event.changes["notes.klantgerichtheid"] == ["Trots op de klantpanels.", None]


def test_a_stale_edit_is_refused_naming_who_changed_it(
    client, auditor, other_auditor, cycle, uitkeren, district
):
    AssignmentFactory(cycle=cycle, unit=uitkeren, auditor=other_auditor, is_lead=False)
    other_auditor.first_name, other_auditor.last_name = "Bram", "Collega"
    other_auditor.save()
    client.force_login(other_auditor)
    client.post(create_url(cycle, uitkeren), form_data(district, [other_auditor]))
    interview = Interview.objects.get()
    url = reverse("audits:interview_edit", args=[cycle.year, interview.pk])
    client.post(url, form_data(district, [other_auditor], version=1, held_on="2025-09-16"))
    client.force_login(auditor)
    response = client.post(url, form_data(district, [auditor], version=1, held_on="2025-09-20"))
    assert response.status_code == 400
    assert "intussen gewijzigd door Bram Collega" in response.content.decode()
    interview.refresh_from_db()
    assert (interview.held_on, interview.version) == (datetime.date(2025, 9, 16), 2)


@pytest.mark.parametrize("status", ["ter_bevestiging", "bevestigd"])
def test_a_sent_or_confirmed_record_cannot_be_edited(client, auditor, cycle, uitkeren, status):
    interview = InterviewFactory(cycle=cycle, unit=uitkeren, created_by=auditor, **{status: True})
    client.force_login(auditor)
    url = reverse("audits:interview_edit", args=[cycle.year, interview.pk])
    response = client.get(url)
    assert response.status_code == 302
    response = client.post(
        url, form_data(interview.location, [auditor], version=1, held_on="2025-09-17")
    )
    assert response.status_code == 400  # refused on the page, everything typed still there
    html = response.content.decode()
    assert "kan niet worden gewijzigd" in html and 'value="2025-09-17"' in html
    interview.refresh_from_db()
    assert interview.version == 1
    assert not AuditEvent.objects.filter(event="audits.interview.updated").exists()
    detail = client.get(interview.get_absolute_url()).content.decode()
    assert "Interview wijzigen" not in detail


def test_a_record_sent_back_for_correction_can_be_edited(client, auditor, cycle, uitkeren):
    interview = InterviewFactory(
        cycle=cycle, unit=uitkeren, created_by=auditor, correctie_gevraagd=True
    )
    client.force_login(auditor)
    page = client.get(reverse("audits:interview_edit", args=[cycle.year, interview.pk]))
    assert page.status_code == 200
    assert "Het citaat klopt niet helemaal." in page.content.decode()


def test_after_fieldwork_no_new_interviews(client, auditor, cycle, uitkeren, district):
    AuditCycle.objects.filter(pk=cycle.pk).update(status="kalibratie")
    client.force_login(auditor)
    response = client.post(create_url(cycle, uitkeren), form_data(district, [auditor]))
    assert response.status_code == 400
    assert (
        "Het bewijs kan alleen worden gewijzigd in de fasen Voorbereiding en Veldwerk"
        in response.content.decode()
    )
    assert not Interview.objects.exists()


def test_the_list_shows_the_units_interviews(client, auditor, cycle, uitkeren, communicatie):
    InterviewFactory(cycle=cycle, unit=uitkeren, location__name="District Oost")
    InterviewFactory(cycle=cycle, unit=communicatie, location__name="Hoofdkantoor")
    client.force_login(auditor)
    content = client.get(
        reverse("audits:interview_list", args=[cycle.year, uitkeren.pk])
    ).content.decode()
    assert "District Oost" in content
    assert "Hoofdkantoor" not in content
