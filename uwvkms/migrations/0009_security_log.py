"""The event log gets where a request came from (client address and user agent), and becomes
append-only: database triggers refuse UPDATE and DELETE of its rows (uwvkms/eventlog.py), except
inside `uwvkms.eventlog.retention_permit()`. The SQL is written out here, as it was at this
migration, not imported."""

from django.db import migrations, models

POSTGRESQL_FORWARD = """
CREATE OR REPLACE FUNCTION uwvkms_auditevent_append_only() RETURNS trigger AS $$
BEGIN
    IF coalesce(current_setting('uwvkms.retention', true), '') = 'on' THEN
        IF TG_OP = 'DELETE' THEN
            RETURN OLD;
        END IF;
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'uwvkms_auditevent is append-only: UPDATE and DELETE are refused (%)', TG_OP
        USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER uwvkms_auditevent_append_only
    BEFORE UPDATE OR DELETE ON uwvkms_auditevent
    FOR EACH ROW EXECUTE FUNCTION uwvkms_auditevent_append_only();
"""
POSTGRESQL_BACKWARD = """
DROP TRIGGER IF EXISTS uwvkms_auditevent_append_only ON uwvkms_auditevent;
DROP FUNCTION IF EXISTS uwvkms_auditevent_append_only();
"""

SQLITE_FORWARD = [
    "CREATE TABLE uwvkms_eventlog_permit (granted integer NOT NULL)",
    """CREATE TRIGGER uwvkms_auditevent_no_update BEFORE UPDATE ON uwvkms_auditevent
    WHEN NOT EXISTS (SELECT 1 FROM uwvkms_eventlog_permit)
    BEGIN
        SELECT RAISE(ABORT, 'uwvkms_auditevent is append-only: UPDATE and DELETE are refused');
    END""",
    """CREATE TRIGGER uwvkms_auditevent_no_delete BEFORE DELETE ON uwvkms_auditevent
    WHEN NOT EXISTS (SELECT 1 FROM uwvkms_eventlog_permit)
    BEGIN
        SELECT RAISE(ABORT, 'uwvkms_auditevent is append-only: UPDATE and DELETE are refused');
    END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS uwvkms_auditevent_no_update",
    "DROP TRIGGER IF EXISTS uwvkms_auditevent_no_delete",
    "DROP TABLE IF EXISTS uwvkms_eventlog_permit",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        statements = statements_by_vendor.get(schema_editor.connection.vendor, [])
        for statement in [statements] if isinstance(statements, str) else statements:
            schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("uwvkms", "0008_capacity_roles"),
    ]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="client_address",
            field=models.GenericIPAddressField(blank=True, null=True, verbose_name="adres"),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="user_agent",
            field=models.CharField(blank=True, max_length=255, verbose_name="browser"),
        ),
        migrations.RunPython(
            _run({"postgresql": POSTGRESQL_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": POSTGRESQL_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        ),
    ]
