"""The database refuses to change or delete a logged API read (as audit 0002 does for audit
rows): UPDATE on both databases, DELETE on PostgreSQL (SQLite's test runs empty tables with
DELETE; PostgreSQL's TRUNCATE fires no row trigger)."""

from django.db import migrations

PG_FORWARD = """
CREATE OR REPLACE FUNCTION api_read_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'API reads are append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER api_read_no_update BEFORE UPDATE OR DELETE ON api_apiread
    FOR EACH ROW EXECUTE FUNCTION api_read_append_only();
"""
PG_BACKWARD = """
DROP TRIGGER IF EXISTS api_read_no_update ON api_apiread;
DROP FUNCTION IF EXISTS api_read_append_only();
"""
SQLITE_FORWARD = """
CREATE TRIGGER api_read_no_update BEFORE UPDATE ON api_apiread
BEGIN SELECT RAISE(ABORT, 'API reads are append-only'); END;
"""
SQLITE_BACKWARD = "DROP TRIGGER IF EXISTS api_read_no_update;"


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
    dependencies = [("api", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
