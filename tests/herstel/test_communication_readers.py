"""Who reads an action for the communication track only (issue 20): Directie Communicatie (the
issue judgement) and the owner of a communication task (their task). Holding nothing else, they
read the overview, the communication track, the documents and the timeline; the dossiers, the
dossier export, the management information and its export answer them 404, and the action's
navigation does not offer those tabs. A task owner also gets 404 on the advice and the decisions
(with the note to the minister); Communicatie reads those (it judges the public impact)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from herstel.constants import Capacity, Discipline
from herstel.selectors.actions import herstelactie_get_for_user
from herstel.services.communication import communication_member_add
from herstel.services.communication_tasks import communication_task_add
from tests.factories import UserFactory
from tests.herstel.documents import upload
from tests.herstel.flow import make_issue
from uwvkms.services import api_token_create

DOSSIER_PAGES = [
    ("herstel:dossiers", ()),
    ("herstel:dossier_export", ()),
    ("herstel:management_information", ()),
    ("herstel:management_information_export", ("csv",)),
    ("herstel:management_information_export", ("xlsx",)),
]
DECISION_PAGES = [("herstel:advice", ()), ("herstel:decisions", ())]
READ_PAGES = [
    ("herstel:detail", ()),
    ("herstel:communication", ()),
    ("herstel:documents", ()),
    ("herstel:timeline", ()),
    ("herstel:execution", ()),
]


def url(name, action, extra=()):
    return reverse(name, args=[action.pk, *extra])


@pytest.fixture
def issue(executing, communicatie_user, issuemanager):
    """The action in step 3, declared an issue with an issuemanager."""
    return make_issue(executing, communicatie_user, issuemanager)


@pytest.fixture
def press(db):
    return UserFactory(username="woordvoerder", first_name="Wout", last_name="Woord")


@pytest.fixture
def task(issue, issuemanager, press):
    return communication_task_add(
        actor=issuemanager,
        herstelactie=issue,
        discipline=Discipline.WOORDVOERING,
        description="Reactieve lijn voor de pers.",
        due_on=timezone.localdate() + datetime.timedelta(days=14),
        owner_user=press,
        owner_name="",
    )


def _tabs(body: str, action) -> dict[str, bool]:
    return {name: url(name, action) in body for name in _TAB_NAMES}


_TAB_NAMES = [
    "herstel:advice",
    "herstel:decisions",
    "herstel:dossiers",
    "herstel:management_information",
    "herstel:documents",
    "herstel:communication",
    "herstel:timeline",
]


@pytest.mark.parametrize(("name", "extra"), DOSSIER_PAGES)
def test_communicatie_gets_no_dossiers_or_figures(client, issue, communicatie_user, name, extra):
    client.force_login(communicatie_user)
    assert client.get(url(name, issue, extra)).status_code == 404


@pytest.mark.parametrize(("name", "extra"), READ_PAGES + DECISION_PAGES)
def test_communicatie_reads_the_rest(client, issue, communicatie_user, name, extra):
    client.force_login(communicatie_user)
    assert client.get(url(name, issue, extra)).status_code == 200


@pytest.mark.parametrize(("name", "extra"), DOSSIER_PAGES + DECISION_PAGES)
def test_a_task_owner_gets_no_dossiers_figures_advice_or_decisions(
    client, task, press, name, extra
):
    client.force_login(press)
    assert client.get(url(name, task.herstelactie, extra)).status_code == 404


@pytest.mark.parametrize(("name", "extra"), READ_PAGES)
def test_a_task_owner_reads_the_track_documents_and_timeline(client, task, press, name, extra):
    client.force_login(press)
    assert client.get(url(name, task.herstelactie, extra)).status_code == 200


def test_a_task_owner_reads_their_task_and_the_documents(client, task, press, adviser):
    action = task.herstelactie
    document = upload(action, adviser)
    client.force_login(press)
    task_url = reverse("herstel:communication_task_update", args=[action.pk, task.pk])
    assert client.get(task_url).status_code == 200
    download = reverse("herstel:document_download", args=[action.pk, document.pk])
    assert client.get(download).status_code == 200


def test_a_task_owner_holds_their_own_capacity(task, press):
    access = herstelactie_get_for_user(user=press, pk=task.herstelactie_id)
    assert access.capacities == {Capacity.TASK_OWNER}
    assert access.task_owner_only and not access.reads_dossiers
    assert not access.reads_decision_making


def test_the_navigation_offers_only_what_they_read(client, task, press, communicatie_user):
    action = task.herstelactie
    client.force_login(press)
    body = client.get(url("herstel:communication", action)).content.decode()
    assert _tabs(body, action) == {
        "herstel:advice": False,
        "herstel:decisions": False,
        "herstel:dossiers": False,
        "herstel:management_information": False,
        "herstel:documents": True,
        "herstel:communication": True,
        "herstel:timeline": True,
    }
    assert "U leest mee als eigenaar van een communicatietaak" in body
    client.force_login(communicatie_user)
    body = client.get(url("herstel:detail", action)).content.decode()
    assert _tabs(body, action) == {
        "herstel:advice": True,
        "herstel:decisions": True,
        "herstel:dossiers": False,
        "herstel:management_information": False,
        "herstel:documents": True,
        "herstel:communication": True,
        "herstel:timeline": True,
    }


def test_the_issuemanager_and_working_group_read_on(client, issue, issuemanager, adviser, task):
    """Holding more than Communicatie or a task (the issuemanager, a member of the
    communication working group who also owns a task) still reads everything; the lead advisers
    too."""
    press = task.owner_user
    communication_member_add(
        actor=issuemanager, herstelactie=issue, function="woordvoering", user=press
    )
    for user in (issuemanager, press, adviser):
        client.force_login(user)
        for name, extra in DOSSIER_PAGES + DECISION_PAGES:
            assert client.get(url(name, issue, extra)).status_code == 200, (user, name)


def _api(user) -> APIClient:
    client = APIClient()
    _token, key = api_token_create(user=user, name="test")
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return client


def test_the_api_refuses_them_the_dossiers(task, press, communicatie_user):
    action = task.herstelactie
    dossiers = f"/api/v1/herstelacties/{action.pk}/dossiers/"
    criteria = f"/api/v1/herstelacties/{action.pk}/mandate-criteria/"
    assert _api(communicatie_user).get(dossiers).status_code == 404
    assert _api(communicatie_user).get(criteria).status_code == 200
    assert _api(press).get(dossiers).status_code == 404
    assert _api(press).get(criteria).status_code == 404
