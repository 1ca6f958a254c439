"""One delivery of an SMS by the worker, safe against the worker being killed at any point.

- An attempt is written down before the gateway is called (attempts + 1, status SENDING, in a
  transaction of its own that commits first), so a worker killed mid-send leaves a row that says
  so, never a QUEUED one that a restarted worker would send a second time. The gateway is given
  the attempt's idempotency key (the message's UUID and the attempt number).
- With a real gateway the stored text loses its secret (password, OTP) in that same write; the
  gateway gets the whole text from the worker's memory. The whole text goes back into the row
  only when the worker, still alive, knows another send may follow (the gateway refused it, or
  its answer was lost).
- A SENDING row that a later run finds is settled by asking the gateway about the attempt's key:
  it has it → SENT; it never had it → sent again, unless its secret is gone, which gives FAILED
  "expired secret; ask again" (a password or OTP is never made up again, and an OTP is short-lived
  anyway); it cannot tell → FAILED with that reason. Each failure reason shows on the outbox page.

The run that finds a SENDING row is either the same task run again after its worker died
(sms/recovery.py) or the follow-up a live worker queued after an answer it lost.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ops import metrics
from sms.gateways import (
    SendResult,
    SmsGateway,
    SmsGatewayError,
    SmsGatewayUnsure,
    get_gateway,
    secrets_reach_the_outbox,
)
from sms.models import SmsKind, SmsMessage
from sms.texts import SECRET_PARAMS

logger = logging.getLogger(__name__)

Status = SmsMessage.Status
Failure = SmsMessage.Failure
FINAL = frozenset({Status.SENT, Status.DELIVERED, Status.FAILED})
# Called inside a transaction: run the delivery of the message again at that moment (sms.tasks
# queues the task, kept or dropped with the transaction).
RunAgainAt = Callable[[int, datetime], None]


@dataclass(frozen=True)
class _Attempt:
    message: SmsMessage
    text: str  # the whole text, secret and all: held in memory only


def sms_deliver_attempt(*, message_id: int, run_again_at: RunAgainAt) -> str:
    """Send the message once, or settle the attempt a dead worker left; the status it ends in."""
    gateway = get_gateway()
    begun = _attempt_begin(message_id, gateway, run_again_at)
    if not isinstance(begun, _Attempt):
        return begun
    try:
        result = gateway.send(begun.message, text=begun.text, key=begun.message.idempotency_key)
    except SmsGatewayUnsure as exc:
        return _attempt_unsure(begun, str(exc), run_again_at)
    except SmsGatewayError as exc:
        return _attempt_refused(begun, str(exc), run_again_at)
    return _attempt_sent(begun, result)


def _attempt_begin(
    message_id: int, gateway: SmsGateway, run_again_at: RunAgainAt
) -> _Attempt | str:
    with transaction.atomic():
        # The row lock keeps two runs for one message from both starting an attempt.
        message = SmsMessage.objects.select_for_update().get(pk=message_id)
        if message.status in FINAL:
            return message.status
        if message.status == Status.SENDING:
            in_flight_until = _in_flight_until(message)
            if in_flight_until > timezone.now():
                # Another run may still be waiting for the gateway's answer to this attempt.
                logger.info("SMS %s: attempt %s may be in flight", message.pk, message.attempts)
                run_again_at(message.pk, in_flight_until)
                return message.status
            settled = _settle(message, gateway)
            if settled is not None:
                return settled
        text = _whole_text(message)
        if text is None:
            return _fail(message, Failure.SECRET_EXPIRED)
        if message.attempts >= settings.SMS_MAX_ATTEMPTS:
            return _fail(message, Failure.NOT_ACCEPTED)
        message.attempts += 1
        message.status = Status.SENDING
        message.attempt_started_at = timezone.now()
        _forget_secret(message)
        message.save(update_fields=["attempts", "status", "attempt_started_at", "text"])
    return _Attempt(message=message, text=text)


def _settle(message: SmsMessage, gateway: SmsGateway) -> str | None:
    """Ask the gateway about an unfinished attempt: the status it settles in, or None when the
    gateway never got it (so another attempt may be made)."""
    try:
        receipt = gateway.status(message, key=message.idempotency_key)
    except SmsGatewayError as exc:
        return _fail(message, Failure.UNCONFIRMED, detail=str(exc))
    if receipt is None:
        logger.warning(
            "SMS %s: the gateway never got attempt %s; it may be made again",
            message.pk,
            message.attempts,
        )
        return None
    logger.warning("SMS %s: the gateway had attempt %s", message.pk, message.attempts)
    _mark_sent(message, receipt)
    message.save()
    return message.status


def _attempt_sent(attempt: _Attempt, result: SendResult) -> str:
    with transaction.atomic():
        message, current = _current(attempt)
        if not current:
            return message.status
        _mark_sent(message, result)
        message.save()
    return message.status


def _attempt_refused(attempt: _Attempt, error: str, run_again_at: RunAgainAt) -> str:
    """The gateway did not take it: try again later with growing gaps, then give up."""
    with transaction.atomic():
        message, current = _current(attempt)
        if not current:
            return message.status
        message.last_error = error[:300]
        if message.attempts >= settings.SMS_MAX_ATTEMPTS:
            return _fail(message, Failure.NOT_ACCEPTED)
        message.status = Status.RETRYING
        message.text = attempt.text  # the next attempt needs it
        message.save()
        metrics.sms_counted(kind=message.kind, outcome="retrying")
        delay = settings.SMS_RETRY_BASE_SECONDS * 2 ** (message.attempts - 1)
        run_again_at(message.pk, timezone.now() + timedelta(seconds=delay))
    return message.status


def _attempt_unsure(attempt: _Attempt, error: str, run_again_at: RunAgainAt) -> str:
    """The gateway's answer was lost: ask it later, and keep the text in case it never got it."""
    with transaction.atomic():
        message, current = _current(attempt)
        if not current:
            return message.status
        message.last_error = error[:300]
        message.text = attempt.text
        message.save(update_fields=["last_error", "text"])
        run_again_at(message.pk, _in_flight_until(message))
    return message.status


