"""Fill the duplicate check's columns of the members already in the register.

Batches of BATCH members in Member ID order, each in its own transaction, so that a register of
millions is never one long transaction; running it again after an interruption redoes the
whole fill (every batch is idempotent). On PostgreSQL one UPDATE … FROM unnest(…) a batch.
"""

from django.db import migrations, transaction

from registry.search_columns import member_name_columns

BATCH = 20_000

PG_UPDATE = """
UPDATE registry_member m
SET name_latin = v.latin, name_hi_latin = v.hindi, relative_latin = v.relative,
    local_body_id = a.local_body_id
FROM unnest(%s::bigint[], %s::text[], %s::text[], %s::text[]) AS v(id, latin, hindi, relative),
     registry_family f, geography_area a
WHERE m.id = v.id AND f.id = m.family_id AND a.id = f.area_id
"""
LOCAL_BODY_UPDATE = """
UPDATE registry_member SET local_body_id = (
    SELECT a.local_body_id FROM registry_family f JOIN geography_area a ON a.id = f.area_id
    WHERE f.id = registry_member.family_id
) WHERE id BETWEEN %s AND %s
"""


def fill(apps, schema_editor):
    Member = apps.get_model("registry", "Member")
    connection = schema_editor.connection
    last = 0
    while True:
        with transaction.atomic(using=connection.alias):
            rows = list(
                Member.objects.using(connection.alias)
                .filter(pk__gt=last)
                .order_by("pk")
                .values_list("pk", "name_en", "name_hi", "father_or_husband_name")[:BATCH]
            )
            if not rows:
                return
            columns = [member_name_columns(en, hi, rel) for _pk, en, hi, rel in rows]
            ids = [row[0] for row in rows]
            with connection.cursor() as cursor:
                if connection.vendor == "postgresql":
                    cursor.execute(PG_UPDATE, [ids, *map(list, zip(*columns, strict=True))])
                else:
                    objects = [Member(pk=pk, **c._asdict()) for pk, c in zip(ids, columns, strict=True)]
                    Member.objects.using(connection.alias).bulk_update(
                        objects, ["name_latin", "name_hi_latin", "relative_latin"], batch_size=500
                    )
                    cursor.execute(LOCAL_BODY_UPDATE, [ids[0], ids[-1]])
            last = ids[-1]


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ('registry', '0005_member_dupcheck_columns'),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop, elidable=True)]
