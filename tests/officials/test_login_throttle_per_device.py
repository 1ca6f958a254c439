"""One device cannot guess through many accounts: after too many failed sign-ins from its
address, it must wait, whichever user IDs it tries (each account's own waits aside)."""

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from officials.models import LoginFailure
from tests.conftest import World
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db
THROTTLED = "Try again in 15 minutes."


def attempt(client: Client, user_id: str, password: str, address: str) -> str:
    response = client.post(
        reverse("officials:login"),
        {"user_id": user_id, "password": password},
        REMOTE_ADDR=address,
    )
    return response.content.decode() if response.status_code == 200 else ""


@override_settings(LOGIN_MAX_FAILURES_PER_CLIENT=6)
def test_a_device_that_fails_too_often_is_made_to_wait(world: World) -> None:
    client = Client()
    client.cookies["django_language"] = "en"
    # wrong passwords for several accounts (none of them reaches its own wait)
    for user_id in ("alice", "bob", "carol", "nobody-1", "nobody-2"):
        assert THROTTLED not in attempt(client, user_id, "wrong-password", "10.1.1.1")
    # the sixth failure says how long the device must now wait
    assert THROTTLED in attempt(client, "dave", "wrong-password", "10.1.1.1")
    # then even the right password is refused from that device
    page = attempt(client, "erin", PASSWORD, "10.1.1.1")
    assert THROTTLED in page
    assert "_auth_user_id" not in client.session
    # while another device signs in as usual
    other = Client()
    assert attempt(other, "erin", PASSWORD, "10.2.2.2") == ""
    assert "_auth_user_id" in other.session


def test_failures_are_counted_per_address(world: World) -> None:
    attempt(Client(), "alice", "wrong", "10.3.3.3")
    attempt(Client(), "ghost", "wrong", "10.3.3.3")
    assert LoginFailure.objects.filter(client_address="10.3.3.3").count() == 2
