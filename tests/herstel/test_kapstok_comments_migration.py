"""Migration herstel 0015: the comments on the kapstokverhaal move from their own model
(`KapstokComment`) into the one comment mechanism (`uwvkms.Comment`) on their version, with
author, time, text and the withdrawal (who, when, why); backwards they are copied back."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from herstel.services.communication import kapstok_save
from tests.herstel.flow import make_issue
from uwvkms.comments import comments_of

BEFORE = [("herstel", "0014_search_document")]
AFTER = [("herstel", "0015_kapstok_comments_into_core")]


def _executor() -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    return executor


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_comment_and_a_withdrawn_comment_survive_the_move(
    action, adviser, sbk_adviser, communicatie_user, issuemanager
):
    make_issue(action, communicatie_user, issuemanager)
    kapstok = kapstok_save(
        actor=issuemanager,
        herstelactie=action,
        expected_version=0,
        narrative="Narratief.",
        key_messages="Boodschap.",
        questions_answers=[],
    )
    posted = timezone.now() - datetime.timedelta(days=3)
    withdrawn_at = posted + datetime.timedelta(hours=2)
    try:
        executor = _executor()
        executor.migrate(BEFORE)
        old = executor.loader.project_state(BEFORE).apps
        KapstokComment = old.get_model("herstel", "KapstokComment")
        first = KapstokComment.objects.create(
            kapstokverhaal_id=kapstok.pk, author_id=adviser.pk, text="Noem de doelgroep."
        )
        second = KapstokComment.objects.create(
            kapstokverhaal_id=kapstok.pk,
            author_id=sbk_adviser.pk,
            text="Vergist.",
            withdrawn_at=withdrawn_at,
            withdrawn_by_id=sbk_adviser.pk,
            withdrawal_reason="Verkeerde versie.",
        )
        KapstokComment.objects.filter(pk=first.pk).update(created_at=posted)
        KapstokComment.objects.filter(pk=second.pk).update(created_at=posted)

        _executor().migrate(AFTER)
        moved = list(comments_of(kapstok))
        assert [(c.author, c.text, c.created_at) for c in moved] == [
            (adviser, "Noem de doelgroep.", posted),
            (sbk_adviser, "Vergist.", posted),
        ]
        assert not moved[0].is_withdrawn
        assert (moved[1].withdrawn_by, moved[1].withdrawn_at, moved[1].withdrawal_reason) == (
            sbk_adviser,
            withdrawn_at,
            "Verkeerde versie.",
        )
        assert "herstel_kapstokcomment" not in connection.introspection.table_names()

        # Backwards: copied back, with the withdrawal, and out of the core's table.
        executor = _executor()
        executor.migrate(BEFORE)
        KapstokComment = executor.loader.project_state(BEFORE).apps.get_model(
            "herstel", "KapstokComment"
        )
        back = list(KapstokComment.objects.order_by("id"))
        assert [(c.author_id, c.text, c.created_at) for c in back] == [
            (adviser.pk, "Noem de doelgroep.", posted),
            (sbk_adviser.pk, "Vergist.", posted),
        ]
        assert back[1].withdrawal_reason == "Verkeerde versie." and back[0].withdrawn_at is None
        assert list(comments_of(kapstok)) == []
    finally:
        executor = _executor()
        executor.migrate(executor.loader.graph.leaf_nodes())
