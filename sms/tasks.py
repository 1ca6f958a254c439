from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from sms.gateways import SmsGatewayError, get_gateway
from sms.models import SmsMessage

FINAL = {SmsMessage.Status.SENT, SmsMessage.Status.DELIVERED, SmsMessage.Status.FAILED}


@task(queue_name="sms")
def sms_deliver(message_id: int) -> str:
    """Hand one message to the gateway; on failure try again later, with growing gaps."""
    with transaction.atomic():
        # The row lock keeps two workers from sending the same message twice.
        message = SmsMessage.objects.select_for_update().get(pk=message_id)
        if message.status in FINAL:
            return message.status
        message.attempts += 1
        try:
            result = get_gateway().send(message)
        except SmsGatewayError as exc:
            message.last_error = str(exc)[:300]
            if message.attempts >= settings.SMS_MAX_ATTEMPTS:
                message.status = SmsMessage.Status.FAILED
            else:
                message.status = SmsMessage.Status.RETRYING
                delay = settings.SMS_RETRY_BASE_SECONDS * 2 ** (message.attempts - 1)
                run_after = timezone.now() + timedelta(seconds=delay)
                transaction.on_commit(
                    lambda: sms_deliver.using(run_after=run_after).enqueue(message_id)
                )
        else:
            message.gateway_reference = result.reference
            message.sent_at = timezone.now()
            message.last_error = ""
            message.status = (
                SmsMessage.Status.DELIVERED if result.delivered else SmsMessage.Status.SENT
            )
        if message.status in FINAL and settings.SMS_GATEWAY != "outbox":
            # Only the development outbox is read by people; a real gateway's messages keep no
            # password or OTP once they are sent or given up on.
            message.text = message.redacted_text
        message.save()
        return message.status
