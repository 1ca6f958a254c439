"""The read log's request id as long as the proxy's (ops.request_id.SANE); on SQLite the column
change rebuilds the table, so its append-only trigger is given again."""

from django.db import migrations, models

from core.append_only import append_only_after_rebuild


class Migration(migrations.Migration):
    dependencies = [
        ("api", "0003_client_request_key"),
    ]

    operations = [
        migrations.AlterField(
            model_name="apiread",
            name="request_id",
            field=models.CharField(blank=True, max_length=128),
        ),
        append_only_after_rebuild("api_apiread", "api_read_no_update", "API reads are append-only"),
    ]
