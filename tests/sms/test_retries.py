"""A failed send goes back on the real database queue with a growing delay, then gives up."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from core.net import free_port
from sms.models import SmsKind, SmsMessage
from sms.services import sms_queue
from sms.tasks import sms_deliver
from tests.sms.conftest import FakeGateway

Capture = Callable[..., Any]


def _queue_otp(capture: Capture) -> SmsMessage:
    with capture(execute=True):
        return sms_queue(
            kind=SmsKind.OTP,
            mobile="9826012345",
            language="en",
            params={"purpose": "migration", "code": "482913", "minutes": "10"},
        )


def _deliver(capture: Capture, message: SmsMessage) -> SmsMessage:
    """One run of the worker task on the message, as the worker would run it."""
    with capture(execute=True):
        sms_deliver.call(message.pk)
    message.refresh_from_db()
    return message


@pytest.mark.django_db
@pytest.mark.usefixtures("db_task_queue")
def test_it_retries_later_when_the_gateway_answers_500(
    gateway: FakeGateway, settings: Any, django_capture_on_commit_callbacks: Capture
) -> None:
    # given: a gateway that fails, and a queued message
    gateway.status = 500
    settings.SMS_RETRY_BASE_SECONDS = 30
    message = _queue_otp(django_capture_on_commit_callbacks)
    assert DBTaskResult.objects.count() == 1

    # when: the worker runs it
    before = timezone.now()
    message = _deliver(django_capture_on_commit_callbacks, message)

    # then: marked for retry, and a new run is queued for later
    assert len(gateway.posts) == 1
    assert message.status == SmsMessage.Status.RETRYING
    assert message.attempts == 1
    assert message.last_error == "HTTP 500"
    retry = DBTaskResult.objects.order_by("-enqueued_at").first()
    assert DBTaskResult.objects.count() == 2
    assert retry is not None
    assert retry.args_kwargs["args"] == [message.pk]
    assert retry.queue_name == "sms"
    assert retry.run_after >= before + timedelta(seconds=30)


@pytest.mark.django_db
@pytest.mark.usefixtures("db_task_queue")
def test_it_retries_when_the_gateway_refuses_the_connection(
    gateway: FakeGateway, settings: Any, django_capture_on_commit_callbacks: Capture
) -> None:
    # given: nothing listens at the gateway's address
    settings.SMS_HTTP_URL = f"http://127.0.0.1:{free_port()}/api/send"
    message = _queue_otp(django_capture_on_commit_callbacks)

    # when
    message = _deliver(django_capture_on_commit_callbacks, message)

    # then
    assert message.status == SmsMessage.Status.RETRYING
    assert message.attempts == 1
    assert message.last_error == "ConnectionError"
    assert DBTaskResult.objects.count() == 2


@pytest.mark.django_db
@pytest.mark.usefixtures("db_task_queue")
def test_it_waits_longer_before_each_retry_and_gives_up_after_the_last_attempt(
    gateway: FakeGateway, settings: Any, django_capture_on_commit_callbacks: Capture
) -> None:
    # given
    gateway.status = 500
    settings.SMS_MAX_ATTEMPTS = 3
    message = _queue_otp(django_capture_on_commit_callbacks)

    # when: every attempt fails
    delays = []
    for _ in range(3):
        started = timezone.now()
        message = _deliver(django_capture_on_commit_callbacks, message)
        newest = DBTaskResult.objects.order_by("-enqueued_at").first()
        assert newest is not None
        delays.append(newest.run_after - started)

    # then: two retries with a growing delay, then FAILED and nothing more queued
    assert message.status == SmsMessage.Status.FAILED
    assert message.attempts == 3
    assert len(gateway.posts) == 3
    assert DBTaskResult.objects.count() == 1 + 2
    assert delays[1] > delays[0]


@pytest.mark.django_db
@pytest.mark.usefixtures("db_task_queue")
def test_it_does_not_send_a_message_again_once_it_is_final(
    gateway: FakeGateway, django_capture_on_commit_callbacks: Capture
) -> None:
    # given: a message already sent
    message = _queue_otp(django_capture_on_commit_callbacks)
    message = _deliver(django_capture_on_commit_callbacks, message)
    assert message.status == SmsMessage.Status.SENT

    # when: a second run of the task comes for it
    message = _deliver(django_capture_on_commit_callbacks, message)

    # then
    assert len(gateway.posts) == 1
    assert message.attempts == 1


@pytest.mark.django_db
@pytest.mark.usefixtures("db_task_queue")
def test_it_keeps_no_secret_in_a_message_that_failed_for_good(
    gateway: FakeGateway, settings: Any, django_capture_on_commit_callbacks: Capture
) -> None:
    # given
    gateway.status = 500
    settings.SMS_MAX_ATTEMPTS = 1
    message = _queue_otp(django_capture_on_commit_callbacks)

    # when
    message = _deliver(django_capture_on_commit_callbacks, message)

    # then
    assert message.status == SmsMessage.Status.FAILED
    assert "482913" not in message.text
