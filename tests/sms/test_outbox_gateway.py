from collections.abc import Callable
from typing import Any

import pytest

from sms.models import SmsKind, SmsMessage
from sms.services import sms_queue


@pytest.mark.django_db
def test_the_outbox_marks_the_message_delivered_and_keeps_it_readable(
    settings: Any, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    # given: the development gateway
    settings.SMS_GATEWAY = "outbox"

    # when
    with django_capture_on_commit_callbacks(execute=True):
        message = sms_queue(
            kind=SmsKind.PASSWORD_RESET,
            mobile="9826012345",
            language="hi",
            params={"user_id": "ramesh.k", "password": "Xy7-secret-PW"},
        )

    # then
    message.refresh_from_db()
    assert message.status == SmsMessage.Status.DELIVERED
    assert message.gateway_reference == f"outbox-{message.pk}"
    assert message.sent_at is not None
    assert message.last_error == ""
    # staff read the outbox in development, so the text stays whole
    assert "Xy7-secret-PW" in message.text
