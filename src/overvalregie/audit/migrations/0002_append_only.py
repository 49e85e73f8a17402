"""Make the audit log append-only in the database itself.

Triggers refuse every UPDATE and DELETE of an audit entry, whoever sends it (the ORM, raw SQL,
a database console), on SQLite and PostgreSQL; on PostgreSQL also a TRUNCATE of a log that
holds entries. Both refuse with an integrity error that says "audit log is append-only".
Emptying an *empty* log is allowed on purpose: Django's ``flush`` (which test runs use after
transactional tests) deletes from or truncates every table, and an empty log has nothing to
protect. Other databases get no triggers; the hash chain still shows any change there.

There is no switch to turn the triggers off: whoever may drop them owns the database, and
the hash chain (``overvalregie audit verify``) shows what they changed. Tests that must
tamper with the log drop and recreate the triggers with :data:`REMOVE_SQL` and
:data:`INSTALL_SQL` (see ``tests/audit/append_only.py``).

On SQLite, a later migration that alters this table rebuilds it and thereby drops the
triggers: such a migration must install them again (the append-only tests will fail if not).
"""

from django.db import migrations

MESSAGE = "audit log is append-only"

INSTALL_SQL = {
    "sqlite": [
        f"""CREATE TRIGGER audit_auditentry_no_update BEFORE UPDATE ON audit_auditentry
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
        f"""CREATE TRIGGER audit_auditentry_no_delete BEFORE DELETE ON audit_auditentry
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
    ],
    "postgresql": [
        f"""CREATE OR REPLACE FUNCTION audit_auditentry_append_only() RETURNS trigger
        LANGUAGE plpgsql AS $$
        DECLARE
            has_entries boolean;
        BEGIN
            IF TG_OP = 'TRUNCATE' THEN
                EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I.%I)', TG_TABLE_SCHEMA, TG_TABLE_NAME)
                    INTO has_entries;
                IF NOT has_entries THEN
                    RETURN NULL;
                END IF;
            END IF;
            RAISE EXCEPTION '{MESSAGE}: % refused', TG_OP
                USING ERRCODE = 'integrity_constraint_violation';
        END;
        $$""",
        """CREATE TRIGGER audit_auditentry_no_update_delete
        BEFORE UPDATE OR DELETE ON audit_auditentry
        FOR EACH ROW EXECUTE FUNCTION audit_auditentry_append_only()""",
        """CREATE TRIGGER audit_auditentry_no_truncate
        BEFORE TRUNCATE ON audit_auditentry
        FOR EACH STATEMENT EXECUTE FUNCTION audit_auditentry_append_only()""",
    ],
}

REMOVE_SQL = {
    "sqlite": [
        "DROP TRIGGER IF EXISTS audit_auditentry_no_update",
        "DROP TRIGGER IF EXISTS audit_auditentry_no_delete",
    ],
    "postgresql": [
        "DROP TRIGGER IF EXISTS audit_auditentry_no_update_delete ON audit_auditentry",
        "DROP TRIGGER IF EXISTS audit_auditentry_no_truncate ON audit_auditentry",
        "DROP FUNCTION IF EXISTS audit_auditentry_append_only()",
    ],
}


def install(apps, schema_editor):
    for sql in INSTALL_SQL.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql, params=None)  # no placeholders: the SQL holds "%"


def remove(apps, schema_editor):
    for sql in REMOVE_SQL.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql, params=None)  # no placeholders: the SQL holds "%"


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(install, remove, elidable=False),
    ]
