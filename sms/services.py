from collections.abc import Mapping

from django.conf import settings
from django.db import transaction

from geography.models import LocalBody
from sms.models import SmsMessage
from sms.tasks import sms_deliver
from sms.texts import render


def sms_queue(
    *,
    kind: str,
    mobile: str,
    language: str,
    params: Mapping[str, str],
    local_body: LocalBody | None = None,
) -> SmsMessage:
    """Store an SMS and have the worker send it once the surrounding transaction commits."""
    text, redacted = render(kind, language, params)
    message = SmsMessage.objects.create(
        kind=kind,
        mobile=mobile,
        language=language,
        text=text,
        redacted_text=redacted,
        template_id=settings.SMS_DLT_TEMPLATE_IDS.get(kind, ""),
        local_body=local_body,
    )
    transaction.on_commit(lambda: sms_deliver.enqueue(message.pk))
    return message