def _current(attempt: _Attempt) -> tuple[SmsMessage, bool]:
    """The message, locked, and whether this attempt is still the one in progress (a later run
    may have settled it meanwhile; its row is then left as that run wrote it)."""
    message = SmsMessage.objects.select_for_update().get(pk=attempt.message.pk)
    current = message.status == Status.SENDING and message.attempts == attempt.message.attempts
    if not current:
        logger.warning(
            "SMS %s: attempt %s was settled by another run", message.pk, attempt.message.attempts
        )
    return message, current


def _mark_sent(message: SmsMessage, result: SendResult) -> None:
    message.status = Status.DELIVERED if result.delivered else Status.SENT
    message.gateway_reference = result.reference
    message.sent_at = timezone.now()
    message.last_error = ""
    message.failure = ""
    _forget_secret(message)
    metrics.sms_counted(kind=message.kind, outcome="sent")


def _fail(message: SmsMessage, failure: str, detail: str = "") -> str:
    message.status = Status.FAILED
    message.failure = failure
    if detail:
        message.last_error = detail[:300]
    _forget_secret(message)
    message.save()
    metrics.sms_counted(kind=message.kind, outcome="failed")
    logger.warning("SMS %s failed after %s attempts: %s", message.pk, message.attempts, failure)
    return message.status


def _whole_text(message: SmsMessage) -> str | None:
    """The text to hand to the gateway, or None when its secret is no longer kept (a worker died
    holding it) or, for an OTP, no longer valid."""
    if message.kind == SmsKind.OTP and timezone.now() > message.created_at + timedelta(
        seconds=settings.OTP_VALID_SECONDS
    ):
        return None
    if message.kind in SECRET_PARAMS and message.redacted_text == message.text:
        return None
    return message.text


def _forget_secret(message: SmsMessage) -> None:
    """Keep only the redacted copy once a real gateway may have the message. The development
    outbox is the recipients' phone, so there the whole text stays."""
    if not secrets_reach_the_outbox() and message.redacted_text:
        message.text = message.redacted_text


def _in_flight_until(message: SmsMessage) -> datetime:
    """When the attempt's request has surely ended: connecting and reading each have the timeout."""
    started = message.attempt_started_at or timezone.now()
    return started + timedelta(seconds=2 * settings.SMS_HTTP_TIMEOUT_SECONDS)
