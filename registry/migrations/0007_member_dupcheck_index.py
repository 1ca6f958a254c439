# The duplicate search index gains the local body (registry.Member.local_body). On a large
# register this builds one index over every member (minutes at millions of rows, the table
# locked for writes meanwhile): run it in a quiet hour.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('registry', '0006_member_dupcheck_backfill'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='member',
            name='member_duplicate_search',
        ),
        migrations.AddIndex(
            model_name='member',
            index=models.Index(fields=['name_key', 'gender', 'local_body', 'birth_year'], name='member_duplicate_search'),
        ),
    ]
