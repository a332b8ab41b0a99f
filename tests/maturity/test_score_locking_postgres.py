"""Optimistic locking of scores under real concurrency: two auditors save the same version of a
score at the same moment over two database connections. Exactly one save wins; the other gets
EditConflict and changes nothing. Runs on PostgreSQL only (SQLite serialises all writers, so it
cannot show the race); the same rule is tested through the views in test_score_record.py."""

import threading

import pytest
from django.db import connection

from audits.services import assignment_create
from maturity.models import Score, ScoreChange
from maturity.services import score_record
from tests.factories import UserFactory, principle
from uwvkms.constants import Role
from uwvkms.versioning import EditConflict

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
    # Real commits, seen by the other connection; the seeded reference data is restored after.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def save_concurrently(saves: list[dict]) -> list[object]:
    """Run one score_record per entry of `saves`, each in its own thread (so its own database
    connection), all released at once. Returns per save the Score or the exception raised."""
    barrier = threading.Barrier(len(saves), timeout=10)
    results: list[object] = [None] * len(saves)

    def run(index: int, kwargs: dict) -> None:
        try:
            barrier.wait()  # both have their (same) expected version before either writes
            results[index] = score_record(**kwargs)
        except Exception as exc:  # noqa: BLE001 (the test inspects what each thread got)
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, kw)) for i, kw in enumerate(saves)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads)
    return results


@pytest.fixture
def colleague(coordinator, cycle, uitkeren, auditor):
    colleague = UserFactory(
        username="collega", business_unit=auditor.business_unit, roles=[Role.TOETSER]
    )
    assignment_create(actor=coordinator, cycle=cycle, unit=uitkeren, auditor=colleague)
    return colleague


def test_two_saves_of_the_same_version_one_wins(auditor, colleague, cycle, uitkeren):
    klant = principle("klantgerichtheid")
    common = {"cycle": cycle, "unit": uitkeren, "principle": klant, "submit": False}
    first = score_record(
        actor=auditor, level=2, justification="Eerste indruk.", expected_version=0, **common
    )
    assert first.version == 1

    results = save_concurrently(
        [
            {
                "actor": auditor,
                "level": 3,
                "justification": "Na de interviews.",
                "expected_version": 1,
                **common,
            },
            {
                "actor": colleague,
                "level": 4,
                "justification": "Na de documentstudie.",
                "expected_version": 1,
                **common,
            },
        ]
    )

    winners = [r for r in results if isinstance(r, Score)]
    losers = [r for r in results if isinstance(r, EditConflict)]
    assert (len(winners), len(losers)) == (1, 1), results
    winner = winners[0]
    score = Score.objects.get(pk=first.pk)
    assert (score.level, score.version, score.updated_by) == (
        winner.level,
        2,
        winner.updated_by,
    )
    assert "intussen gewijzigd door" in losers[0].messages[0]
    assert str(winner.updated_by) in losers[0].messages[0]
    saves = ScoreChange.objects.filter(score=score, old_level=2)
    assert [(c.new_level, c.changed_by) for c in saves] == [(winner.level, winner.updated_by)]
    assert ScoreChange.objects.filter(score=score).count() == 2


def test_two_first_saves_one_wins(auditor, colleague, cycle, uitkeren):
    common = {
        "cycle": cycle,
        "unit": uitkeren,
        "principle": principle("klantgerichtheid"),
        "expected_version": 0,
        "justification": "Jaarplan en interviews.",
    }
    results = save_concurrently(
        [{"actor": auditor, "level": 2, **common}, {"actor": colleague, "level": 5, **common}]
    )
    winners = [r for r in results if isinstance(r, Score)]
    assert len(winners) == 1, results
    assert sum(isinstance(r, EditConflict) for r in results) == 1
    score = Score.objects.get()
    assert (score.level, score.version) == (winners[0].level, 1)
    assert ScoreChange.objects.filter(score=score).count() == 1
