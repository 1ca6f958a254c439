from collections.abc import Mapping

from geography.models import LocalBody
from ops import metrics
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
    the whole text is kept). The text is the kind's DLT template in ``language`` (sms/texts.py),
    and the message keeps that template's ID and language for the gateway.
    """
    rendered = render(kind, language, params)
    message = SmsMessage.objects.create(
        kind=kind,
        mobile=mobile,
        language=rendered.template.language,
        text=rendered.text,
        redacted_text=rendered.redacted,
        template_id=rendered.template.template_id,
        local_body=local_body,
    )
    sms_deliver_enqueue(message.pk)
    metrics.sms_counted(kind=kind, outcome="queued")
    return message
