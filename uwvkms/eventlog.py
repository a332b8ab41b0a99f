"""The event log is append-only (BIO 8.15, ASVS 16.4): the database itself refuses UPDATE and
DELETE of `uwvkms_auditevent` rows, whether sent by the ORM or raw SQL, unless the transaction
opened the retention door below. Migration `uwvkms.0009_security_log` creates the triggers:

- PostgreSQL: a row trigger (function `uwvkms_auditevent_append_only`) that raises an exception,
  unless the transaction set `uwvkms.retention` to ``on`` (``SET LOCAL``);
- SQLite: ``BEFORE UPDATE`` / ``BEFORE DELETE`` triggers that ``RAISE(ABORT)``, unless a row
  exists in the permit table `uwvkms_eventlog_permit` (written in the same transaction).

Both raise an `IntegrityError`. The one way around them is `retention_permit()`, meant for the
retention job only (pseudonymising or deleting rows past their term): it opens the door for the
duration of one transaction (savepoint) and closes it again, also on an error.

The door is opened by the application's own database user (`set_config('uwvkms.retention', …)`
on PostgreSQL, a row in the permit table on SQLite), so this guards against accidental changes
and ordinary code, not against code that means to change the log. Hardening against that is the
operator's step in production (README, "Beveiligingslog"): a separate table owner, UPDATE and
DELETE revoked from the application's role, the scrub through a SECURITY DEFINER function.

Not covered by the triggers: TRUNCATE and DROP TRIGGER by the table's owner (PostgreSQL) and
`manage.py flush`; in production the application should not run as the tables' owner (README,
"Beveiligingslog")."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, connections, transaction

RETENTION_SETTING = "uwvkms.retention"
PERMIT_TABLE = "uwvkms_eventlog_permit"
REFUSAL = "uwvkms_auditevent is append-only: UPDATE and DELETE are refused"


@contextmanager
def retention_permit(using: str = DEFAULT_DB_ALIAS) -> Iterator[None]:
    """Allow UPDATE and DELETE of event-log rows inside this block, and only there.

    For the retention job alone: every other change of the log is refused by the database. Runs
    in a transaction (a savepoint when one is open), so the permission never outlives it."""
    connection = connections[using]
    if connection.vendor == "postgresql":
        opening = ("SELECT set_config(%s, 'on', true)", [RETENTION_SETTING])
        closing = ("SELECT set_config(%s, 'off', true)", [RETENTION_SETTING])
    elif connection.vendor == "sqlite":
        opening = (f"INSERT INTO {PERMIT_TABLE} (granted) VALUES (1)", [])  # noqa: S608
        closing = (f"DELETE FROM {PERMIT_TABLE}", [])  # noqa: S608
    else:  # no triggers on other databases
        opening = closing = None
    # On an error the savepoint's rollback undoes the opening too (SET LOCAL is transactional).
    with transaction.atomic(using=using):
        if opening:
            with connection.cursor() as cursor:
                cursor.execute(*opening)
        yield
        if closing:
            with connection.cursor() as cursor:
                cursor.execute(*closing)


def flush_sql(connection, sql_list: list[str]) -> list[str]:
    """`sql_list` (a flush of every table) wrapped in the permit on SQLite, whose flush deletes
    rows (PostgreSQL truncates, which row triggers do not see). For test databases that a
    transactional test flushes; see tests/conftest.py."""
    if connection.vendor != "sqlite" or PERMIT_TABLE not in connection.introspection.table_names():
        return sql_list
    return [
        f"INSERT INTO {PERMIT_TABLE} (granted) VALUES (1);",  # noqa: S608
        *sql_list,
        f"DELETE FROM {PERMIT_TABLE};",  # noqa: S608
    ]
