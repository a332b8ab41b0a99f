"""Self-service confirmation (pages): a user linked as interviewee finds the records waiting for
them under "Ter bevestiging" (navbar and home), reads the record and confirms it or asks for a
correction. Anyone else gets 404 on the record, the list shows only one's own, a confirmed record
is read-only, and the list's query count does not grow with records."""

import pytest
from django.urls import reverse

from tests.factories import InterviewFactory, UserFactory, principle
from uwvkms.models import AuditEvent

LIST = reverse("audits:confirmation_list")


def detail(interview):
    return reverse("audits:confirmation_detail", args=[interview.pk])


@pytest.fixture
def linked(db, uitkeren):
    return UserFactory(
        username="jansen", first_name="Jan", last_name="Jansen", business_unit=uitkeren
    )


def waiting_for(user, cycle, unit, creator, **extra):
    return InterviewFactory(
        cycle=cycle,
        unit=unit,
        created_by=creator,
        ter_bevestiging=True,
        interviewees=[("Jan Jansen", "Teamleider", user), ("Eva de Vries", "Adviseur")],
        principles=[principle("klantgerichtheid")],
        **extra,
    )


@pytest.fixture
def waiting(cycle, uitkeren, auditor, linked):
    return waiting_for(linked, cycle, uitkeren, auditor)


def test_the_interviewee_finds_reads_and_confirms(client, linked, waiting):
    client.force_login(linked)
    home = client.get(reverse("home")).content.decode()
    assert "Ter bevestiging (1)" in home
    listing = client.get(LIST)
    assert listing.status_code == 200
    assert list(listing.context["interviews"]) == [waiting]
    assert detail(waiting) in listing.content.decode()

    page = client.get(detail(waiting))
    assert page.status_code == 200
    content = page.content.decode()
    assert "Trots op het werk (Klantgerichtheid)." in content  # the notes per principle
    assert "Eva de Vries (Adviseur)" in content  # the interviewees
    assert ">Bevestigen</button>" in content and ">Correctie vragen</button>" in content

    response = client.post(detail(waiting), {"bevestigen-version": waiting.version})
    assert response.status_code == 302
    waiting.refresh_from_db()
    # Jan confirmed for himself only: Eva de Vries has not, so the record still waits.
    assert (waiting.status, waiting.confirmed_by) == ("ter_bevestiging", "")
    event = AuditEvent.objects.get(event="audits.interviewee.confirmed")
    assert event.actor == linked

    after = client.get(response["Location"]).content.decode()
    assert "Het telt als bewijs zodra ook de andere geïnterviewden" in after
    assert ">Bevestigen</button>" not in after  # read-only once they confirmed
    assert "Ter bevestiging (" not in client.get(reverse("home")).content.decode()
    assert list(client.get(LIST).context["interviews"]) == []


def test_the_interviewee_asks_for_a_correction(client, auditor, linked, waiting):
    client.force_login(linked)
    data = {"correctie-version": waiting.version, "correctie-remarks": "Mijn functie klopt niet."}
    assert client.post(detail(waiting), data).status_code == 302
    waiting.refresh_from_db()
    assert (waiting.status, waiting.correction_remarks) == (
        "correctie_gevraagd",
        "Mijn functie klopt niet.",
    )
    # The audit team sees the remarks where it corrects the record.
    client.force_login(auditor)
    edit = client.get(reverse("audits:interview_edit", args=[waiting.cycle.year, waiting.pk]))
    assert "Mijn functie klopt niet." in edit.content.decode()


def test_a_correction_without_remarks_is_refused_beside_the_field(client, linked, waiting):
    client.force_login(linked)
    response = client.post(detail(waiting), {"correctie-version": waiting.version})
    assert response.status_code == 400
    content = response.content.decode()
    assert "Beschrijf wat er in het verslag gecorrigeerd moet worden." in content
    waiting.refresh_from_db()
    assert waiting.status == "ter_bevestiging"


