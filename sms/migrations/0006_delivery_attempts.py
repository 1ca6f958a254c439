import uuid

import django.utils.timezone
from django.db import migrations, models


def give_each_message_a_uuid(apps, schema_editor):
    SmsMessage = apps.get_model("sms", "SmsMessage")
    for message in SmsMessage.objects.filter(uuid__isnull=True).only("pk").iterator():
        SmsMessage.objects.filter(pk=message.pk).update(uuid=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [
        ("sms", "0005_member_sms_kinds"),
    ]

    operations = [
        migrations.CreateModel(
            name="WorkerHeartbeat",
            fields=[
                (
                    "worker_id",
                    models.CharField(max_length=64, primary_key=True, serialize=False),
                ),
                ("hostname", models.CharField(blank=True, max_length=255)),
                ("pid", models.PositiveIntegerField(null=True)),
                ("started_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "last_seen",
                    models.DateTimeField(db_index=True, default=django.utils.timezone.now),
                ),
            ],
        ),
        migrations.AddField(
            model_name="smsmessage",
            name="attempt_started_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="smsmessage",
            name="failure",
            field=models.CharField(
                blank=True,
                choices=[
                    ("not_accepted", "the gateway did not accept it at any attempt"),
                    (
                        "secret_expired",
                        "expired secret: the password or one-time password in it was not sent; ask again",
                    ),
                    (
                        "unconfirmed",
                        "the send was cut off and the gateway could not say whether it went out",
                    ),
                ],
                max_length=20,
                verbose_name="reason for failure",
            ),
        ),
        migrations.AlterField(
            model_name="smsmessage",
            name="status",
            field=models.CharField(
                choices=[
                    ("queued", "Queued"),
                    ("sending", "Being sent"),
                    ("sent", "Sent"),
                    ("delivered", "Delivered to the outbox"),
                    ("retrying", "Failed, will retry"),
                    ("failed", "Failed"),
                ],
                default="queued",
                max_length=10,
                verbose_name="status",
            ),
        ),
        # A unique field on a table with rows: added empty, filled, then made unique (0007).
        migrations.AddField(
            model_name="smsmessage",
            name="uuid",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.RunPython(give_each_message_a_uuid, migrations.RunPython.noop),
    ]
