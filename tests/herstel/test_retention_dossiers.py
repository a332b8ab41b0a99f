"""Retention of dossier references (issue 19 §5): `RETENTION_YEARS["dossiers"]` after an action
was closed, its references become "verwijderd #<nummer>"; statuses and amounts stay."""

import datetime

import pytest

from herstel.events import DOSSIER_REFERENCES_REMOVED
from herstel.models import Dossier, Herstelactie
from tests.herstel.flow import import_rows, row
from uwvkms.models import AuditEvent
from uwvkms.retention import retention_apply, retention_due

CLOSED = datetime.date(2027, 6, 30)


@pytest.fixture
def closed(executing, adviser):
    import_rows(
        executing,
        adviser,
        [row("ZAAK-001", "afgehandeld", "nabetalen", "125,50", "0", "0", "0"), row("ZAAK-002")],
    )
    # Closing itself is tested in test_execution; here only its day matters.
    Herstelactie.objects.filter(pk=executing.pk).update(closed_on=CLOSED)
    return executing


def due_count(today) -> int:
    return next(d.count for d in retention_due(today=today) if d.kind.key == "dossiers")


def test_due_the_day_the_term_ends(closed, settings):
    settings.RETENTION_YEARS = {**settings.RETENTION_YEARS, "dossiers": 7}
    assert due_count(datetime.date(2034, 6, 29)) == 0
    assert due_count(datetime.date(2034, 6, 30)) == 1


def test_an_open_action_keeps_its_references(executing, adviser):
    import_rows(executing, adviser, [row("ZAAK-009")])
    retention_apply(actor=None, today=datetime.date(2090, 1, 1))
    assert Dossier.objects.get(herstelactie=executing).reference == "ZAAK-009"


def test_references_go_the_figures_stay(closed):
    before = {
        d.pk: (d.status, d.outcome, d.paid_cents)
        for d in Dossier.objects.filter(herstelactie=closed)
    }
    today = datetime.date(2040, 1, 1)

    retention_apply(actor=None, today=today)

    after = Dossier.objects.filter(herstelactie=closed)
    assert {d.reference for d in after} == {f"verwijderd #{pk}" for pk in before}
    assert {d.pk: (d.status, d.outcome, d.paid_cents) for d in after} == before
    closed.refresh_from_db()
    assert closed.dossier_references_removed_on == today
    event = AuditEvent.objects.get(event=DOSSIER_REFERENCES_REMOVED)
    assert event.object_id == str(closed.pk)
    assert "ZAAK" not in str(event.changes)
    assert due_count(today) == 0
