"""The database refuses to change or delete a row of the change feed (core.append_only)."""

from django.db import migrations

from core.append_only import append_only


class Migration(migrations.Migration):
    dependencies = [("registry", "0013_registerchange")]
    operations = [
        append_only(
            "registry_registerchange",
            "register_change_no_update",
            "register changes are append-only",
        )
    ]
