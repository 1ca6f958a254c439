"""Writing one checked batch: families, members, the journal row and one audit row, in one
transaction. PostgreSQL: COPY straight into the register's tables, the families with primary
keys reserved from their sequence beforehand so that the members' rows can name them (no
staging table, no INSERT … SELECT). Other databases: bulk_create.

A first load into an empty register also drops the indexes, unique constraints and foreign
keys of the register's two tables (all but the primary keys) and rebuilds them once at the
end: one sorted build of an index costs a fraction of millions of inserts into it at random
places, and a foreign key is checked for the whole table by one join instead of a lookup a row.
Meanwhile the import itself keeps Family IDs and Member IDs unique (scale.importer._Seen), and
the rebuilt unique indexes check it again. The definitions are kept in scale.DeferredIndex, in
the same transaction as the drop, so that a run that is interrupted leaves them to the next.
"""

from typing import Any

from django.db import IntegrityError, connection, transaction
from django.db.models import Field, Model

from audit.services import audit_record
from geography.models import Area
from registry.models import Family, Member
from scale.import_batch import Checked, RawBatch
from scale.import_rows import STAGE_FAMILY_COLUMNS, STAGE_MEMBER_COLUMNS, member_values
from scale.models import DeferredIndex, ImportBatch

FAMILY_COPY_COLUMNS = ["id", *STAGE_FAMILY_COLUMNS]
# family_id: the family's primary key; local_body_id: the family's area's (scale.import_batch)
MEMBER_COPY_COLUMNS = [*STAGE_MEMBER_COLUMNS, "local_body_id"]
# For rebuilding the indexes: PostgreSQL sorts in memory up to this much, and uses its parallel
# workers only when each gets 32 MB of it (the server's default is 64 MB). Set for the session
# only; the server's configuration is not changed.
REBUILD_MEMORY = "512MB"


class IdTaken(Exception):
    """A unique index refused the batch: a Family ID or Member ID is already in the register."""


def _default(f: Field[Any, Any]) -> Any:
    return f.get_db_prep_save(f.get_default(), connection)


_ESCAPE = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_text(value: object) -> str:
    """One value in COPY's text format."""
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    return str(value).translate(_ESCAPE)


def copy_lines(rows: list[tuple[object, ...]]) -> str:
    """Rows as COPY text, built in one pass (psycopg's write_row adapts value by value, which
    costs more than the database's own work at this volume)."""
    return "".join("\t".join(map(_copy_text, row)) + "\n" for row in rows)


def _rest(model: type[Model], given: list[str]) -> list[Field[Any, Any]]:
    """The concrete columns the files do not fill: written with their default values."""
    return [f for f in model._meta.concrete_fields if f.column not in given and not f.primary_key]


def _tail(model: type[Model], given: list[str]) -> str:
    """The rest of every row of ``model`` (from the tab before the first default to the line
    end); a default such as timezone.now is taken once a batch."""
    return "".join("\t" + _copy_text(_default(f)) for f in _rest(model, given)) + "\n"


def prepare_copy(batch: RawBatch) -> None:
    """Reserve the batch's family keys and give it the rest of each row (defaults) as COPY text.
    Keys of a batch that is then rejected are never used: a sequence has gaps anyway."""
    count = len(batch.family_records)
    with transaction.atomic(), connection.cursor() as cursor:
        # One block of keys at once (nextval a row costs more than the COPY of the row): the
        # lock keeps any other insert into the table, and so its call of nextval, out of the
        # block while it is taken; it is held for this short transaction only.
        cursor.execute(f"LOCK TABLE {Family._meta.db_table} IN SHARE ROW EXCLUSIVE MODE")
        cursor.execute(
            "SELECT setval(s::regclass, nextval(s::regclass) + %s - 1) "
            "FROM pg_get_serial_sequence(%s, 'id') s",
            [max(count, 1), Family._meta.db_table],
        )
        last = cursor.fetchone()[0]
    batch.family_keys = list(range(last - count + 1, last + 1))
    batch.family_tail = _tail(Family, FAMILY_COPY_COLUMNS)
    batch.member_tail = _tail(Member, MEMBER_COPY_COLUMNS)


def _copy(cursor: Any, model: type[Model], columns: list[str], text: str) -> None:
    names = [*columns, *(f.column for f in _rest(model, columns))]
    quoted = ", ".join(connection.ops.quote_name(n) for n in names)
    with cursor.copy(f"COPY {model._meta.db_table} ({quoted}) FROM STDIN") as copy:
        copy.write(text)


def _write_postgres(checked: Checked) -> None:
    import psycopg

    with connection.cursor() as wrapper:
        cursor = wrapper.cursor  # the psycopg 3 cursor, inside Django's transaction
        # A crash can lose the last batches committed before it (never part of one: the
        # journal row commits with its rows), and the next run redoes what the journal lacks;
        # not waiting for each commit to reach the disk is therefore safe here, for this
        # transaction only.
        cursor.execute("SET LOCAL synchronous_commit = off")
        try:
            _copy(cursor, Family, FAMILY_COPY_COLUMNS, str(checked.family_rows))
            _copy(cursor, Member, MEMBER_COPY_COLUMNS, str(checked.member_rows))
        except psycopg.errors.UniqueViolation as exc:
            raise IdTaken(str(exc)) from exc


