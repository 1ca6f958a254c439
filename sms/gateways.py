"""The SMS port: one interface, an adapter per gateway, chosen by settings.SMS_GATEWAY."""

from dataclasses import dataclass
from typing import Protocol

import requests
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from sms.models import SmsMessage


class SmsGatewayError(Exception):
    """The gateway did not accept the message; the worker retries."""


@dataclass(frozen=True)
class SendResult:
    reference: str
    delivered: bool  # True when the adapter knows the message arrived (the outbox does)


class SmsGateway(Protocol):
    def send(self, message: SmsMessage) -> SendResult: ...


class OutboxGateway:
    """Development: the message stays in the outbox (the SmsMessage table) for staff to read."""

    def send(self, message: SmsMessage) -> SendResult:
        return SendResult(reference=f"outbox-{message.pk}", delivered=True)


class HttpGateway:
    """A bulk-SMS HTTP gateway that takes a form POST with DLT fields (the common Indian shape).

    Reads SMS_HTTP_URL, SMS_HTTP_SENDER, SMS_HTTP_USERNAME, SMS_HTTP_PASSWORD and
    SMS_DLT_TEMPLATE_IDS ({kind: template id}).
    """

    def __init__(self) -> None:
        if not settings.SMS_HTTP_URL.startswith("https://") and not settings.DEBUG:
            raise ImproperlyConfigured("SAMAGRA_SMS_HTTP_URL must be an https:// address.")
        self.url = settings.SMS_HTTP_URL

    def send(self, message: SmsMessage) -> SendResult:
        if not message.template_id:
            raise SmsGatewayError(f"no DLT template id configured for {message.kind}")
        data = {
            "username": settings.SMS_HTTP_USERNAME,
            "password": settings.SMS_HTTP_PASSWORD,
            "senderid": settings.SMS_HTTP_SENDER,
            "mobileno": "91" + message.mobile,
            "content": message.text,
            "templateid": message.template_id,
            "smsservicetype": "unicodemsg" if message.language == "hi" else "singlemsg",
        }
        try:
            response = requests.post(self.url, data=data, timeout=settings.SMS_HTTP_TIMEOUT_SECONDS)
        except requests.RequestException as exc:
            raise SmsGatewayError(type(exc).__name__) from None
        if response.status_code >= 300:
            raise SmsGatewayError(f"HTTP {response.status_code}")
        return SendResult(reference=response.text.strip()[:100], delivered=False)


def get_gateway() -> SmsGateway:
    match settings.SMS_GATEWAY:
        case "outbox":
            return OutboxGateway()
        case "http":
            return HttpGateway()
    raise ImproperlyConfigured(f"Unknown SAMAGRA_SMS_GATEWAY {settings.SMS_GATEWAY!r}")
