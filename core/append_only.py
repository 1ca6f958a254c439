"""Database triggers that refuse to change a row of an append-only table, whatever code runs
against it (the audit log, the API's read log, the register's change feed).

UPDATE is refused on both databases. DELETE is refused on PostgreSQL; test runs on SQLite empty
tables with DELETE, and PostgreSQL's TRUNCATE (its way of emptying) fires no row trigger.
Migrations call ``append_only(table, name, message)``; its SQL must never change (a migration
that ran is not run again), so a new rule is a new function here.
"""

from typing import Any

from django.db import migrations


def append_only(table: str, name: str, message: str) -> migrations.RunPython:
    """The operation that adds trigger ``name`` (and its function ``name``_fn on PostgreSQL)
    to ``table``; reversible."""
    pg_forward = f"""
CREATE OR REPLACE FUNCTION {name}_fn() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '{message}';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER {name} BEFORE UPDATE OR DELETE ON {table}
    FOR EACH ROW EXECUTE FUNCTION {name}_fn();
"""
    pg_backward = f"DROP TRIGGER IF EXISTS {name} ON {table}; DROP FUNCTION IF EXISTS {name}_fn();"
    sqlite_forward = (
        f"CREATE TRIGGER {name} BEFORE UPDATE ON {table} "
        f"BEGIN SELECT RAISE(ABORT, '{message}'); END;"
    )
    sqlite_backward = f"DROP TRIGGER IF EXISTS {name};"

    def run(sql: dict[str, str]) -> Any:
        def operation(apps: Any, schema_editor: Any) -> None:
            vendor = schema_editor.connection.vendor
            if vendor in sql:
                schema_editor.execute(sql[vendor])

        return operation

    return migrations.RunPython(
        run({"postgresql": pg_forward, "sqlite": sqlite_forward}),
        run({"postgresql": pg_backward, "sqlite": sqlite_backward}),
    )


def append_only_after_rebuild(table: str, name: str, message: str) -> migrations.RunPython:
    """The operation that gives ``table`` its trigger ``name`` again on SQLite, after a migration
    that rebuilt the table (SQLite alters a column by copying the table, and the copy has no
    trigger); PostgreSQL keeps its trigger through ALTER TABLE, so nothing runs there."""
    forward = (
        f"CREATE TRIGGER IF NOT EXISTS {name} BEFORE UPDATE ON {table} "
        f"BEGIN SELECT RAISE(ABORT, '{message}'); END;"
    )

    def operation(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor == "sqlite":
            schema_editor.execute(forward)

    return migrations.RunPython(operation, migrations.RunPython.noop)