def _write_orm(checked: Checked) -> None:
    created = Family.objects.bulk_create(
        [
            Family(**dict(zip(STAGE_FAMILY_COLUMNS, row, strict=True)))
            for row in checked.family_rows
        ],
        batch_size=2000,
    )
    keys = {f.family_id: f for f in created}
    local_bodies = dict(
        Area.objects.filter(pk__in={f.area_id for f in created}).values_list("pk", "local_body_id")
    )
    objects = []
    for member_id, family_id, rest in checked.member_rows:
        # The search columns are already derived (scale.import_rows), as Member.save does;
        # Member.local_body is the family's area's, as save() sets it.
        values = member_values(str(rest))
        family = keys[family_id]
        objects.append(
            Member(
                member_id=member_id,
                family_id=family.pk,
                local_body_id=local_bodies[family.area_id],
                **values,
            )
        )
    Member.objects.bulk_create(objects, batch_size=2000)


def write_batch(*, key: str, checked: Checked, actor: object) -> ImportBatch:
    """The batch's rows, its journal row and one audit row, in one transaction; IdTaken (and
    nothing written) if a unique index refuses a row."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            _write_postgres(checked)
        else:
            try:
                with transaction.atomic():
                    _write_orm(checked)
            except IntegrityError as exc:
                raise IdTaken(str(exc)) from exc
        entry = ImportBatch.objects.create(
            files_hash=key,
            batch_number=checked.number,
            status=ImportBatch.Status.LOADED,
            families=checked.families,
            members=checked.members,
            rejected_rows=len(checked.rejected),
            rejections="\n".join(checked.rejected),
        )
        audit_record(
            actor=actor,
            event_type="register.batch_imported",
            subject=entry,
            changes={"families": [None, checked.families], "members": [None, checked.members]},
        )
    return entry


def journal_rejected(*, key: str, number: int, rejected: list[str], actor: object) -> None:
    with transaction.atomic():
        entry = ImportBatch.objects.create(
            files_hash=key,
            batch_number=number,
            status=ImportBatch.Status.REJECTED,
            rejected_rows=len(rejected),
            rejections="\n".join(rejected),
        )
        audit_record(
            actor=actor,
            event_type="register.batch_rejected",
            subject=entry,
            changes={"rejected_rows": [None, len(rejected)]},
        )


# Indexes (other than those of constraints), unique constraints and foreign keys of the
# register's two tables, with the statement that recreates each, as PostgreSQL prints it.
_DEFERRABLE = """
SELECT c.relname, i.relname, pg_get_indexdef(i.oid)
FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid
WHERE c.relname = ANY(%(tables)s) AND c.relnamespace = current_schema()::regnamespace
  AND NOT x.indisunique AND NOT x.indisprimary
  AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.oid)
UNION ALL
SELECT c.relname, k.conname,
       format('ALTER TABLE %%I ADD CONSTRAINT %%I %%s', c.relname, k.conname,
              pg_get_constraintdef(k.oid))
FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
WHERE c.relname = ANY(%(tables)s) AND c.relnamespace = current_schema()::regnamespace
  AND k.contype IN ('f', 'u')
"""


def defer_indexes() -> int:
    """On PostgreSQL, before a first load: drop the register's indexes, unique constraints and
    foreign keys (not the primary keys), keeping their definitions in scale.DeferredIndex (one transaction). Nothing to do
    when an interrupted first load already did it. Returns how many were dropped."""
    if connection.vendor != "postgresql" or DeferredIndex.objects.exists():
        return 0
    tables = [Family._meta.db_table, Member._meta.db_table]
    quote = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        # ALTER TABLE refuses to run while deferred checks on the tables are pending in the
        # transaction (only possible when the caller holds one, as tests do): check them now.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(_DEFERRABLE, {"tables": tables})
        found = cursor.fetchall()
        for table, name, definition in found:
            DeferredIndex.objects.create(table=table, name=name, definition=definition)
            if definition.startswith("ALTER TABLE"):
                cursor.execute(f"ALTER TABLE {quote(table)} DROP CONSTRAINT {quote(name)}")
            else:
                cursor.execute(f"DROP INDEX {quote(name)}")
    return len(found)


def pending_indexes() -> int:
    return DeferredIndex.objects.count()


def unique_ids_deferred() -> bool:
    """Whether the unique indexes on Family ID and Member ID are down (a first load)."""
    return DeferredIndex.objects.filter(definition__contains=" UNIQUE ").exists()


def rebuild_indexes() -> int:
    """Recreate what defer_indexes dropped, indexes before foreign keys, each in its own
    transaction with its scale.DeferredIndex row (an interruption keeps the rest pending)."""
    rows = sorted(
        DeferredIndex.objects.all(),
        key=lambda d: (d.definition.startswith("ALTER"), "FOREIGN KEY" in d.definition, d.pk),
    )
    for row in rows:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # as in defer_indexes
            cursor.execute(f"SET LOCAL maintenance_work_mem = '{REBUILD_MEMORY}'")
            cursor.execute(row.definition)
            row.delete()
    return len(rows)
