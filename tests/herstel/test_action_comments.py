"""Comments on a herstelactie (issue 21 §4): its working group discusses it on the action's
overview page (the lead advisers, the DTs, the RvB, SBK, the members, the issuemanager). Those
who read the action without working on it (Communicatie that is not its issuemanager, FEZ for
the figures, the owner of a communication task only) and everyone else get 404 on the thread,
and cannot be mentioned in it."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from herstel.constants import Discipline
from herstel.services.communication_tasks import communication_task_add
from tests.comments_helpers import queries_of
from tests.factories import CommentFactory, UserFactory
from tests.herstel.flow import make_issue
from uwvkms.comments import comment_post, thread_url
from uwvkms.models import Comment, Notification


def test_the_working_group_discusses_the_action_on_its_overview(client, action, adviser, wg_member):
    client.force_login(adviser)
    detail = reverse("herstel:detail", args=[action.pk])
    response = client.post(
        thread_url(action),
        {"reactie-text": "@werkgroep kun jij de cijfers nalopen?", "next": detail},
    )
    assert response.status_code == 302 and response["Location"].startswith(detail)
    note = Notification.objects.get(recipient=wg_member, kind="uwvkms.comment.mentioned")
    assert note.title == f"Genoemd in een reactie bij herstelactie ‘{action.title}’"
    client.force_login(wg_member)
    page = client.get(detail).content.decode()
    assert 'id="reacties"' in page and "kun jij de cijfers nalopen?" in page


@pytest.mark.parametrize("persona", ["adviser", "dt_member", "board_member", "sbk_adviser"])
def test_the_working_group_reads_the_thread(client, request, action, adviser, persona):
    CommentFactory(target=action, author=adviser, text="Planning bespreken.")
    client.force_login(request.getfixturevalue(persona))
    assert "Planning bespreken." in client.get(thread_url(action)).content.decode()


@pytest.mark.parametrize(
    "persona", ["outsider", "other_adviser", "fez_adviser", "communicatie_user", "coordinator"]
)
def test_readers_without_a_working_group_capacity_and_others_get_404(
    client, request, action, adviser, persona
):
    CommentFactory(target=action, author=adviser, text="Alleen voor de werkgroep.")
    user = request.getfixturevalue(persona)
    client.force_login(user)
    assert client.get(thread_url(action)).status_code == 404
    with pytest.raises(PermissionDenied):
        comment_post(actor=user, target=action, text="Ik ook?")
    detail = client.get(reverse("herstel:detail", args=[action.pk]))
    assert "Alleen voor de werkgroep." not in detail.content.decode()


def test_communicatie_reading_the_action_is_not_shown_the_thread_on_its_overview(
    client, action, adviser, communicatie_user
):
    CommentFactory(target=action, author=adviser, text="Alleen voor de werkgroep.")
    client.force_login(communicatie_user)
    detail = client.get(reverse("herstel:detail", args=[action.pk]))
    assert detail.status_code == 200  # Communicatie reads every action ...
    assert 'id="reacties"' not in detail.content.decode()  # ... not its working group's thread


def test_a_task_owner_only_neither_reads_nor_is_mentioned(
    client, executing, adviser, communicatie_user, issuemanager
):
    issue = make_issue(executing, communicatie_user, issuemanager)
    press = UserFactory(username="woordvoerder")
    communication_task_add(
        actor=issuemanager,
        herstelactie=issue,
        discipline=Discipline.WOORDVOERING,
        description="Reactieve lijn.",
        due_on=timezone.localdate() + datetime.timedelta(days=14),
        owner_user=press,
        owner_name="",
    )
    client.force_login(press)
    assert client.get(thread_url(issue)).status_code == 404
    client.force_login(adviser)
    response = client.post(thread_url(issue), {"reactie-text": "@woordvoerder graag een lijn."})
    assert response.status_code == 400
    assert "mag dit onderwerp niet lezen" in response.content.decode()
    assert not Comment.objects.exists()
    # The issuemanager works on the action: reads and may be mentioned.
    comment_post(actor=adviser, target=issue, text="@issuemanager graag een lijn.")
    assert Notification.objects.filter(
        recipient=issuemanager, kind="uwvkms.comment.mentioned"
    ).exists()


def test_the_overview_queries_do_not_grow_with_comments(client, action, adviser, dt_member):
    client.force_login(adviser)
    url = reverse("herstel:detail", args=[action.pk])
    CommentFactory(target=action, author=adviser)
    before = queries_of(client, url)
    for n in range(8):
        CommentFactory(target=action, author=dt_member if n % 2 else adviser)
    assert queries_of(client, url) <= before
