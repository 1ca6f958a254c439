import uuid

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("sms", "0006_delivery_attempts"),
    ]

    operations = [
        migrations.AlterField(
            model_name="smsmessage",
            name="uuid",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
    ]
