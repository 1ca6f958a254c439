"""Each attempt is written down before the send and carries its own key; an attempt whose answer
was lost is settled by asking the gateway, never by sending blindly again (sms/delivery.py)."""

import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from sms.models import SmsKind, SmsMessage
from sms.services import sms_queue
from sms.tasks import sms_deliver
from tests.sms.conftest import FakeGateway

Capture = Callable[..., Any]
CODE = "482913"

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("db_task_queue")]


def _queue_otp(capture: Capture) -> SmsMessage:
    with capture(execute=True):
        return sms_queue(
            kind=SmsKind.OTP,
            mobile="9826012345",
            language="en",
            params={"purpose": "migration", "code": CODE, "minutes": "10"},
        )


def _deliver(capture: Capture, message: SmsMessage) -> SmsMessage:
    with capture(execute=True):
        sms_deliver.call(message.pk)
    message.refresh_from_db()
    return message


def _attempt_began_long_ago(message: SmsMessage) -> None:
    SmsMessage.objects.filter(pk=message.pk).update(
        attempt_started_at=timezone.now() - timedelta(minutes=5)
    )


def test_each_attempt_has_its_own_key_and_a_retry_gets_the_whole_text(
    gateway: FakeGateway, django_capture_on_commit_callbacks: Capture
) -> None:
    # given: the gateway refuses the first attempt
    gateway.status = 500
    message = _queue_otp(django_capture_on_commit_callbacks)
    message = _deliver(django_capture_on_commit_callbacks, message)
    assert message.status == SmsMessage.Status.RETRYING

    # when: the retry runs and the gateway takes it
    gateway.status = 200
    message = _deliver(django_capture_on_commit_callbacks, message)

    # then: two attempts, two keys (form field and header), the code in both sends
    assert message.status == SmsMessage.Status.SENT
    keys = [f"{message.uuid}-1", f"{message.uuid}-2"]
    assert [form["clientrefid"] for form in gateway.posts] == keys
    assert gateway.idempotency_keys == keys
    assert all(CODE in form["content"] for form in gateway.posts)
    assert CODE not in message.text


def test_a_lost_answer_is_settled_by_asking_the_gateway(
    gateway: FakeGateway, settings: Any, django_capture_on_commit_callbacks: Capture
) -> None:
    # given: the gateway takes the send but answers after the worker stopped waiting
    settings.SMS_HTTP_TIMEOUT_SECONDS = 1
    gateway.hold = 1
    gateway.on_hold = lambda: time.sleep(1.5)
    gateway.decide("take")
    message = _queue_otp(django_capture_on_commit_callbacks)

    # when
    message = _deliver(django_capture_on_commit_callbacks, message)

    # then: not known to be sent, not to be sent again blindly: a later run asks the gateway
    assert message.status == SmsMessage.Status.SENDING
    assert message.last_error == "ReadTimeout"
    follow_up = DBTaskResult.objects.order_by("-enqueued_at")[0]
    assert follow_up.run_after >= message.attempt_started_at + timedelta(seconds=2)

    # when: that run comes
    assert gateway.answered.wait(10)
    _attempt_began_long_ago(message)
    message = _deliver(django_capture_on_commit_callbacks, message)

    # then
    assert message.status == SmsMessage.Status.SENT
    assert gateway.status_queries == [f"{message.uuid}-1"]
    assert len(gateway.posts) == 1
    assert CODE not in message.text


def test_a_lost_send_the_gateway_never_got_is_made_again(
    gateway: FakeGateway, settings: Any, django_capture_on_commit_callbacks: Capture
) -> None:
    # given: the request is lost on the way; the worker, alive, kept the text for this case
    settings.SMS_HTTP_TIMEOUT_SECONDS = 1
    gateway.hold = 1
    gateway.on_hold = lambda: time.sleep(1.5)
    gateway.decide("drop")
    message = _queue_otp(django_capture_on_commit_callbacks)
    message = _deliver(django_capture_on_commit_callbacks, message)
    assert message.status == SmsMessage.Status.SENDING

    # when
    _attempt_began_long_ago(message)
    message = _deliver(django_capture_on_commit_callbacks, message)

    # then: attempt 2 goes out with the code
    assert message.status == SmsMessage.Status.SENT
    assert message.attempts == 2
    assert gateway.keys_taken() == [f"{message.uuid}-2"]
    assert CODE in gateway.taken[0]["content"]


def test_an_attempt_that_may_still_be_in_flight_is_left_to_its_worker(
    gateway: FakeGateway, django_capture_on_commit_callbacks: Capture
) -> None:
    # given: another run began an attempt a moment ago
    message = _queue_otp(django_capture_on_commit_callbacks)
    started = timezone.now()
    SmsMessage.objects.filter(pk=message.pk).update(
        status=SmsMessage.Status.SENDING, attempts=1, attempt_started_at=started
    )

    # when
    message = _deliver(django_capture_on_commit_callbacks, message)

    # then: no send, no question; looked at again once that attempt has surely ended
    assert message.status == SmsMessage.Status.SENDING
    assert gateway.posts == [] and gateway.status_queries == []
    follow_up = DBTaskResult.objects.order_by("-enqueued_at")[0]
    assert follow_up.run_after > started


def test_an_otp_past_its_validity_is_not_sent(
    gateway: FakeGateway, settings: Any, django_capture_on_commit_callbacks: Capture
) -> None:
    message = _queue_otp(django_capture_on_commit_callbacks)
    SmsMessage.objects.filter(pk=message.pk).update(
        created_at=timezone.now() - timedelta(seconds=settings.OTP_VALID_SECONDS + 1)
    )

    message = _deliver(django_capture_on_commit_callbacks, message)

    assert message.status == SmsMessage.Status.FAILED
    assert message.failure == SmsMessage.Failure.SECRET_EXPIRED
    assert gateway.posts == []
    assert CODE not in message.text


def test_the_outbox_makes_again_an_attempt_a_dead_worker_left(
    settings: Any, django_capture_on_commit_callbacks: Capture
) -> None:
    # given: the development gateway; a worker died after writing down attempt 1
    settings.SMS_GATEWAY = "outbox"
    message = _queue_otp(django_capture_on_commit_callbacks)
    SmsMessage.objects.filter(pk=message.pk).update(
        status=SmsMessage.Status.SENDING,
        attempts=1,
        attempt_started_at=timezone.now() - timedelta(minutes=5),
    )

    # when
    message = _deliver(django_capture_on_commit_callbacks, message)

    # then: nothing had left the portal, so the outbox takes attempt 2, whole text and all
    assert message.status == SmsMessage.Status.DELIVERED
    assert message.attempts == 2
    assert CODE in message.text
