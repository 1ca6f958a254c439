import pytest

from sms.models import SmsKind, SmsMessage
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
