"""The duplicate check's keys by the name rules of registry.names: the name key again (honorifics
before a name no longer count), and the new surname and relative keys with their indexes; the
register's word counts (NameWord) table.

The keys of members already in the register are filled in batches of BATCH in pk order, each in
its own transaction (see 0006), before the indexes are built; then ``manage.py name_words``
counts the words (README).
"""

from django.db import migrations, models, transaction

from registry.names import member_keys

BATCH = 20_000

PG_UPDATE = """
UPDATE registry_member m
SET name_key = v.name_key, surname_key = v.surname_key, relative_key = v.relative_key
FROM unnest(%s::bigint[], %s::text[], %s::text[], %s::text[])
     AS v(id, name_key, surname_key, relative_key)
WHERE m.id = v.id
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
            keys = [member_keys(en, hi, rel) for _pk, en, hi, rel in rows]
            ids = [row[0] for row in rows]
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute(PG_UPDATE, [ids, *map(list, zip(*keys, strict=True))])
            else:
                objects = [Member(pk=pk, **k._asdict()) for pk, k in zip(ids, keys, strict=True)]
                Member.objects.using(connection.alias).bulk_update(
                    objects, ["name_key", "surname_key", "relative_key"], batch_size=500
                )
            last = ids[-1]


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("registry", "0009_redundant_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="member",
            name="surname_key",
            field=models.CharField(blank=True, default="", editable=False, max_length=8),
        ),
        migrations.AddField(
            model_name="member",
            name="relative_key",
            field=models.CharField(blank=True, default="", editable=False, max_length=8),
        ),
        migrations.CreateModel(
            name="NameWord",
            fields=[
                ("word", models.CharField(max_length=60, primary_key=True, serialize=False)),
                ("count", models.PositiveIntegerField()),
            ],
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
        migrations.AddIndex(
            model_name="member",
            index=models.Index(
                fields=["surname_key", "gender", "local_body", "birth_year"],
                name="member_surname_search",
            ),
        ),
        migrations.AddIndex(
            model_name="member",
            index=models.Index(
                fields=["relative_key", "gender", "local_body", "birth_year"],
                name="member_relative_search",
            ),
        ),
        migrations.AddIndex(
            model_name="member",
            index=models.Index(
                fields=["date_of_birth", "gender", "local_body", "name_key"],
                name="member_birth_search",
            ),
        ),
        migrations.AddIndex(
            model_name="member",
            index=models.Index(
                fields=["name_key", "relative_key", "birth_year"], name="member_state_search"
            ),
        ),
    ]
