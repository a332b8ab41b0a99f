"""Who hears of a communication task and of a section of the advice asked of SBK (issue 20):
the owner of a task, when a user, is notified and has the task on the work queue while it is not
done; SBK's advisers are notified of a section asked of SBK and have it on the work queue while
it is asked and the action is in step 1. Nobody else hears of it."""

import datetime

import pytest
from django.utils import timezone

from herstel.constants import AdviceSection, Discipline, TaskStatus
from herstel.notifications import ADVICE_SECTION_ASKED, COMMUNICATION_TASK_SET
from herstel.services.actions import advice_section_assign, advice_section_assignment_withdraw
from herstel.services.communication_tasks import (
    communication_task_add,
    communication_task_update,
    communication_task_withdraw,
)
from tests.factories import UserFactory
from tests.herstel.flow import make_issue, submit
from uwvkms.models import Notification
from uwvkms.workqueue import work_queue_for


@pytest.fixture
def issue(action, communicatie_user, issuemanager):
    return make_issue(action, communicatie_user, issuemanager)


@pytest.fixture
def press(db):
    return UserFactory(username="woordvoerder", first_name="Wout", last_name="Woord")


def add_task(issue, actor, **overrides):
    values = {
        "discipline": Discipline.WOORDVOERING,
        "description": "Reactieve lijn voor de pers.",
        "due_on": timezone.localdate() + datetime.timedelta(days=14),
        "owner_name": "",
    } | overrides
    return communication_task_add(actor=actor, herstelactie=issue, **values)


def recipients(kind):
    return set(Notification.objects.filter(kind=kind).values_list("recipient__username", flat=True))


def lines(user, kind):
    return [item for item in work_queue_for(user) if item.kind == kind]


def test_the_owner_of_a_task_is_notified_and_nobody_else(
    issue, issuemanager, press, adviser, sbk_adviser, communicatie_user, outsider
):
    add_task(issue, issuemanager, owner_user=press)
    assert recipients(COMMUNICATION_TASK_SET) == {press.username}
    notice = Notification.objects.get(kind=COMMUNICATION_TASK_SET)
    assert notice.title == f"Communicatietaak voor u: Herstelactie ‘{issue.title}’"
    assert notice.url == f"/herstel/{issue.pk}/communicatie/"
    for user in (issuemanager, adviser, sbk_adviser, communicatie_user, outsider):
        assert not Notification.objects.filter(recipient=user, kind=COMMUNICATION_TASK_SET)


def test_a_task_with_only_a_name_notifies_nobody(issue, issuemanager):
    add_task(issue, issuemanager, owner_name="Wout Woord")
    assert recipients(COMMUNICATION_TASK_SET) == set()


def test_the_issuemanager_owning_a_task_is_not_told(issue, issuemanager):
    add_task(issue, issuemanager, owner_user=issuemanager)
    assert recipients(COMMUNICATION_TASK_SET) == set()


def test_the_owners_task_is_on_the_work_queue_until_done(
    client, issue, issuemanager, press, outsider
):
    task = add_task(issue, issuemanager, owner_user=press)
    [line] = lines(press, "Communicatietaak")
    assert line.title == f"Herstelactie ‘{issue.title}’: Woordvoering"
    assert line.due_on == task.due_on
    client.force_login(press)
    assert client.get(line.url).status_code == 200
    assert not lines(issuemanager, "Communicatietaak")
    assert not lines(outsider, "Communicatietaak")
    task = communication_task_update(
        actor=press,
        task=task,
        expected_version=task.version,
        status=TaskStatus.IN_UITVOERING,
        done="",
        due_on=task.due_on,
    )
    assert lines(press, "Communicatietaak")  # in progress: still theirs
    communication_task_update(
        actor=press,
        task=task,
        expected_version=task.version,
        status=TaskStatus.GEREED,
        done="Lijn afgestemd.",
        due_on=task.due_on,
    )
    assert not lines(press, "Communicatietaak")


def test_a_withdrawn_task_leaves_the_work_queue(issue, issuemanager, press):
    task = add_task(issue, issuemanager, owner_user=press)
    communication_task_withdraw(actor=issuemanager, task=task, reason="Dubbel aangemaakt.")
    assert not lines(press, "Communicatietaak")


def test_sbk_is_notified_of_a_section_asked_and_nobody_else(
    action, adviser, sbk_adviser, other_adviser, board_member, outsider
):
    advice_section_assign(actor=adviser, herstelactie=action, section=AdviceSection.LEGAL_FRAMEWORK)
    assert recipients(ADVICE_SECTION_ASKED) == {sbk_adviser.username}
    notice = Notification.objects.get(kind=ADVICE_SECTION_ASKED)
    assert notice.title == f"Herstelactie ‘{action.title}’"
    assert notice.url == f"/herstel/{action.pk}/advies/"
    for user in (adviser, other_adviser, board_member, outsider):
        assert not Notification.objects.filter(recipient=user, kind=ADVICE_SECTION_ASKED)


def test_the_section_is_on_sbks_work_queue_while_asked_in_step_1(
    client, action, adviser, sbk_adviser, other_adviser, outsider
):
    advice_section_assign(actor=adviser, herstelactie=action, section=AdviceSection.LEGAL_FRAMEWORK)
    [line] = lines(sbk_adviser, "Adviesonderdeel")
    assert action.title in line.title
    assert "juridisch kader" in line.title.lower()
    client.force_login(sbk_adviser)
    assert client.get(line.url).status_code == 200
    for user in (adviser, other_adviser, outsider):
        assert not lines(user, "Adviesonderdeel")
    submit(action, adviser)  # step 2A: the advice is out of SBK's hands
    assert not lines(sbk_adviser, "Adviesonderdeel")


def test_a_withdrawn_question_leaves_sbks_work_queue(action, adviser, sbk_adviser):
    asked = advice_section_assign(
        actor=adviser, herstelactie=action, section=AdviceSection.LEGAL_FRAMEWORK
    )
    advice_section_assignment_withdraw(actor=adviser, assignment=asked, reason="Schrijven we zelf.")
    assert not lines(sbk_adviser, "Adviesonderdeel")
