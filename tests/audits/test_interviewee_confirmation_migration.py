"""Migration 0010 (confirmation per interviewee): an interview confirmed before it was confirmed as
a whole, so each of its interviewees counts as having confirmed it, on the day the record was
confirmed, by the channel "eerder"; other interviews keep their interviewees unconfirmed."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from audits.models import Interview, Interviewee
from tests.factories import InterviewFactory

BEFORE = [("audits", "0009_withdrawal_and_based_on")]
AFTER = [("audits", "0010_interviewee_confirmation")]


def migrate(targets=None) -> None:
    """Migrate to `targets`, or (None) back to the latest of every app: going back to 0009
    also unapplies what depends on 0010 in other apps, which the tests after this one need."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets or executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_interviewees_of_confirmed_interviews_count_as_confirmed(cycle, uitkeren, auditor):
    confirmed = InterviewFactory(
        cycle=cycle,
        unit=uitkeren,
        created_by=auditor,
        bevestigd=True,
        interviewees=[("Jan Jansen", "Teamleider"), ("Eva de Vries", "Adviseur")],
    )
    waiting = InterviewFactory(cycle=cycle, unit=uitkeren, created_by=auditor, ter_bevestiging=True)
    # Confirmed at 23:30 UTC on 9 March: 00:30 on 10 March in Amsterdam, the day the app shows.
    late = datetime.datetime(2025, 3, 9, 23, 30, tzinfo=datetime.UTC)
    Interview.objects.filter(pk=confirmed.pk).update(confirmed_at=late)
    confirmed.refresh_from_db()
    try:
        migrate(BEFORE)  # the columns go, the rows stay
        migrate(AFTER)
        people = list(Interviewee.objects.filter(interview=confirmed))
        assert len(people) == 2
        for person in people:
            assert person.confirmed_on == datetime.date(2025, 3, 10)
            assert person.confirmed_via == "eerder"
            assert person.confirmation_recorded_by == auditor
            assert person.confirmation_recorded_at == confirmed.confirmed_at
        assert not Interviewee.objects.get(interview=waiting).has_confirmed
    finally:
        migrate()
