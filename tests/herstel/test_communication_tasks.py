"""The joint approach's tasks per discipline and the comments on the kapstokverhaal (issue 20):
the issuemanager sets out a task per discipline with owner, due date and status; the owner (a
user) and the issuemanager update it with optimistic locking; every change is on the timeline.
(The comments on the kapstokverhaal: tests/herstel/test_kapstok_comments.py.)"""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from herstel.constants import Discipline, TaskStatus
from herstel.models import CommunicationTask
from herstel.selectors.timeline import timeline
from herstel.services.communication_tasks import (
    communication_task_add,
    communication_task_update,
    communication_task_withdraw,
)
from tests.factories import UserFactory
from tests.herstel.flow import make_issue, start
from uwvkms.models import AuditEvent
from uwvkms.versioning import EditConflict


def soon(days=14):
    return timezone.localdate() + datetime.timedelta(days=days)


@pytest.fixture
def issue(action, communicatie_user, issuemanager):
    return make_issue(action, communicatie_user, issuemanager)


@pytest.fixture
def press(db):
    return UserFactory(username="woordvoerder", first_name="Wout", last_name="Woord")


def add(issue, actor, **overrides):
    values = {
        "discipline": Discipline.WOORDVOERING,
        "description": "Reactieve lijn voor de pers.",
        "due_on": soon(),
        "owner_name": "Wout Woord",
    } | overrides
    return communication_task_add(actor=actor, herstelactie=issue, **values)


def update(task, actor, **overrides):
    values = {
        "expected_version": task.version,
        "status": task.status,
        "done": task.done,
        "due_on": task.due_on,
    } | overrides
    return communication_task_update(actor=actor, task=task, **values)


def test_the_issuemanager_sets_out_tasks_per_discipline(issue, issuemanager, uitkeren, press):
    task = add(issue, issuemanager, owner_user=press, owner_name="")
    division = add(
        issue,
        issuemanager,
        discipline=Discipline.DIVISIE,
        business_unit=uitkeren,
        description="Klantcontact informeren.",
    )
    assert (task.owner_name, task.status, task.version) == (str(press), TaskStatus.OPEN, 1)
    assert division.discipline_label == "Divisie Uitkeren"
    event = (
        AuditEvent.objects.filter(event="herstel.communication_task.added").order_by("id").first()
    )
    assert event.changes["communication_task"] == [None, f"Woordvoering · {press}"]
    assert event.changes["task_status"] == [None, "open"]
    with pytest.raises(ValidationError) as refused:
        add(issue, issuemanager, discipline=Discipline.DIVISIE, due_on=soon(-1), owner_name="")
    assert set(refused.value.error_dict) == {"business_unit", "due_on", "owner_name"}


def test_a_task_needs_an_issue(action, communicatie_user):
    with pytest.raises(PermissionDenied):  # no issuemanager without an issue
        add(action, communicatie_user)


@pytest.mark.parametrize("who", ["adviser", "sbk_adviser", "communicatie_user", "other_adviser"])
def test_only_the_issuemanager_sets_out_tasks(request, issue, who):
    with pytest.raises(PermissionDenied):
        add(issue, request.getfixturevalue(who))
    assert not CommunicationTask.objects.exists()


