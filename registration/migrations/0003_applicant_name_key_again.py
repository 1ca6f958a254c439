"""The applicants' name key by the name rules of registry.names (registry 0010 does the same for
the register's members): honorifics no longer count, and a key is the first letter and the
consonants after it. Batches in pk order, each its own transaction."""

from django.db import migrations, transaction

from registry.names import first_name_key

BATCH = 5_000


def fill(apps, schema_editor):
    ApplicationMember = apps.get_model("registration", "ApplicationMember")
    alias = schema_editor.connection.alias
    last = 0
    while True:
        with transaction.atomic(using=alias):
            rows = list(
                ApplicationMember.objects.using(alias)
                .filter(pk__gt=last)
                .order_by("pk")
                .only("pk", "name_en", "name_hi", "name_key")[:BATCH]
            )
            if not rows:
                return
            for row in rows:
                row.name_key = first_name_key(row.name_en, row.name_hi)
            ApplicationMember.objects.using(alias).bulk_update(rows, ["name_key"], batch_size=500)
            last = rows[-1].pk


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("registration", "0002_application_documents"),
        ("registry", "0010_member_name_keys"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop, elidable=True)]
