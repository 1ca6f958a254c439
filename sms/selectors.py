from django.db import models

from officials.models import Official, Role
from sms.models import SmsMessage


def outbox_visible_to(official: Official) -> models.QuerySet[SmsMessage]:
    """Supervisors read the outbox of their jurisdiction (field officials read none)."""
    qs = SmsMessage.objects.all()
    match official.role:
        case Role.STATE_ADMIN:
            return qs
        case Role.DISTRICT_OFFICER:
            return qs.filter(local_body__district_id=official.district_id)
        case Role.LOCAL_BODY_OFFICER:
            return qs.filter(local_body_id=official.local_body_id)
    return qs.none()
