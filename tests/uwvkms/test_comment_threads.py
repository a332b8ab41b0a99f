"""A comment thread's life (issue 21 §4), on a score as the target: posting with @-mentions
that notify (and a mention of someone who may not read the target refused, the text kept),
changing one's own comment within 15 minutes (versioned, in the event log; refused after, and
for anyone else), withdrawing it with a reason (it stays, struck through, with who, when, why)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.comments_helpers import colleague_on_team, concept_score
from uwvkms.comments import comment_edit, comment_post, comment_withdraw, thread_url
from uwvkms.events import COMMENT_EDITED, COMMENT_POSTED, COMMENT_WITHDRAWN
from uwvkms.models import AuditEvent, Comment, Notification
from uwvkms.notifications import COMMENT_MENTIONED
from uwvkms.versioning import EditConflict


@pytest.fixture
def score(cycle, uitkeren, auditor):
    return concept_score(cycle=cycle, unit=uitkeren, auditor=auditor)


@pytest.fixture
def bram(coordinator, cycle, uitkeren, fez):
    return colleague_on_team(coordinator=coordinator, cycle=cycle, unit=uitkeren, fez=fez)


def _posted_minutes_ago(comment, minutes):
    Comment.with_withdrawn.filter(pk=comment.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=minutes)
    )
    comment.refresh_from_db()
    return comment


# --- posting and mentions -------------------------------------------------------------------


def test_a_mention_notifies_the_colleague_with_a_link_to_the_thread(client, auditor, bram, score):
    client.force_login(auditor)
    response = client.post(
        thread_url(score),
        {"reactie-text": "@bram zie jij het jaarplan als bewijs?", "next": "/volwassenheid/2031/"},
    )
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/volwassenheid/2031/#reactie-{comment.pk}"
    note = Notification.objects.get()
    assert note.recipient == bram and note.kind == COMMENT_MENTIONED
    assert note.url == f"{thread_url(score)}#reactie-{comment.pk}"
    assert "Klantgerichtheid" in note.title and "Uitkeren" in note.title
    assert "jaarplan" not in note.title  # the mail names the object only
    event = AuditEvent.objects.get(event=COMMENT_POSTED)
    assert event.actor == auditor and event.changes["text"][1].startswith("@bram")


def test_mentioning_oneself_notifies_nobody(auditor, score):
    comment_post(actor=auditor, target=score, text="Notitie voor @auditor zelf.")
    assert not Notification.objects.exists()


@pytest.mark.parametrize(
    ("persona", "message"),
    [
        ("unit_board", "mag dit onderwerp niet lezen"),
        ("other_auditor", "mag dit onderwerp niet lezen"),
        ("board_member", "mag dit onderwerp niet lezen"),
        ("outsider", "mag dit onderwerp niet lezen"),
    ],
)
def test_a_mention_of_someone_who_may_not_read_the_target_is_refused_and_the_text_kept(
    client, request, auditor, score, persona, message
):
    user = request.getfixturevalue(persona)
    text = f"Wat vindt @{user.username} hiervan?"
    client.force_login(auditor)
    response = client.post(thread_url(score), {"reactie-text": text})
    page = response.content.decode()
    assert response.status_code == 400
    assert message in page
    assert f"Wat vindt @{user.username} hiervan?" in page  # the form keeps the text
    assert not Comment.objects.exists()
    assert not Notification.objects.exists()


def test_a_mention_of_an_unknown_or_inactive_user_is_refused(auditor, bram, score):
    bram.is_active = False
    bram.save(update_fields=["is_active"])
    for text in ("Vraag aan @niemand", "Vraag aan @bram"):
        with pytest.raises(ValidationError, match="geen gebruiker"):
            comment_post(actor=auditor, target=score, text=text)
    assert not Comment.objects.exists()


def test_an_empty_comment_is_refused(client, auditor, score):
    client.force_login(auditor)
    response = client.post(thread_url(score), {"reactie-text": "   "})
    assert response.status_code == 400
    assert not Comment.objects.exists()


def test_the_other_auditor_follows_the_notification_and_replies(client, auditor, bram, score):
    comment_post(actor=auditor, target=score, text="@bram wat vind jij?")
    note = Notification.objects.get(recipient=bram)
    client.force_login(bram)
    page = client.get(note.url.split("#")[0])
    assert "@bram wat vind jij?" in page.content.decode()
    client.post(thread_url(score), {"reactie-text": "@auditor eens, niveau 3."})
    assert Notification.objects.get(recipient=auditor).kind == COMMENT_MENTIONED


# --- edits ----------------------------------------------------------------------------------


def test_the_author_changes_a_comment_within_fifteen_minutes(client, auditor, bram, score):
    comment = comment_post(actor=auditor, target=score, text="Eerste versie.")
    client.force_login(auditor)
    url = reverse("comment_edit", args=[comment.pk])
    assert "Wijzigen" in client.get(thread_url(score)).content.decode()
    response = client.post(
        url, {"reactie-text": "Tweede versie, @bram.", "reactie-version": comment.version}
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.text == "Tweede versie, @bram." and comment.version == 2
    assert comment.edited_at is not None
    event = AuditEvent.objects.get(event=COMMENT_EDITED)
    assert event.changes == {"text": ["Eerste versie.", "Tweede versie, @bram."]}
    assert Notification.objects.get().recipient == bram  # newly mentioned
    assert "gewijzigd op" in client.get(thread_url(score)).content.decode()


def test_after_fifteen_minutes_the_page_stops_offering_edit_and_the_server_refuses(
    client, auditor, score
):
    comment = _posted_minutes_ago(comment_post(actor=auditor, target=score, text="Oud."), 16)
    client.force_login(auditor)
    assert (
        reverse("comment_edit", args=[comment.pk])
        not in client.get(thread_url(score)).content.decode()
    )
    url = reverse("comment_edit", args=[comment.pk])
    page = client.get(url).content.decode()
    assert "15 minuten" in page and "<textarea" not in page
    response = client.post(
        url, {"reactie-text": "Toch anders.", "reactie-version": comment.version}
    )
    assert response.status_code == 400
    assert "15 minuten" in response.content.decode()
    assert "Toch anders." in response.content.decode()  # what was typed comes back
    comment.refresh_from_db()
    assert comment.text == "Oud."
    with pytest.raises(ValidationError, match="15 minuten"):
        comment_edit(actor=auditor, comment=comment, text="x", expected_version=1)


def test_only_the_author_changes_or_withdraws_a_comment(client, auditor, bram, score):
    comment = comment_post(actor=auditor, target=score, text="Van Anouk.")
    client.force_login(bram)
    assert client.get(reverse("comment_edit", args=[comment.pk])).status_code == 403
    assert client.get(reverse("comment_withdraw", args=[comment.pk])).status_code == 403
    with pytest.raises(PermissionDenied):
        comment_edit(actor=bram, comment=comment, text="Van Bram.", expected_version=1)
    with pytest.raises(PermissionDenied):
        comment_withdraw(actor=bram, comment=comment, reason="Onjuist.")
    assert "Wijzigen" not in client.get(thread_url(score)).content.decode()


def test_a_comment_one_may_not_read_is_404(client, auditor, unit_board, score):
    comment = comment_post(actor=auditor, target=score, text="Intern.")
    client.force_login(unit_board)
    assert client.get(reverse("comment_edit", args=[comment.pk])).status_code == 404
    assert client.get(reverse("comment_withdraw", args=[comment.pk])).status_code == 404


def test_two_edits_of_one_version_conflict(auditor, score):
    comment = comment_post(actor=auditor, target=score, text="Eerste.")
    comment_edit(actor=auditor, comment=comment, text="Tweede.", expected_version=1)
    with pytest.raises(EditConflict):
        comment_edit(actor=auditor, comment=comment, text="Derde.", expected_version=1)


# --- withdrawal -----------------------------------------------------------------------------


def test_the_author_withdraws_a_comment_with_a_reason_and_it_stays(client, auditor, bram, score):
    comment = comment_post(actor=auditor, target=score, text="Verkeerd onderdeel.")
    client.force_login(auditor)
    url = reverse("comment_withdraw", args=[comment.pk])
    assert "Ja, intrekken" in client.get(url).content.decode()
    refused = client.post(url, {"reason": ""})
    assert refused.status_code == 400
    assert Comment.objects.count() == 1
    assert client.post(url, {"reason": "Hoorde bij Operationele Kwaliteit."}).status_code == 302
    comment = Comment.with_withdrawn.get(pk=comment.pk)
    assert comment.is_withdrawn and comment.withdrawn_by == auditor
    assert AuditEvent.objects.get(event=COMMENT_WITHDRAWN).reason == (
        "Hoorde bij Operationele Kwaliteit."
    )
    client.force_login(bram)
    page = client.get(thread_url(score)).content.decode()
    assert "<del>Verkeerd onderdeel.</del>" in page
    assert "Ingetrokken door Anouk Toetser op" in page
    assert ": Hoorde bij Operationele Kwaliteit." in page
    with pytest.raises(ValidationError):
        comment_withdraw(actor=auditor, comment=comment, reason="Nogmaals.")
