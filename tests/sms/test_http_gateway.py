from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured

from sms.gateways import HttpGateway, SmsGatewayError
from sms.models import SmsKind, SmsMessage
from sms.services import sms_queue
from sms.tasks import sms_deliver
from tests.sms.conftest import FakeGateway

Capture = Callable[..., Any]


def _queue_welcome(language: str = "hi") -> SmsMessage:
    return sms_queue(
        kind=SmsKind.OFFICIAL_WELCOME,
        mobile="9826012345",
        language=language,
        params={"designation": "GP Secretary", "user_id": "ramesh.k", "password": "Xy7-secret-PW"},
    )


@pytest.mark.django_db
def test_it_posts_the_dlt_fields_to_the_gateway(
    gateway: FakeGateway, django_capture_on_commit_callbacks: Capture
) -> None:
    # when
    with django_capture_on_commit_callbacks(execute=True):
        message = _queue_welcome()

    # then
    assert len(gateway.posts) == 1
    form = gateway.posts[0]
    assert form["templateid"] == "1107160000000000001"
    assert form["senderid"] == "SAMGRA"
    assert form["username"] == "mission-mp"
    assert form["password"] == "gateway-secret-9"
    assert form["mobileno"] == "919826012345"
    assert "Xy7-secret-PW" in form["content"]
    assert form["smsservicetype"] == "unicodemsg"
    message.refresh_from_db()
    assert message.status == SmsMessage.Status.SENT
    assert message.gateway_reference == "MSGID-4242"


@pytest.mark.django_db
def test_it_sends_english_as_a_plain_message_with_the_english_template_id(
    gateway: FakeGateway, django_capture_on_commit_callbacks: Capture
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        _queue_welcome(language="en")

    assert gateway.posts[0]["smsservicetype"] == "singlemsg"
    assert gateway.posts[0]["templateid"] == "1107160000000000011"
    assert gateway.posts[0]["content"].startswith("Samagra portal: registered as")


@pytest.mark.django_db
def test_it_sends_an_english_text_with_devanagari_in_it_as_unicode(
    gateway: FakeGateway, django_capture_on_commit_callbacks: Capture
) -> None:
    # given: an English template whose value is written in Devanagari
    with django_capture_on_commit_callbacks(execute=True):
        sms_queue(
            kind=SmsKind.OFFICIAL_WELCOME,
            mobile="9826012345",
            language="en",
            params={"designation": "सचिव", "user_id": "GP1234567", "password": "Xy7secret"},
        )

    # then: the English template's ID, but the text goes as UCS-2
    assert gateway.posts[0]["templateid"] == "1107160000000000011"
    assert gateway.posts[0]["smsservicetype"] == "unicodemsg"


@pytest.mark.django_db
def test_a_language_without_templates_is_sent_with_the_default_languages_template(
    gateway: FakeGateway, settings: Any, django_capture_on_commit_callbacks: Capture
) -> None:
    # given
    settings.LANGUAGE_CODE = "hi"

    # when: asked for a language the portal has no templates in
    with django_capture_on_commit_callbacks(execute=True):
        message = _queue_welcome(language="mr")

    # then: the Hindi template, and the message says Hindi, so ID and text agree
    assert message.language == "hi"
    assert gateway.posts[0]["templateid"] == "1107160000000000001"
    assert gateway.posts[0]["content"].startswith("समग्र:")


@pytest.mark.django_db
def test_it_keeps_no_secret_once_the_gateway_has_the_message(
    gateway: FakeGateway, django_capture_on_commit_callbacks: Capture
) -> None:
    # when
    with django_capture_on_commit_callbacks(execute=True):
        message = _queue_welcome()

    # then
    message.refresh_from_db()
    assert message.status == SmsMessage.Status.SENT
    assert "Xy7-secret-PW" not in message.text
    assert "ramesh.k" in message.text
    assert not SmsMessage.objects.filter(text__contains="Xy7-secret-PW").exists()


@pytest.mark.django_db
@pytest.mark.usefixtures("db_task_queue")  # a retry needs a queue that can run it later
def test_it_does_not_send_a_kind_without_a_template_id(
    gateway: FakeGateway, settings: Any, django_capture_on_commit_callbacks: Capture
) -> None:
    # given: no DLT template registered for the kind
    settings.SMS_DLT_TEMPLATE_IDS = {}

    with django_capture_on_commit_callbacks(execute=True):
        message = _queue_welcome()

    # when: the worker runs the task
    with django_capture_on_commit_callbacks(execute=True):
        sms_deliver.call(message.pk)

    # then: the gateway is never called with an unregistered text
    assert gateway.posts == []
    message.refresh_from_db()
    assert message.status == SmsMessage.Status.RETRYING
    assert "template" in message.last_error


def test_it_refuses_a_plain_http_gateway_in_production(settings: Any) -> None:
    # given
    settings.DEBUG = False
    settings.SMS_HTTP_URL = "http://sms.example.in/api/send"

    # when / then
    with pytest.raises(ImproperlyConfigured, match="https"):
        HttpGateway()


@pytest.mark.django_db
def test_the_status_query_says_whether_the_gateway_has_an_attempt(
    gateway: FakeGateway, django_capture_on_commit_callbacks: Capture
) -> None:
    # given: attempt 1 of the message was taken
    with django_capture_on_commit_callbacks(execute=True):
        message = _queue_welcome()
    message.refresh_from_db()
    http = HttpGateway()

    # when / then
    taken = http.status(message, key=f"{message.uuid}-1")
    assert taken is not None and taken.reference == "MSGID-4242"
    assert http.status(message, key=f"{message.uuid}-2") is None


@pytest.mark.django_db
def test_a_gateway_that_cannot_be_asked_cannot_settle_an_attempt(
    gateway: FakeGateway, settings: Any
) -> None:
    message = _queue_welcome()

    gateway.status_answer = "PROCESSING"
    with pytest.raises(SmsGatewayError, match="PROCESSING"):
        HttpGateway().status(message, key="any")

    settings.SMS_HTTP_STATUS_URL = ""
    with pytest.raises(SmsGatewayError, match="cannot be asked"):
        HttpGateway().status(message, key="any")


def test_it_refuses_a_plain_http_status_address_in_production(settings: Any) -> None:
    settings.DEBUG = False
    settings.SMS_HTTP_URL = "https://sms.example.in/api/send"
    settings.SMS_HTTP_STATUS_URL = "http://sms.example.in/api/status"

    with pytest.raises(ImproperlyConfigured, match="STATUS_URL"):
        HttpGateway()
