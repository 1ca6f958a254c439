"""The SMS port: one interface, an adapter per gateway, chosen by settings.SMS_GATEWAY.

Every send carries an idempotency key (the message's UUID and the attempt number): a gateway that
honours it sends one SMS for a key however often it is asked, and the same key is how the worker
asks afterwards whether an attempt arrived (`status`), when the worker died before it could
write the answer down.
"""

from dataclasses import dataclass
from typing import Protocol

import requests
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from urllib3.exceptions import ConnectTimeoutError

from sms.dlt import is_gsm7
from sms.models import SmsMessage

IDEMPOTENCY_HEADER = "Idempotency-Key"
# The first word of the status address's answer, and what it means.
RECEIVED_STATES = {"ACCEPTED", "SUBMITTED", "SENT", "DELIVERED"}
NOT_RECEIVED_STATES = {"NOTFOUND", "NOT_FOUND"}


class SmsGatewayError(Exception):
    """The gateway did not take the message (or cannot say what it has); the worker decides."""


class SmsGatewayUnsure(SmsGatewayError):
    """The request may have reached the gateway but its answer was lost (a timeout, a broken
    connection): the gateway is asked before the message is sent again."""


@dataclass(frozen=True)
class SendResult:
    reference: str
    delivered: bool  # True when the adapter knows the message arrived (the outbox does)


class SmsGateway(Protocol):
    def send(self, message: SmsMessage, *, text: str, key: str) -> SendResult:
        """Hand over `text` (the whole text, which may hold a secret) as attempt `key`."""
        ...

    def status(self, message: SmsMessage, *, key: str) -> SendResult | None:
        """What the gateway holds for attempt `key`: a result when it took it, None when it never
        did. Raises SmsGatewayError when it cannot tell."""
        ...


class OutboxGateway:
    """Development: the message stays in the outbox (the SmsMessage table) for staff to read.

    It stands in for the recipient's phone: nothing leaves the portal, so an attempt that was
    not written down as delivered never reached anyone and may simply be made again.
    """

    def send(self, message: SmsMessage, *, text: str, key: str) -> SendResult:
        return SendResult(reference=self._reference(message), delivered=True)

    def status(self, message: SmsMessage, *, key: str) -> SendResult | None:
        if message.gateway_reference == self._reference(message):
            return SendResult(reference=message.gateway_reference, delivered=True)
        return None

    def _reference(self, message: SmsMessage) -> str:
        return f"outbox-{message.pk}"


class HttpGateway:
    """A bulk-SMS HTTP gateway that takes a form POST with DLT fields (the common Indian shape).

    Reads SMS_HTTP_URL, SMS_HTTP_STATUS_URL, SMS_HTTP_SENDER, SMS_HTTP_USERNAME,
    SMS_HTTP_PASSWORD; the DLT template ID is the message's (its kind's template in the language
    it was written in: SMS_DLT_TEMPLATE_IDS, {"kind:language": id}). The attempt's key goes as
    the form field `clientrefid` and the header `Idempotency-Key`; the status address takes the
    same form (username, password, clientrefid) and answers 404, or "<STATE> <reference>" with
    STATE one of ACCEPTED, SUBMITTED, SENT, DELIVERED (it has the message) or NOTFOUND.
    """

    def __init__(self) -> None:
        if not settings.DEBUG:
            if not settings.SMS_HTTP_URL.startswith("https://"):
                raise ImproperlyConfigured("SAMAGRA_SMS_HTTP_URL must be an https:// address.")
            if settings.SMS_HTTP_STATUS_URL and not settings.SMS_HTTP_STATUS_URL.startswith(
                "https://"
            ):
                raise ImproperlyConfigured(
                    "SAMAGRA_SMS_HTTP_STATUS_URL must be an https:// address."
                )
        self.url = settings.SMS_HTTP_URL
        self.status_url = settings.SMS_HTTP_STATUS_URL

    def send(self, message: SmsMessage, *, text: str, key: str) -> SendResult:
        if not message.template_id:
            raise SmsGatewayError(
                f"no DLT template id configured for {message.kind}:{message.language}"
            )
        data = {
            **self._credentials(key),
            "senderid": settings.SMS_HTTP_SENDER,
            "mobileno": "91" + message.mobile,
            "content": text,
            "templateid": message.template_id,
            # The text decides: an English template with a Devanagari place name is UCS-2 too.
            "smsservicetype": "singlemsg" if is_gsm7(text) else "unicodemsg",
        }
        try:
            response = self._post(self.url, data, key)
        except requests.RequestException as exc:
            if _never_connected(exc):
                raise SmsGatewayError(type(exc).__name__) from None
            raise SmsGatewayUnsure(type(exc).__name__) from None
        if response.status_code >= 300:
            raise SmsGatewayError(f"HTTP {response.status_code}")
        return SendResult(reference=response.text.strip()[:100], delivered=False)

    def status(self, message: SmsMessage, *, key: str) -> SendResult | None:
        if not self.status_url:
            raise SmsGatewayError("the gateway cannot be asked (no SAMAGRA_SMS_HTTP_STATUS_URL)")
        try:
            response = self._post(self.status_url, self._credentials(key), key)
        except requests.RequestException as exc:
            raise SmsGatewayError(f"status query: {type(exc).__name__}") from None
        if response.status_code == 404:
            return None
        if response.status_code >= 300:
            raise SmsGatewayError(f"status query: HTTP {response.status_code}")
        state, _, reference = response.text.strip().partition(" ")
        if state.upper() in RECEIVED_STATES:
            return SendResult(reference=reference.strip()[:100], delivered=False)
        if state.upper() in NOT_RECEIVED_STATES:
            return None
        raise SmsGatewayError(f"status query: the gateway answered {state[:40]!r}")

    def _credentials(self, key: str) -> dict[str, str]:
        return {
            "username": settings.SMS_HTTP_USERNAME,
            "password": settings.SMS_HTTP_PASSWORD,
            "clientrefid": key,
        }

    def _post(self, url: str, data: dict[str, str], key: str) -> requests.Response:
        return requests.post(
            url,
            data=data,
            headers={IDEMPOTENCY_HEADER: key},
            timeout=settings.SMS_HTTP_TIMEOUT_SECONDS,
        )


def _never_connected(exc: requests.RequestException) -> bool:
    """True when no connection was made, so the gateway cannot have the request."""
    reason = getattr(exc.args[0], "reason", None) if exc.args else None
    return isinstance(exc, requests.ConnectTimeout) or isinstance(reason, ConnectTimeoutError)


def get_gateway() -> SmsGateway:
    match settings.SMS_GATEWAY:
        case "outbox":
            return OutboxGateway()
        case "http":
            return HttpGateway()
    raise ImproperlyConfigured(f"Unknown SAMAGRA_SMS_GATEWAY {settings.SMS_GATEWAY!r}")


def secrets_reach_the_outbox() -> bool:
    """Whether the outbox page may show passwords and OTPs: only with the development gateway,
    which stands in for the recipients' phones."""
    return settings.SMS_GATEWAY == "outbox"
