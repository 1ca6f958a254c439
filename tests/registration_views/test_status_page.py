import re

import pytest
from django.core.cache import cache
from django.test import Client

from registration.verification import application_return_for_correction
from tests.conftest import World
from tests.registration import builders

URL = "/status/"


@pytest.fixture(autouse=True)
def fresh_limits() -> None:
    cache.clear()


def _client() -> Client:
    client = Client()
    client.cookies["django_language"] = "en"
    return client


def test_it_tells_the_status_and_the_reason(world: World) -> None:
    application = builders.submitted(world.alice, world.a1)
    application_return_for_correction(
        actor=world.carol, application=application, reason="Wrong PIN code"
    )
    response = _client().post(
        URL, {"number": application.number.lower(), "mobile": builders.HEAD_MOBILE}
    )
    body = response.content.decode()
    assert "Returned for correction" in body
    assert "Wrong PIN code" in body
    assert "Suresh" not in body and "Nehru Nagar" not in body


def test_a_wrong_mobile_or_number_gets_the_same_answer(world: World) -> None:
    application = builders.submitted(world.alice, world.a1)
    wrong_mobile = _client().post(URL, {"number": application.number, "mobile": "9123456780"})
    wrong_number = _client().post(
        URL, {"number": "APP-2026-AAAAAAAA", "mobile": builders.HEAD_MOBILE}
    )

    def body(r):  # type: ignore[no-untyped-def]
        text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", r.content.decode())
        for echoed in (application.number, "APP-2026-AAAAAAAA", "9123456780", builders.HEAD_MOBILE):
            text = text.replace(echoed, "")
        return text

    assert "No application matches" in body(wrong_mobile)
    assert body(wrong_mobile) == body(wrong_number)


def test_a_draft_is_not_told(world: World) -> None:
    application = builders.draft(world.alice, world.a1)
    response = _client().post(URL, {"number": application.number, "mobile": builders.HEAD_MOBILE})
    assert "No application matches" in response.content.decode()


def test_lookups_are_limited_per_client(world: World, settings) -> None:  # type: ignore[no-untyped-def]
    settings.STATUS_LOOKUPS_PER_HOUR = 3
    application = builders.submitted(world.alice, world.a1)
    client = _client()
    for _ in range(3):
        client.post(URL, {"number": "APP-2026-AAAAAAAA", "mobile": "9123456780"})
    # then even the right pair is refused for a while
    response = client.post(URL, {"number": application.number, "mobile": builders.HEAD_MOBILE})
    assert response.status_code == 429
    assert "Waiting for verification" not in response.content.decode()
    # and another client is not affected
    other = _client().post(
        URL, {"number": application.number, "mobile": builders.HEAD_MOBILE}, REMOTE_ADDR="10.0.0.9"
    )
    assert "Waiting for verification" in other.content.decode()
