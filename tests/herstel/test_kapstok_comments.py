"""The comments on a version of the kapstokverhaal (issue 20) in the one comment mechanism
(`uwvkms.comments`, registered in `herstel.comments`): everyone who reads the action reads them;
the lead division's advisers, SBK, Communicatie and the issuemanager comment while the action is
open; only the author changes (within 15 minutes) or withdraws a comment, with a reason, and it
stays struck through; an @-mention of a reader notifies; on a closed action the thread is
read-only."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from herstel.constants import GoOutcome, Step, StepMove
from herstel.services.communication import kapstok_save
from tests.comments_helpers import queries_of
from tests.factories import CommentFactory
from tests.herstel.flow import go, make_issue, move, to_execution
from uwvkms.comments import comment_edit, comment_post, comment_withdraw, comments_of, thread_url
from uwvkms.models import Comment, Notification
from uwvkms.notifications import COMMENT_MENTIONED


@pytest.fixture
def issue(action, communicatie_user, issuemanager):
    return make_issue(action, communicatie_user, issuemanager)


def _save(issue, issuemanager, version=0):
    return kapstok_save(
        actor=issuemanager,
        herstelactie=issue,
        expected_version=version,
        narrative=f"Narratief {version + 1}.",
        key_messages="Boodschap.",
        questions_answers=[],
    )


@pytest.fixture
def kapstok(issue, issuemanager):
    return _save(issue, issuemanager)


def _withdraw_url(comment):
    return reverse("comment_withdraw", args=[comment.pk])


def test_the_lead_and_sbk_comment_and_withdraw_their_own(
    client, issue, kapstok, adviser, sbk_adviser, dt_member
):
    client.force_login(adviser)
    page_url = reverse("herstel:communication", args=[issue.pk])
    url = thread_url(kapstok)
    assert client.post(url, {"reactie-text": "", "next": page_url}).status_code == 400
    response = client.post(url, {"reactie-text": "Noem de doelgroep.", "next": page_url})
    assert response.status_code == 302 and response["Location"].startswith(page_url)
    comment = Comment.objects.get()
    assert (comment.author, comment.text) == (adviser, "Noem de doelgroep.")
    assert list(comments_of(kapstok)) == [comment]
    sbk_comment = comment_post(actor=sbk_adviser, target=kapstok, text="SZW is ingelicht.")
    with pytest.raises(PermissionDenied):  # the DT reads, and does not comment
        comment_post(actor=dt_member, target=kapstok, text="x")
    with pytest.raises(PermissionDenied):  # only the author withdraws a comment
        comment_withdraw(actor=adviser, comment=sbk_comment, reason="x")
    page = client.get(page_url).content.decode()
    assert _withdraw_url(comment) in page
    assert _withdraw_url(sbk_comment) not in page
    assert client.get(_withdraw_url(comment)).status_code == 200
    assert client.post(_withdraw_url(comment), {"reason": ""}).status_code == 400
    assert client.post(_withdraw_url(comment), {"reason": "Al verwerkt."}).status_code == 302
    comment = Comment.with_withdrawn.get(pk=comment.pk)
    assert (comment.is_withdrawn, comment.withdrawn_by, comment.withdrawal_reason) == (
        True,
        adviser,
        "Al verwerkt.",
    )
    with pytest.raises(ValidationError, match="al ingetrokken"):  # once
        comment_withdraw(actor=adviser, comment=comment, reason="Nog eens.")
    page = client.get(page_url).content.decode()
    assert "<del>Noem de doelgroep.</del>" in page and "Al verwerkt." in page
    client.force_login(sbk_adviser)
    assert client.get(_withdraw_url(comment)).status_code == 403
    assert client.post(_withdraw_url(sbk_comment), {"reason": "Dubbel."}).status_code == 302


@pytest.mark.parametrize(
    ("persona", "reads", "comments"),
    [
        ("adviser", True, True),  # the lead division
        ("sbk_adviser", True, True),
        ("communicatie_user", True, True),
        ("issuemanager", True, True),
        ("dt_member", True, False),  # reads along
        ("board_member", True, False),  # the RvB reads along
        ("other_adviser", False, False),  # another division sees nothing of the action
        ("outsider", False, False),
    ],
)
def test_who_reads_and_who_comments(client, request, kapstok, persona, reads, comments):
    user = request.getfixturevalue(persona)
    client.force_login(user)
    thread = client.get(thread_url(kapstok))
    assert thread.status_code == (200 if reads else 404)
    response = client.post(thread_url(kapstok), {"reactie-text": "Mijn reactie."})
    assert response.status_code == (302 if comments else 403 if reads else 404)
    assert Comment.objects.filter(author=user).exists() is comments
    if reads:
        page = client.get(reverse("herstel:kapstok_version", args=[kapstok.herstelactie_id, 1]))
        assert ("Reactie plaatsen" in page.content.decode()) is comments


def test_a_comment_on_an_older_version_stays_on_that_version(
    client, issue, kapstok, issuemanager, adviser
):
    second = _save(issue, issuemanager, version=1)
    client.force_login(adviser)
    version_page = reverse("herstel:kapstok_version", args=[issue.pk, 1])
    assert thread_url(kapstok) in client.get(version_page).content.decode()
    typed = "Over versie 1: " + "x" * 5000  # too long: refused by the form
    response = client.post(thread_url(kapstok), {"reactie-text": typed, "next": version_page})
    assert response.status_code == 400
    assert typed in response.content.decode()
    assert not Comment.objects.exists()
    # Placed on version 1, it leads back to that version's page and stays with version 1.
    response = client.post(thread_url(kapstok), {"reactie-text": "Kort.", "next": version_page})
    assert response["Location"].startswith(version_page)
    assert [c.text for c in comments_of(kapstok)] == ["Kort."]
    assert list(comments_of(second)) == []
    # The communication page shows the latest version's thread, so not this comment.
    page = client.get(reverse("herstel:communication", args=[issue.pk])).content.decode()
    assert thread_url(second) in page and "Kort." not in page


def test_the_author_changes_a_comment_within_fifteen_minutes(kapstok, adviser, sbk_adviser):
    comment = comment_post(actor=adviser, target=kapstok, text="Noem de doelgrp.")
    with pytest.raises(PermissionDenied):
        comment_edit(actor=sbk_adviser, comment=comment, text="x", expected_version=1)
    comment = comment_edit(
        actor=adviser, comment=comment, text="Noem de doelgroep.", expected_version=1
    )
    assert (comment.text, comment.version) == ("Noem de doelgroep.", 2)
    with pytest.raises(ValidationError, match="15 minuten"):
        comment_edit(
            actor=adviser,
            comment=comment,
            text="Later.",
            expected_version=2,
            now=timezone.now() + datetime.timedelta(minutes=16),
        )


def test_a_mention_of_a_reader_notifies_and_of_anyone_else_is_refused(
    kapstok, adviser, dt_member, other_adviser
):
    comment_post(actor=adviser, target=kapstok, text=f"@{dt_member.username}, ter info.")
    notification = Notification.objects.get(kind=COMMENT_MENTIONED)
    assert notification.recipient == dt_member  # the DT reads the kapstokverhaal
    assert thread_url(kapstok) in notification.url
    with pytest.raises(ValidationError, match="mag dit onderwerp niet lezen"):
        comment_post(actor=adviser, target=kapstok, text=f"@{other_adviser.username} kijk mee")
    assert Comment.objects.count() == 1


def test_on_a_closed_action_the_thread_is_read_only(
    client, issue, kapstok, adviser, dt_member, board_member
):
    comment = comment_post(actor=adviser, target=kapstok, text="Noem de doelgroep.")
    to_execution(issue, adviser, dt_member, board_member)
    go(issue, dt_member, GoOutcome.NO_GO, "Geen grondslag voor herstel.")
    ended = move(issue, adviser, StepMove.END_WITHOUT_EXECUTION, "Geen grond voor herstel.")
    assert ended.step == Step.BEEINDIGD
    client.force_login(adviser)
    page = client.get(reverse("herstel:kapstok_version", args=[issue.pk, 1])).content.decode()
    assert "Noem de doelgroep." in page
    assert "Reactie plaatsen" not in page and _withdraw_url(comment) not in page
    # A comment typed while the page still offered the form: refused, its text given back.
    refused = client.post(thread_url(kapstok), {"reactie-text": "Nog iets <b>belangrijks</b>."})
    assert refused.status_code == 403
    html = refused.content.decode()
    assert "Uw reactie is niet geplaatst" in html
    assert "Nog iets &lt;b&gt;belangrijks&lt;/b&gt;." in html
    assert "Reactie plaatsen" not in html
    assert client.post(_withdraw_url(comment), {"reason": "Vergist."}).status_code == 403
    with pytest.raises(PermissionDenied):
        comment_post(actor=adviser, target=kapstok, text="Nog iets.")
    with pytest.raises(PermissionDenied):
        comment_withdraw(actor=adviser, comment=comment, reason="Vergist.")
    with pytest.raises(PermissionDenied):
        comment_edit(actor=adviser, comment=comment, text="Anders.", expected_version=1)
    assert [c.text for c in comments_of(kapstok)] == ["Noem de doelgroep."]
    assert not comments_of(kapstok).get().is_withdrawn


def test_the_pages_do_not_query_more_with_more_comments(
    client, issue, kapstok, adviser, sbk_adviser
):
    client.force_login(adviser)
    pages = [
        reverse("herstel:communication", args=[issue.pk]),
        reverse("herstel:kapstok_version", args=[issue.pk, 1]),
    ]
    CommentFactory(target=kapstok, author=adviser)
    before = [queries_of(client, url) for url in pages]
    for n in range(8):
        comment = CommentFactory(target=kapstok, author=sbk_adviser if n % 2 else adviser)
    comment_withdraw(actor=comment.author, comment=comment, reason="Dubbel.")
    after = [queries_of(client, url) for url in pages]
    assert all(a <= b for a, b in zip(after, before, strict=True)), (before, after)
    assert len(comments_of(kapstok)) == 9
