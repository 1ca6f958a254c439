from django.db import models

from officials import jurisdiction
from officials.models import Official
from sms.models import SmsMessage


def outbox_visible_to(official: Official) -> models.QuerySet[SmsMessage]:
    """Supervisors read the outbox of their jurisdiction (field officials read none)."""
    return jurisdiction.scope_supervised(
        official, SmsMessage.objects.all(), district_path="local_body__district"
    )