def test_a_stale_answer_is_refused_with_a_clear_message(client, auditor, linked, waiting):
    client.force_login(linked)
    opened = waiting.version
    # Meanwhile the audit team took the record back, changed it and sent it again.
    type(waiting).objects.filter(pk=waiting.pk).update(version=opened + 2)
    response = client.post(detail(waiting), {"bevestigen-version": opened})
    assert response.status_code == 400
    content = response.content.decode()
    assert "Dit verslag is intussen gewijzigd door" in content
    assert f'value="{opened + 2}"' in content  # the fresh forms answer the current version
    waiting.refresh_from_db()
    assert (waiting.status, waiting.confirmed_by) == ("ter_bevestiging", "")
    assert not AuditEvent.objects.filter(object_type="audits.interview").exists()


@pytest.mark.parametrize("persona", ["unit_board", "auditor", "coordinator", "outsider"])
def test_anyone_else_gets_404_and_an_empty_list(client, request, db, waiting, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(detail(waiting)).status_code == 404
    assert client.post(detail(waiting), {"bevestigen-version": waiting.version}).status_code == 404
    assert list(client.get(LIST).context["interviews"]) == []
    waiting.refresh_from_db()
    assert waiting.status == "ter_bevestiging"


def test_a_colleague_linked_elsewhere_sees_only_their_own(
    client, cycle, uitkeren, auditor, waiting
):
    colleague = UserFactory(username="collega", business_unit=uitkeren)
    own = waiting_for(colleague, cycle, uitkeren, auditor)
    client.force_login(colleague)
    assert list(client.get(LIST).context["interviews"]) == [own]
    assert client.get(detail(waiting)).status_code == 404


def test_anonymous_is_sent_to_login(client, waiting):
    for url in (LIST, detail(waiting)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("trait", ["bevestigd", "correctie_gevraagd"])
def test_a_record_not_waiting_is_read_only(client, cycle, uitkeren, auditor, linked, trait):
    interview = InterviewFactory(
        cycle=cycle,
        unit=uitkeren,
        created_by=auditor,
        interviewees=[("Jan Jansen", "Teamleider", linked)],
        **{trait: True},
    )
    client.force_login(linked)
    page = client.get(detail(interview))
    assert page.status_code == 200
    assert ">Bevestigen</button>" not in page.content.decode()
    response = client.post(detail(interview), {"bevestigen-version": interview.version})
    assert response.status_code == 400  # said on the page, with what was typed
    interview.refresh_from_db()
    assert interview.status == trait
    assert "wacht niet (meer) op uw antwoord" in response.content.decode()


def test_a_concept_is_the_teams_draft(client, cycle, uitkeren, auditor, linked):
    interview = InterviewFactory(
        cycle=cycle,
        unit=uitkeren,
        created_by=auditor,
        interviewees=[("Jan Jansen", "Teamleider", linked)],
    )
    client.force_login(linked)
    assert client.get(detail(interview)).status_code == 404


def test_the_list_query_count_does_not_grow(
    client, cycle, uitkeren, auditor, linked, django_assert_max_num_queries
):
    waiting_for(linked, cycle, uitkeren, auditor)
    client.force_login(linked)
    with django_assert_max_num_queries(12) as small:
        client.get(LIST)
    for _ in range(4):
        waiting_for(linked, cycle, uitkeren, auditor)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(LIST)
    assert len(response.context["interviews"]) == 5
    assert "Ter bevestiging (5)" in response.content.decode()


def test_the_navbar_count_costs_no_extra_query(
    client,
    cycle,
    uitkeren,
    auditor,
    linked,
    django_assert_num_queries,
    django_assert_max_num_queries,
):
    client.force_login(linked)
    client.get(reverse("profile"))  # the first view loads the session into the cache
    with django_assert_max_num_queries(50) as without:
        client.get(reverse("profile"))
    waiting_for(linked, cycle, uitkeren, auditor)
    with django_assert_num_queries(len(without.captured_queries)):
        page = client.get(reverse("profile"))
    assert "Ter bevestiging (1)" in page.content.decode()
