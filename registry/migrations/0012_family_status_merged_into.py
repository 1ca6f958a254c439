"""A family's status (updates.kinds.merge_families: active, or merged into another) and the
Family ID a retired one was merged into.

As for 0011: on PostgreSQL 11+ a column with a constant default is added without rewriting the
table; the new foreign key's check reads the family table once (every value is null) while
holding a lock that blocks writes: run it in a quiet hour."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0011_member_status"),
    ]

    operations = [
        migrations.AddField(
            model_name="family",
            name="merged_into",
            field=models.ForeignKey(
                blank=True,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="registry.family",
                verbose_name="merged into",
            ),
        ),
        migrations.AddField(
            model_name="family",
            name="status",
            field=models.CharField(
                choices=[("ACTIVE", "Active"), ("MERGED", "Merged into another Family ID")],
                default="ACTIVE",
                max_length=8,
                verbose_name="status",
            ),
        ),
    ]
