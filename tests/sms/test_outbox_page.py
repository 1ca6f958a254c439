from typing import Any

import pytest

from sms.models import SmsKind, SmsMessage
from sms.services import sms_queue
from tests.conftest import World, client_for


def _message(world_lb: object, mobile: str) -> SmsMessage:
    return SmsMessage.objects.create(
        kind=SmsKind.OTP,
        mobile=mobile,
        language="en",
        text=f"SMS for {mobile}",
        local_body=world_lb,
    )


@pytest.fixture
def messages(world: World) -> dict[str, SmsMessage]:
    return {"lb_a": _message(world.lb_a, "9826011111"), "lb_x": _message(world.lb_x, "9826022222")}


@pytest.mark.django_db
@pytest.mark.usefixtures("messages")
@pytest.mark.parametrize(
    ("persona", "sees", "hidden"),
    [
        ("carol", ["9826011111"], ["9826022222"]),
        ("dave", ["9826022222"], ["9826011111"]),
        ("erin", ["9826011111"], ["9826022222"]),
        ("frank", ["9826022222"], ["9826011111"]),
        ("sam", ["9826011111", "9826022222"], []),
    ],
)
def test_the_outbox_shows_only_the_readers_jurisdiction(
    world: World, persona: str, sees: list[str], hidden: list[str]
) -> None:
    # when
    response = client_for(getattr(world, persona)).get("/sms/outbox/")

    # then
    assert response.status_code == 200
    body = response.content.decode()
    for mobile in sees:
        assert mobile in body
    for mobile in hidden:
        assert mobile not in body


@pytest.mark.django_db
@pytest.mark.usefixtures("messages")
@pytest.mark.parametrize("persona", ["alice", "bob"])
def test_field_officials_may_not_read_the_outbox(world: World, persona: str) -> None:
    response = client_for(getattr(world, persona)).get("/sms/outbox/")

    assert response.status_code == 403
    assert b"9826011111" not in response.content


@pytest.mark.django_db
def test_the_outbox_sends_anonymous_visitors_to_sign_in(client: object) -> None:
    response = client.get("/sms/outbox/")  # type: ignore[attr-defined]

    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def _otp_queued(world: World) -> SmsMessage:
    return sms_queue(
        kind=SmsKind.OTP,
        mobile="9826011111",
        language="en",
        params={"purpose": "sign-in", "code": "482913", "minutes": "10"},
        local_body=world.lb_a,
    )


def _page(world: World, language: str = "en") -> str:
    client = client_for(world.carol)
    client.cookies["django_language"] = language
    return client.get("/sms/outbox/").content.decode()


@pytest.mark.django_db
def test_with_a_real_gateway_the_page_never_shows_a_code(world: World, settings: Any) -> None:
    # given: a real gateway, and an OTP not yet sent (its whole text still kept for the send)
    settings.SMS_GATEWAY = "http"
    message = _otp_queued(world)
    assert "482913" in message.text

    # when
    body = _page(world)

    # then
    assert "482913" not in body
    assert "******" in body
    assert "Development gateway" not in body


@pytest.mark.django_db
def test_the_development_outbox_shows_the_code_and_says_why(world: World, settings: Any) -> None:
    settings.SMS_GATEWAY = "outbox"
    _otp_queued(world)

    assert "482913" in _page(world)
    assert "stands in for the recipients" in _page(world)
    assert "फ़ोन" in _page(world, "hi")


@pytest.mark.django_db
def test_the_page_gives_the_reason_a_message_failed(world: World) -> None:
    message = _otp_queued(world)
    SmsMessage.objects.filter(pk=message.pk).update(
        status=SmsMessage.Status.FAILED, failure=SmsMessage.Failure.SECRET_EXPIRED
    )

    body = _page(world)

    assert "Failed: expired secret" in body
    assert "ask again" in body
