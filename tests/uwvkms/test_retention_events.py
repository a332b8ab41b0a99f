"""Retention of the event log's personal data (issue 19 §5): after `RETENTION_YEARS["events"]`
the client address, the browser and the user name typed at a failed login are cleared through
the log's retention door; who, what, when and old → new stay. The log stays append-only
otherwise."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction
from django.utils import timezone

from uwvkms.events import LOGIN_FAILED, RETENTION_APPLIED, USER_UPDATED
from uwvkms.models import AuditEvent
from uwvkms.retention import REMOVED_VALUE, retention_apply, retention_due


@pytest.fixture
def rows(auditor):
    failed = AuditEvent.objects.create(
        event=LOGIN_FAILED,
        object_repr="jan.jansen",
        client_address="10.1.2.3",
        user_agent="Mozilla/5.0 Firefox",
    )
    change = AuditEvent.objects.create(
        event=USER_UPDATED,
        actor=auditor,
        object_type="uwvkms.user",
        object_id=str(auditor.pk),
        object_repr=str(auditor),
        changes={"email": ["a@uwv.invalid", "b@uwv.invalid"]},
        client_address="10.1.2.4",
        user_agent="Mozilla/5.0 Edge",
    )
    return failed, change


def years_on(n: int) -> datetime.date:
    today = timezone.localdate()
    return today.replace(year=today.year + n)


def due_count(today) -> int:
    return next(d.count for d in retention_due(today=today) if d.kind.key == "events")


def test_due_only_after_the_term(rows, settings):
    settings.RETENTION_YEARS = {**settings.RETENTION_YEARS, "events": 2}
    assert due_count(years_on(1)) == 0
    assert due_count(years_on(3)) == 2


def test_address_browser_and_typed_name_go_the_trail_stays(rows, auditor, settings):
    settings.RETENTION_YEARS = {**settings.RETENTION_YEARS, "events": 2}
    failed, change = rows

    done = retention_apply(actor=None, today=years_on(3))

    assert next(d.count for d in done if d.kind.key == "events") == 2
    failed.refresh_from_db()
    change.refresh_from_db()
    assert (failed.client_address, failed.user_agent, failed.object_repr) == (
        None,
        "",
        REMOVED_VALUE,
    )
    assert (change.client_address, change.user_agent) == (None, "")
    # Who, what, when and old → new are the audit trail: they stay.
    assert (change.actor, change.event, change.object_repr) == (auditor, USER_UPDATED, str(auditor))
    assert change.changes == {"email": ["a@uwv.invalid", "b@uwv.invalid"]}
    assert AuditEvent.objects.filter(event=RETENTION_APPLIED).count() == 1
    assert due_count(years_on(3)) == 0


def test_recent_rows_keep_their_address(rows, settings):
    settings.RETENTION_YEARS = {**settings.RETENTION_YEARS, "events": 2}
    retention_apply(actor=None, today=years_on(1))
    failed, _change = rows
    failed.refresh_from_db()
    assert (failed.client_address, failed.object_repr) == ("10.1.2.3", "jan.jansen")


def test_outside_retention_the_log_stays_append_only(rows):
    failed, _change = rows
    with pytest.raises(IntegrityError), transaction.atomic():
        AuditEvent.objects.filter(pk=failed.pk).update(client_address=None)


def test_the_command_refuses_a_future_day_unless_it_is_a_dry_run(rows):
    future = years_on(3).isoformat()
    with pytest.raises(CommandError, match="alleen met --proef"):
        call_command("bewaartermijnen_toepassen", "--datum", future, stdout=StringIO())
    failed, _change = rows
    failed.refresh_from_db()
    assert failed.client_address == "10.1.2.3"
    out = StringIO()
    call_command("bewaartermijnen_toepassen", "--datum", future, "--proef", stdout=out)
    assert "Gebeurtenissenlog" in out.getvalue()
