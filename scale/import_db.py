"""Writing one checked batch: families, members, the journal row and one audit row, in one
transaction. PostgreSQL: COPY into temporary staging tables (psycopg 3 ``cursor.copy``), then
INSERT … SELECT (members find their family's key through the unique Family ID index). Other
databases: bulk_create."""

from typing import Any

from django.db import connection, transaction
from django.db.models import Field

from audit.services import audit_record
from geography.models import Area
from registry.models import Family, Member
from scale.import_rows import STAGE_FAMILY_COLUMNS, STAGE_MEMBER_COLUMNS
from scale.models import ImportBatch

STAGE_TABLES = """
CREATE TEMP TABLE IF NOT EXISTS scale_stage_family (
    family_id varchar(8), area_id bigint, village_id bigint, house_number varchar(30),
    locality varchar(150), pin_code varchar(6)
) ON COMMIT DELETE ROWS;
CREATE TEMP TABLE IF NOT EXISTS scale_stage_member (
    member_id varchar(9), family_id varchar(8), name_hi varchar(150), name_en varchar(150),
    gender varchar(1), date_of_birth date, relation varchar(12), mobile varchar(10),
    father_or_husband_name varchar(150), marital_status varchar(10), caste_category varchar(3),
    has_disability boolean, disability_kind varchar(100), birth_year smallint, name_key varchar(8),
    name_latin varchar(300), name_hi_latin varchar(300), relative_latin varchar(300)
) ON COMMIT DELETE ROWS;
"""


def _select_list(
    model: Any, staged: list[str], extra: dict[str, str]
) -> tuple[str, str, list[Any]]:
    """Column list and SELECT expressions for every concrete column of ``model``: staged ones
    from the staging table, ``extra`` ones as given, any other one as its default value."""
    columns, expressions, params = [], [], []
    for f in model._meta.concrete_fields:
        if f.primary_key:
            continue
        columns.append(connection.ops.quote_name(f.column))
        if f.column in extra:
            expressions.append(extra[f.column])
        elif f.column in staged:
            expressions.append(f"s.{connection.ops.quote_name(f.column)}")
        else:
            expressions.append("%s")
            params.append(_default(f))
    return ", ".join(columns), ", ".join(expressions), params


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


def _write_postgres(families: list[tuple[object, ...]], members: list[tuple[object, ...]]) -> None:
    with connection.cursor() as wrapper:
        cursor = wrapper.cursor  # the psycopg 3 cursor, inside Django's transaction
        cursor.execute(STAGE_TABLES)
        with cursor.copy(
            f"COPY scale_stage_family ({', '.join(STAGE_FAMILY_COLUMNS)}) FROM STDIN"
        ) as copy:
            copy.write(copy_lines(families))
        with cursor.copy(
            f"COPY scale_stage_member ({', '.join(STAGE_MEMBER_COLUMNS)}) FROM STDIN"
        ) as copy:
            copy.write(copy_lines(members))
        fcols, fexprs, fparams = _select_list(
            Family, STAGE_FAMILY_COLUMNS, {"registered_at": "now()"}
        )
        staged = [c for c in STAGE_MEMBER_COLUMNS if c != "family_id"]
        # Member.local_body (the duplicate check's copy of the family's) from the family's area.
        mcols, mexprs, mparams = _select_list(
            Member, staged, {"family_id": "f.id", "local_body_id": "a.local_body_id"}
        )
        # One statement: the members join the families just inserted (RETURNING), never the
        # whole family table.
        cursor.execute(
            f"WITH f AS (INSERT INTO {Family._meta.db_table} ({fcols}) "  # noqa: S608 - names from the models
            f"SELECT {fexprs} FROM scale_stage_family s RETURNING id, family_id, area_id) "
            f"INSERT INTO {Member._meta.db_table} ({mcols}) "
            f"SELECT {mexprs} FROM scale_stage_member s JOIN f ON f.family_id = s.family_id "
            f"JOIN {Area._meta.db_table} a ON a.id = f.area_id",
            fparams + mparams,
        )
        cursor.execute("TRUNCATE scale_stage_family, scale_stage_member")


def _write_orm(families: list[tuple[object, ...]], members: list[tuple[object, ...]]) -> None:
    created = Family.objects.bulk_create(
        [Family(**dict(zip(STAGE_FAMILY_COLUMNS, row, strict=True))) for row in families],
        batch_size=2000,
    )
    keys = {f.family_id: f for f in created}
    local_bodies = dict(
        Area.objects.filter(pk__in={f.area_id for f in created}).values_list("pk", "local_body_id")
    )
    objects = []
    for row in members:
        values = dict(zip(STAGE_MEMBER_COLUMNS, row, strict=True))
        family = keys[str(values["family_id"])]
        values["family_id"] = family.pk
        values["local_body_id"] = local_bodies[family.area_id]  # Member.local_body, as save()
        # name_key and birth_year are already derived (scale.import_rows), as Member.save does.
        objects.append(Member(**values))
    Member.objects.bulk_create(objects, batch_size=2000)


def write_batch(
    *,
    key: str,
    number: int,
    families: list[tuple[object, ...]],
    members: list[tuple[object, ...]],
    rejected: list[str],
    actor: object,
) -> ImportBatch:
    with transaction.atomic():
        if connection.vendor == "postgresql":
            _write_postgres(families, members)
        else:
            _write_orm(families, members)
        entry = ImportBatch.objects.create(
            files_hash=key,
            batch_number=number,
            status=ImportBatch.Status.LOADED,
            families=len(families),
            members=len(members),
            rejected_rows=len(rejected),
            rejections="\n".join(rejected),
        )
        audit_record(
            actor=actor,
            event_type="register.batch_imported",
            subject=entry,
            changes={"families": [None, len(families)], "members": [None, len(members)]},
        )
    return entry
