"""Sessions end after a spell of inactivity and when the browser closes; a session in use is
written again at most once a refresh interval, not on every page."""

import os
import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.middleware import SESSION_REFRESHED_KEY
from tests.conftest import World
from tests.factories import PASSWORD
from tests.officials.support import english_client, sign_in

pytestmark = pytest.mark.django_db


def test_the_inactivity_limit_is_set_and_short() -> None:
    assert 0 < settings.SESSION_COOKIE_AGE <= 8 * 60 * 60
    assert 0 < settings.SESSION_REFRESH_SECONDS <= settings.SESSION_COOKIE_AGE / 10


def test_the_session_cookie_ends_with_the_browser(world: World) -> None:
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    client = english_client()

    response = sign_in(client, "carol", PASSWORD)

    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie.value
    assert not cookie["expires"]
    assert not cookie["max-age"]
    assert cookie["httponly"]


def _age_the_session(key: str, *, written_seconds_ago: int) -> None:
    """As if the session had last been written that long ago."""
    store = SessionStore(session_key=key)
    store[SESSION_REFRESHED_KEY] = int(time.time()) - written_seconds_ago
    store.save()
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now()
        + timedelta(seconds=settings.SESSION_COOKIE_AGE - written_seconds_ago)
    )


def test_the_session_lasts_the_inactivity_limit_from_the_last_request(world: World) -> None:
    client = english_client()
    sign_in(client, "carol", PASSWORD)
    key = client.session.session_key
    _age_the_session(key, written_seconds_ago=settings.SESSION_REFRESH_SECONDS + 5)

    client.get(reverse("officials:list"))

    session = Session.objects.get(session_key=key)
    expected = timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE)
    assert abs((session.expire_date - expected).total_seconds()) < 5


def test_a_page_soon_after_the_last_write_does_not_write_the_session(world: World) -> None:
    client = english_client()
    sign_in(client, "carol", PASSWORD)
    client.get(reverse("officials:list"))  # the first page may write once
    key = client.session.session_key
    before = Session.objects.get(session_key=key).expire_date

    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("officials:list"))

    assert response.status_code == 200
    writes = [
        q["sql"] for q in queries if "django_session" in q["sql"] and "SELECT" not in q["sql"]
    ]
    assert writes == []
    assert Session.objects.get(session_key=key).expire_date == before


def test_the_session_ends_within_the_limit_of_the_last_page_even_without_a_write(
    world: World,
) -> None:
    # The last write was just under a refresh interval ago, so the page does not write; the
    # session still ends no later than the limit after its last write.
    client = english_client()
    sign_in(client, "carol", PASSWORD)
    key = client.session.session_key
    _age_the_session(key, written_seconds_ago=settings.SESSION_REFRESH_SECONDS - 10)

    client.get(reverse("officials:list"))

    session = Session.objects.get(session_key=key)
    earliest = timezone.now() + timedelta(
        seconds=settings.SESSION_COOKIE_AGE - settings.SESSION_REFRESH_SECONDS
    )
    assert session.expire_date >= earliest


def test_an_expired_session_is_signed_out(world: World) -> None:
    # given carol signed in, then left the portal alone for longer than the limit
    client = english_client()
    sign_in(client, "carol", PASSWORD)
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )

    response = client.get(reverse("officials:list"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("officials:login"))


def _redis_answers() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


REDIS_URL = os.environ.get("SAMAGRA_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.mark.skipif(
    os.environ.get("CI") != "true" and not _redis_answers(),
    reason="no Redis at SAMAGRA_TEST_REDIS_URL (CI has one)",
)
def test_with_a_shared_cache_sessions_are_read_from_it_and_sign_out_ends_them(
    world: World,
) -> None:
    redis_cache = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"samagra-test-{os.getpid()}",
        }
    }
    engine = "django.contrib.sessions.backends.cached_db"
    with override_settings(CACHES=redis_cache, SESSION_ENGINE=engine):
        from django.core.cache import caches

        caches["default"].clear()
        client = english_client()
        sign_in(client, "carol", PASSWORD)
        client.get(reverse("officials:list"))
        cookie = client.cookies[settings.SESSION_COOKIE_NAME].value

        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("officials:list")).status_code == 200
        assert not [q for q in queries if "django_session" in q["sql"]]  # from the cache

        client.post(reverse("officials:logout"))
        stale = english_client()
        stale.cookies[settings.SESSION_COOKIE_NAME] = cookie
        response = stale.get(reverse("officials:list"))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("officials:login"))
        caches["default"].clear()