def test_the_owner_updates_their_task_and_reads_the_action(
    client, issue, issuemanager, press, adviser
):
    task = add(issue, issuemanager, owner_user=press, owner_name="")
    client.force_login(press)  # no role at all: owning the task is what lets them read
    assert client.get(issue.get_absolute_url()).status_code == 200
    url = reverse("herstel:communication_task_update", args=[issue.pk, task.pk])
    page = client.get(reverse("herstel:communication", args=[issue.pk])).content.decode()
    assert url in page and "Taak uitzetten" not in page
    refused = client.post(
        url, {"status": "gereed", "done": "", "due_on": task.due_on.isoformat(), "version": 1}
    )
    assert refused.status_code == 400
    assert "Schrijf op wat er is gedaan" in refused.content.decode()
    response = client.post(
        url,
        {
            "status": "gereed",
            "done": "Persbericht verstuurd.",
            "due_on": task.due_on.isoformat(),
            "version": 1,
        },
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert (task.status, task.done, task.version, task.updated_by) == (
        TaskStatus.GEREED,
        "Persbericht verstuurd.",
        2,
        press,
    )
    event = AuditEvent.objects.get(event="herstel.communication_task.updated")
    assert event.changes["task_status"] == ["open", "gereed"]
    assert event.changes["done"] == ["", "Persbericht verstuurd."]
    # The lead adviser reads the task, and cannot update it.
    client.force_login(adviser)
    assert url not in client.get(reverse("herstel:communication", args=[issue.pk])).content.decode()
    assert client.get(url).status_code == 403
    with pytest.raises(PermissionDenied):
        update(task, adviser, status=TaskStatus.IN_UITVOERING)


def test_a_withdrawn_task_no_longer_lets_its_owner_read(client, issue, issuemanager, press):
    task = add(issue, issuemanager, owner_user=press, owner_name="")
    with pytest.raises(ValidationError, match="Geef de reden"):
        communication_task_withdraw(actor=issuemanager, task=task, reason="")
    communication_task_withdraw(actor=issuemanager, task=task, reason="Dubbel uitgezet.")
    client.force_login(press)
    assert client.get(issue.get_absolute_url()).status_code == 404
    client.force_login(issuemanager)
    page = client.get(reverse("herstel:communication", args=[issue.pk])).content.decode()
    assert "Dubbel uitgezet." in page and "<del>Woordvoering</del>" in page
    with pytest.raises(ValidationError, match="ingetrokken"):
        update(task, issuemanager, status=TaskStatus.IN_UITVOERING)


def test_two_editors_of_a_task_conflict_cleanly(issue, issuemanager, press):
    task = add(issue, issuemanager, owner_user=press, owner_name="")
    seen = CommunicationTask.objects.get(pk=task.pk)
    update(task, press, status=TaskStatus.IN_UITVOERING)
    with pytest.raises(EditConflict) as refused:
        update(seen, issuemanager, status=TaskStatus.GEREED, done="Klaar.")
    assert f"Deze communicatietaak is intussen gewijzigd door {press}" in refused.value.messages[0]
    task.refresh_from_db()
    assert (task.status, task.version) == (TaskStatus.IN_UITVOERING, 2)


def test_a_finished_task_is_reopened_only_into_execution(issue, issuemanager):
    task = add(issue, issuemanager)
    task = update(task, issuemanager, status=TaskStatus.GEREED, done="Klaar.")
    with pytest.raises(ValidationError, match="kan niet naar Open"):
        update(task, issuemanager, status=TaskStatus.OPEN)
    task = update(task, issuemanager, status=TaskStatus.IN_UITVOERING)
    assert task.done == "Klaar."


def test_an_issuemanager_of_another_action_cannot_update(
    issue, issuemanager, communicatie_user, adviser
):
    other = make_issue(start(adviser, title="Tweede"), communicatie_user)
    theirs = add(other, communicatie_user)
    with pytest.raises(PermissionDenied):
        update(theirs, issuemanager, status=TaskStatus.IN_UITVOERING)
    with pytest.raises(PermissionDenied):
        communication_task_withdraw(actor=issuemanager, task=theirs, reason="x")


def test_every_task_change_is_on_the_timeline(issue, issuemanager):
    task = add(issue, issuemanager)
    update(task, issuemanager, status=TaskStatus.IN_UITVOERING)
    communication_task_withdraw(actor=issuemanager, task=task, reason="Vervalt.")
    entries = [e for e in timeline(issue) if "Communicatietaak" in e.label]
    assert [e.label for e in entries] == [
        "Communicatietaak uitgezet: Woordvoering · Wout Woord",
        "Communicatietaak bijgewerkt: Woordvoering · Wout Woord",
        "Communicatietaak ingetrokken: Woordvoering · Wout Woord",
    ]
    assert ("status van de taak", "Open", "In uitvoering") in entries[1].changes
    assert entries[2].reason == "Vervalt."


def test_the_task_table_reads_in_a_fixed_number_of_queries(
    client, issue, issuemanager, uitkeren, django_assert_max_num_queries
):
    add(issue, issuemanager)
    client.force_login(issuemanager)
    url = reverse("herstel:communication", args=[issue.pk])
    client.get(url)
    with django_assert_max_num_queries(100) as one:
        client.get(url)
    for index in range(6):
        owner = UserFactory(username=f"eigenaar{index}")
        add(issue, issuemanager, owner_user=owner, owner_name="")
        add(issue, issuemanager, discipline=Discipline.DIVISIE, business_unit=uitkeren)
    communication_task_withdraw(
        actor=issuemanager, task=CommunicationTask.objects.last(), reason="Dubbel."
    )
    with django_assert_max_num_queries(len(one.captured_queries)):
        page = client.get(url)
    assert len(page.context["tasks"]) == 13


def test_a_refused_task_gives_back_what_was_typed(client, issue, issuemanager):
    client.force_login(issuemanager)
    response = client.post(
        reverse("herstel:communication_task_add", args=[issue.pk]),
        {
            "taak-discipline": "public_affairs",
            "taak-description": "SZW informeren over de Kamervragen.",
            "taak-owner_name": "Lotte Haag",
            "taak-due_on": (timezone.localdate() - datetime.timedelta(days=3)).isoformat(),
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Kies een datum van vandaag" in page
    assert "SZW informeren over de Kamervragen." in page and 'value="Lotte Haag"' in page
    assert not CommunicationTask.objects.exists()
