"""The database refuses to change or delete a logged API read (core.append_only)."""

from django.db import migrations

from core.append_only import append_only


class Migration(migrations.Migration):
    dependencies = [("api", "0001_initial")]
    operations = [append_only("api_apiread", "api_read_no_update", "API reads are append-only")]
