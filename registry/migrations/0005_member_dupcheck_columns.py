# The duplicate check's derived columns (registry.search_columns); filled by 0006, indexed by
# 0007 (after the fill, so that the fill does not maintain the new index row by row).

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('geography', '0001_initial'),
        ('registry', '0004_member_family_name_key'),
    ]

    operations = [
        migrations.AddField(
            model_name='member',
            name='local_body',
            field=models.ForeignKey(blank=True, db_constraint=False, db_index=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='geography.localbody'),
        ),
        migrations.AddField(
            model_name='member',
            name='name_hi_latin',
            field=models.CharField(blank=True, default='', editable=False, max_length=300),
        ),
        migrations.AddField(
            model_name='member',
            name='name_latin',
            field=models.CharField(blank=True, default='', editable=False, max_length=300),
        ),
        migrations.AddField(
            model_name='member',
            name='relative_latin',
            field=models.CharField(blank=True, default='', editable=False, max_length=300),
        ),
    ]
