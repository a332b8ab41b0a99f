"""Linking an interviewee to a user account: the audit team chooses, per interviewee, one of the
active accounts of the interview's unit (only those are offered); the name and function stay as
recorded; the link is kept through edits and shows in the history. An account of another unit is
refused and nothing is stored."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from audits.models import Interview
from audits.services.interviews import IntervieweeData, interview_create
from tests.audits.test_interviews import create_url, form_data
from tests.factories import DistrictFactory, InterviewFactory, UserFactory
from uwvkms.models import AuditEvent


@pytest.fixture
def district(cycle, uitkeren):
    return DistrictFactory(cycle=cycle, unit=uitkeren, name="District Noord", drawn=True)


@pytest.fixture
def colleague(db, uitkeren):
    return UserFactory(
        username="jansen", first_name="Jan", last_name="Jansen", business_unit=uitkeren
    )


def test_only_accounts_of_the_unit_are_offered(client, auditor, cycle, uitkeren, fez, colleague):
    UserFactory(username="elders", business_unit=fez)
    UserFactory(username="oud", business_unit=uitkeren, is_active=False)
    client.force_login(auditor)
    page = client.get(create_url(cycle, uitkeren))
    offered = list(page.context["formset"].forms[0].fields["user"].queryset)
    assert offered == [colleague]


def test_the_audit_team_links_an_interviewee(client, auditor, cycle, uitkeren, district, colleague):
    client.force_login(auditor)
    data = form_data(district, [auditor], people=[("J. Jansen", "Teamleider")])
    data["interviewees-0-user"] = colleague.pk
    assert client.post(create_url(cycle, uitkeren), data).status_code == 302
    interview = Interview.objects.get()
    (person,) = interview.interviewees.all()
    assert (person.name, person.function, person.user) == ("J. Jansen", "Teamleider", colleague)
    created = AuditEvent.objects.get(event="audits.interview.created")
    assert created.changes["interviewees"] == [
        None,
        ["J. Jansen (Teamleider) · account Jan Jansen"],
    ]

    # An edit keeps the link (the form starts from it) and can remove it, recorded old → new.
    edit_url = reverse("audits:interview_edit", args=[cycle.year, interview.pk])
    page = client.get(edit_url)
    assert page.context["formset"].forms[0].initial["user"] == colleague.pk
    data = form_data(district, [auditor], people=[("J. Jansen", "Teamleider")], version=1)
    data["interviewees-0-user"] = ""
    assert client.post(edit_url, data).status_code == 302
    (person,) = Interview.objects.get().interviewees.all()
    assert person.user is None
    updated = AuditEvent.objects.get(event="audits.interview.updated")
    assert updated.changes["interviewees"] == [
        ["J. Jansen (Teamleider) · account Jan Jansen"],
        ["J. Jansen (Teamleider)"],
    ]


def test_an_account_of_another_unit_is_refused(client, auditor, cycle, uitkeren, fez, district):
    stranger = UserFactory(username="elders", business_unit=fez)
    client.force_login(auditor)
    data = form_data(district, [auditor])
    data["interviewees-0-user"] = stranger.pk
    response = client.post(create_url(cycle, uitkeren), data)
    assert response.status_code == 400
    assert "Kies een account van een medewerker van dit onderdeel." in response.content.decode()
    assert not Interview.objects.exists()


def test_the_audit_team_does_not_confirm_for_a_linked_interviewee(
    client, auditor, cycle, uitkeren, colleague
):
    """A linked interviewee confirms for themselves (issue 17): the team's page offers no
    confirmation for them, and a posted one is refused."""
    interview = InterviewFactory(
        cycle=cycle,
        unit=uitkeren,
        created_by=auditor,
        ter_bevestiging=True,
        interviewees=[("Jan Jansen", "Teamleider", colleague)],
    )
    client.force_login(auditor)
    page = client.get(interview.get_absolute_url())
    assert page.context["confirmation_form"] is None
    assert "wacht op de eigen bevestiging in de app" in page.content.decode()
    url = reverse("audits:interviewee_confirmation", args=[cycle.year, interview.pk])
    person = interview.interviewees.get()
    response = client.post(
        url, {"interviewee": person.pk, "confirmed_on": "2025-09-20", "confirmed_via": "email"}
    )
    assert response.status_code == 400
    interview.refresh_from_db()
    assert interview.status == "ter_bevestiging"


@pytest.mark.parametrize("case", ["other_unit", "twice"])
def test_the_service_refuses_bad_links(auditor, cycle, uitkeren, fez, district, colleague, case):
    other = UserFactory(username="elders", business_unit=fez)
    people = {
        "other_unit": [IntervieweeData("Piet", "Adviseur", user_id=other.pk)],
        "twice": [
            IntervieweeData("Jan", "Teamleider", user_id=colleague.pk),
            IntervieweeData("Jan J.", "Teamleider", user_id=colleague.pk),
        ],
    }[case]
    with pytest.raises(ValidationError) as refused:
        interview_create(
            actor=auditor,
            cycle=cycle,
            unit=uitkeren,
            held_on=datetime.date(2025, 9, 15),
            location=district,
            auditors=[auditor],
            interviewees=people,
            notes={},
        )
    message = refused.value.message_dict["interviewees"][0]
    assert message.startswith("Koppel")
    assert not Interview.objects.exists()


def test_account_choices_are_read_once_whatever_the_number_of_rows(
    client, auditor, cycle, uitkeren, district, colleague, django_assert_max_num_queries
):
    """Every interviewee row offers (and checks) the unit's accounts from one read."""
    client.force_login(auditor)

    def refused_post(rows: int):
        people = [(f"Persoon {n}", "Teamleider") for n in range(rows)]
        data = form_data(district, [auditor], people=people, held_on="")  # refused: no date
        for n in range(rows):
            data[f"interviewees-{n}-user"] = colleague.pk
        return data

    with django_assert_max_num_queries(40) as one:
        assert client.post(create_url(cycle, uitkeren), refused_post(1)).status_code == 400
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert client.post(create_url(cycle, uitkeren), refused_post(6)).status_code == 400
    assert not Interview.objects.exists()
