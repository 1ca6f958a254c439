"""A member's status (duplicates app: active, to be deactivated, inactive, merged) and the
Member ID a retired one was merged into.

On PostgreSQL 11+ a column with a constant default is added without rewriting the table, so
this is quick at register size; the new foreign key's check reads the member table once (every
value is null) while holding a lock that blocks writes: run it in a quiet hour."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0010_member_name_keys"),
    ]

    operations = [
        migrations.AddField(
            model_name="member",
            name="merged_into",
            field=models.ForeignKey(
                blank=True,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="registry.member",
                verbose_name="merged into",
            ),
        ),
        migrations.AddField(
            model_name="member",
            name="status",
            field=models.CharField(
                choices=[
                    ("ACTIVE", "Active"),
                    ("NOTICE", "To be deactivated (notice given)"),
                    ("INACTIVE", "Inactive"),
                    ("MERGED", "Merged into another Member ID"),
                ],
                default="ACTIVE",
                max_length=8,
                verbose_name="status",
            ),
        ),
    ]
