"""Comments on a score (issue 21 §4): the unit's audit team and the coordination team discuss
it, on the score page and the thread page; nobody else reads the thread (404), not the unit's
board, not the RvB, not an auditor of another unit, not an outsider. The score page's query
count does not grow with the comments."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from tests.comments_helpers import colleague_on_team, concept_score, queries_of
from tests.factories import CommentFactory, UserFactory
from uwvkms.comments import comment_post, thread_url
from uwvkms.constants import Role
from uwvkms.models import Comment


@pytest.fixture
def score(cycle, uitkeren, auditor):
    return concept_score(cycle=cycle, unit=uitkeren, auditor=auditor)


def _score_page(score):
    return reverse(
        "maturity:score_edit", args=[score.cycle.year, score.unit_id, score.principle.code]
    )


def test_the_audit_team_sees_and_writes_the_thread_on_the_score_page(client, auditor, score):
    CommentFactory(target=score, author=auditor, text="Is het jaarplan al bevestigd?")
    client.force_login(auditor)
    page = client.get(_score_page(score)).content.decode()
    assert 'id="reacties"' in page
    assert "Is het jaarplan al bevestigd?" in page
    assert f'action="{thread_url(score)}"' in page
    assert "Reacties komen nooit in een rapport" in page


def test_the_coordination_team_reads_and_writes_the_thread(client, coordinator, auditor, score):
    CommentFactory(target=score, author=auditor, text="Graag kalibreren.")
    client.force_login(coordinator)
    page = client.get(thread_url(score))
    assert page.status_code == 200
    assert "Graag kalibreren." in page.content.decode()
    response = client.post(thread_url(score), {"reactie-text": "Nemen we mee in ronde 1."})
    assert response.status_code == 302
    assert Comment.objects.filter(author=coordinator, text="Nemen we mee in ronde 1.").exists()
    calibration = reverse("maturity:calibration_score", args=[score.cycle.year, score.pk])
    assert "Graag kalibreren." in client.get(calibration).content.decode()


@pytest.mark.parametrize("persona", ["outsider", "unit_board", "board_member", "other_auditor"])
def test_nobody_else_reads_or_writes_the_thread(client, request, auditor, score, persona):
    CommentFactory(target=score, author=auditor, text="Alleen voor het team.")
    user = request.getfixturevalue(persona)
    client.force_login(user)
    assert client.get(thread_url(score)).status_code == 404
    assert client.post(thread_url(score), {"reactie-text": "Mag ik meedoen?"}).status_code == 404
    with pytest.raises(PermissionDenied):
        comment_post(actor=user, target=score, text="Via de service dan?")
    assert Comment.objects.count() == 1


def test_the_board_of_the_unit_does_not_see_the_thread_on_the_calibration_page(
    client, auditor, unit_board, score
):
    # The board may be shown a score elsewhere; the thread is never on it.
    CommentFactory(target=score, author=auditor, text="Alleen voor het team.")
    client.force_login(unit_board)
    calibration = client.get(
        reverse("maturity:calibration_score", args=[score.cycle.year, score.pk])
    )
    assert "Alleen voor het team." not in calibration.content.decode()


def test_a_thread_of_an_unknown_kind_or_record_is_404(client, auditor, score):
    client.force_login(auditor)
    assert client.get(f"/reacties/uwvkms.user/{auditor.pk}/").status_code == 404
    assert client.get(f"/reacties/maturity.score/{score.pk + 1000}/").status_code == 404


def test_the_score_page_queries_do_not_grow_with_the_comments(
    client, coordinator, auditor, cycle, uitkeren, fez, score
):
    bram = colleague_on_team(coordinator=coordinator, cycle=cycle, unit=uitkeren, fez=fez)
    CommentFactory(target=score, author=auditor)
    client.force_login(auditor)
    before = queries_of(client, _score_page(score))
    for n in range(8):
        CommentFactory(target=score, author=bram if n % 2 else auditor)
        CommentFactory(target=score, author=UserFactory(roles=[Role.COORDINATIETEAM]))
    withdrawn = CommentFactory(target=score, author=auditor)
    Comment.objects.filter(pk=withdrawn.pk).update(
        withdrawn_at=withdrawn.created_at, withdrawn_by=bram, withdrawal_reason="Dubbel."
    )
    assert queries_of(client, _score_page(score)) <= before
    assert queries_of(client, thread_url(score)) <= before
