"""The event log is append-only for the application's database user (BIO 8.15, ASVS 16.4.2):
the database refuses UPDATE and DELETE of its rows, by the ORM or by raw SQL, on SQLite and on
PostgreSQL alike; only `uwvkms.eventlog.retention_permit()` (the retention job's narrow door)
lets them through, and only inside its block."""

import pytest
from django.db import IntegrityError, connection, transaction

from uwvkms.eventlog import retention_permit
from uwvkms.events import API_TOKEN_REFUSED
from uwvkms.models import AuditEvent
from uwvkms.services import audit_event_record


@pytest.fixture
def row(db):
    return audit_event_record(event=API_TOKEN_REFUSED, actor=None, target=None, reason="eerst")


def _refused(action) -> None:
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        action()


def test_an_update_through_the_orm_is_refused(row):
    _refused(lambda: AuditEvent.objects.filter(pk=row.pk).update(reason="later"))
    row.reason = "later"
    _refused(lambda: row.save())
    row.refresh_from_db()
    assert row.reason == "eerst"


def test_a_delete_through_the_orm_is_refused(row):
    _refused(lambda: AuditEvent.objects.filter(pk=row.pk).delete())
    _refused(lambda: row.delete())
    assert AuditEvent.objects.filter(pk=row.pk).exists()


def test_raw_sql_is_refused_too(row):
    def update():
        with connection.cursor() as cursor:
            cursor.execute("UPDATE uwvkms_auditevent SET reason = 'x' WHERE id = %s", [row.pk])

    def delete():
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM uwvkms_auditevent")

    _refused(update)
    _refused(delete)
    assert AuditEvent.objects.get(pk=row.pk).reason == "eerst"


def test_adding_rows_stays_possible(row):
    audit_event_record(event=API_TOKEN_REFUSED, actor=None, target=None)
    assert AuditEvent.objects.count() == 2


def test_the_retention_permit_lets_update_and_delete_through_inside_its_block(row):
    other = audit_event_record(event=API_TOKEN_REFUSED, actor=None, target=None)
    with retention_permit():
        AuditEvent.objects.filter(pk=row.pk).update(reason="gepseudonimiseerd")
        AuditEvent.objects.filter(pk=other.pk).delete()
    row.refresh_from_db()
    assert row.reason == "gepseudonimiseerd"
    assert not AuditEvent.objects.filter(pk=other.pk).exists()
    # Closed again after the block.
    _refused(lambda: AuditEvent.objects.filter(pk=row.pk).update(reason="later"))
    _refused(lambda: AuditEvent.objects.filter(pk=row.pk).delete())


def test_the_permit_closes_when_its_block_fails(row):
    with pytest.raises(RuntimeError), retention_permit():
        AuditEvent.objects.filter(pk=row.pk).update(reason="half")
        raise RuntimeError
    row.refresh_from_db()
    assert row.reason == "eerst"  # rolled back with the block
    _refused(lambda: AuditEvent.objects.filter(pk=row.pk).delete())


@pytest.mark.django_db(transaction=True)
def test_a_committed_permit_does_not_outlive_its_transaction():
    row = audit_event_record(event=API_TOKEN_REFUSED, actor=None, target=None)
    with retention_permit():
        pass
    _refused(lambda: AuditEvent.objects.filter(pk=row.pk).delete())
    with pytest.raises(IntegrityError):
        AuditEvent.objects.filter(pk=row.pk).update(reason="x")
