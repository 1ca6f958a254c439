"""The database refuses to change or delete a row of the change feed (as audit 0002 does for audit
rows): UPDATE on both databases, DELETE on PostgreSQL (SQLite's test runs empty tables with
DELETE; PostgreSQL's TRUNCATE fires no row trigger)."""

from django.db import migrations

PG_FORWARD = """
CREATE OR REPLACE FUNCTION register_change_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'register changes are append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER register_change_no_update BEFORE UPDATE OR DELETE ON registry_registerchange
    FOR EACH ROW EXECUTE FUNCTION register_change_append_only();
"""
PG_BACKWARD = """
DROP TRIGGER IF EXISTS register_change_no_update ON registry_registerchange;
DROP FUNCTION IF EXISTS register_change_append_only();
"""
SQLITE_FORWARD = """
CREATE TRIGGER register_change_no_update BEFORE UPDATE ON registry_registerchange
BEGIN SELECT RAISE(ABORT, 'register changes are append-only'); END;
"""
SQLITE_BACKWARD = "DROP TRIGGER IF EXISTS register_change_no_update;"


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_FORWARD)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_FORWARD)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_BACKWARD)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("registry", "0013_registerchange")]
    operations = [migrations.RunPython(forward, backward)]
