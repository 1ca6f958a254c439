from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

import pytest
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from sms.models import SmsKind, SmsMessage
from sms.services import sms_queue

Capture = Callable[..., AbstractContextManager[list[Callable[[], Any]]]]


def _queue_otp() -> SmsMessage:
    return sms_queue(
        kind=SmsKind.OTP,
        mobile="9826012345",
        language="en",
        params={"purpose": "migration", "code": "482913", "minutes": "10"},
    )


@pytest.mark.django_db
def test_it_stores_the_message_and_sends_only_after_commit(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    # given / when: a message is queued inside a transaction
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        message = _queue_otp()
        # then: stored, but not handed to the gateway before the commit
        message.refresh_from_db()
        assert message.status == SmsMessage.Status.QUEUED
        assert message.attempts == 0
        assert "482913" in message.text

    # then: after the commit the worker task ran and the outbox took it
    assert len(callbacks) == 1
    message.refresh_from_db()
    assert message.status == SmsMessage.Status.DELIVERED
    assert message.attempts == 1


@pytest.mark.django_db
def test_it_sends_nothing_when_the_transaction_rolls_back(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    # given / when: the write that queued the SMS fails
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        _queue_otp()
        raise RuntimeError("the write failed")

    # then
    assert callbacks == []
    assert not SmsMessage.objects.exists()


@pytest.mark.django_db
def test_it_takes_the_template_id_from_settings(
    settings: Any, django_capture_on_commit_callbacks: Capture
) -> None:
    # given
    settings.SMS_DLT_TEMPLATE_IDS = {
        "otp:hi": "1107160000000000003",
        "otp:en": "1107160000000000013",
    }

    # when
    with django_capture_on_commit_callbacks():
        message = _queue_otp()

    # then: the ID of the English template, the language the message is written in
    assert message.template_id == "1107160000000000013"
    assert message.language == "en"


@pytest.mark.django_db
@pytest.mark.usefixtures("db_task_queue")
def test_the_database_queue_keeps_the_task_with_the_message_or_neither() -> None:
    # given / when: inside the write's transaction the task row is there with the message ...
    with pytest.raises(RuntimeError), transaction.atomic():
        message = _queue_otp()
        assert DBTaskResult.objects.filter(args_kwargs__args=[message.pk]).exists()
        raise RuntimeError("the write failed")

    # then: ... and goes with it, so no message waits without a task to send it
    assert not SmsMessage.objects.exists()
    assert not DBTaskResult.objects.exists()
