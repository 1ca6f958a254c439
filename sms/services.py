from collections.abc import Mapping

from django.conf import settings

from geography.models import LocalBody
from sms.models import SmsMessage
from sms.tasks import sms_deliver_enqueue
from sms.texts import render


def sms_queue(
    *,
    kind: str,
    mobile: str,
    language: str,
    params: Mapping[str, str],
    local_body: LocalBody | None = None,
) -> SmsMessage:
    """Store an SMS and have the worker send it once the surrounding transaction commits.

    The text is stored whole (the worker, another process, needs it) together with a redacted
    copy, the one the outbox page shows when a real gateway sends (sms/delivery.py says how long
    the whole text is kept).
    """
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
    sms_deliver_enqueue(message.pk)
    return message
