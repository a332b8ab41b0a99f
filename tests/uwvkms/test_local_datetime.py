"""A moment written for people in Python (conflict messages, history lines) is in local time and
the Dutch format, never the stored UTC (`uwvkms.formats.local_datetime`)."""

import datetime

import pytest
from django.utils import translation

from maturity.models import Score
from maturity.services.scores import score_record
from tests.factories import principle
from uwvkms.formats import local_datetime
from uwvkms.versioning import EditConflict

UTC = datetime.UTC


@pytest.mark.parametrize(
    ("moment", "shown"),
    [
        # Winter (CET, +1): late evening UTC is the next day in Amsterdam.
        (datetime.datetime(2026, 12, 6, 23, 30, tzinfo=UTC), "7 december 2026 00:30"),
        # Summer (CEST, +2).
        (datetime.datetime(2026, 7, 1, 10, 0, tzinfo=UTC), "1 juli 2026 12:00"),
        # Already local (naive): shown as it is.
        (datetime.datetime(2026, 3, 2, 9, 15), "2 maart 2026 09:15"),
    ],
)
def test_local_datetime(moment, shown):
    with translation.override("nl"):
        assert local_datetime(moment) == shown


def test_a_conflict_message_names_the_local_time(cycle, auditor, uitkeren):
    klant = principle("klantgerichtheid")
    score = score_record(
        actor=auditor,
        cycle=cycle,
        unit=uitkeren,
        principle=klant,
        level=3,
        justification="Gezien in het jaarplan.",
        expected_version=0,
        submit=False,
    )
    Score.objects.filter(pk=score.pk).update(
        updated_at=datetime.datetime(2026, 12, 6, 23, 30, tzinfo=UTC)
    )
    with translation.override("nl"), pytest.raises(EditConflict) as refused:
        score_record(
            actor=auditor,
            cycle=cycle,
            unit=uitkeren,
            principle=klant,
            level=4,
            justification="Toch hoger.",
            expected_version=0,  # stale: the score is at version 1
            submit=False,
        )
    assert "7 december 2026 00:30" in refused.value.messages[0]
