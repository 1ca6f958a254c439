"""Indexes that served no query the others do not: Family.area alone (the (area, family_id)
index leads with it) and Member.family alone (member_family_name_key leads with it); and
Member.mother on millions of empty values, replaced by a partial index on the few set.

Only the indexes are dropped: the foreign keys stay as they are (Django's AlterField would drop
and re-add them, re-checking every row of a state-sized register for nothing)."""

import django.db.models.deletion
from django.db import migrations, models

# The names Django gave these indexes (the same on every database).
DROPPED = [
    "registry_family_area_id_7f087b56",
    "registry_member_family_id_053d71de",
    "registry_member_mother_id_ba1fa5ca",
]
RECREATE = {
    "registry_family_area_id_7f087b56": 'ON "registry_family" ("area_id")',
    "registry_member_family_id_053d71de": 'ON "registry_member" ("family_id")',
    "registry_member_mother_id_ba1fa5ca": 'ON "registry_member" ("mother_id")',
}


class Migration(migrations.Migration):
    dependencies = [
        ("geography", "0001_initial"),
        ("registry", "0008_unique_ids_without_like_indexes"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="family",
                    name="area",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="families",
                        to="geography.area",
                        verbose_name="Gram Panchayat or Ward",
                    ),
                ),
                migrations.AlterField(
                    model_name="member",
                    name="family",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="members",
                        to="registry.family",
                    ),
                ),
                migrations.AlterField(
                    model_name="member",
                    name="mother",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="children",
                        to="registry.member",
                        verbose_name="mother",
                    ),
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    f'DROP INDEX IF EXISTS "{name}"',
                    f'CREATE INDEX "{name}" {RECREATE[name]}',
                )
                for name in DROPPED
            ],
        ),
        migrations.AddIndex(
            model_name="member",
            index=models.Index(
                condition=models.Q(("mother__isnull", False)),
                fields=["mother"],
                name="member_mother",
            ),
        ),
    ]
