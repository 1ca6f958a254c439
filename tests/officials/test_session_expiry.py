"""Sessions end after a spell of inactivity and when the browser closes."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from tests.conftest import World
from tests.factories import PASSWORD
from tests.officials.support import english_client, sign_in

pytestmark = pytest.mark.django_db


def test_the_inactivity_limit_is_set_and_short() -> None:
    assert 0 < settings.SESSION_COOKIE_AGE <= 8 * 60 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST  # the limit counts from the last request


def test_the_session_cookie_ends_with_the_browser(world: World) -> None:
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    client = english_client()

    response = sign_in(client, "carol", PASSWORD)

    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie.value
    assert not cookie["expires"]
    assert not cookie["max-age"]
    assert cookie["httponly"]


def test_the_session_lasts_the_inactivity_limit_from_the_last_request(world: World) -> None:
    client = english_client()
    sign_in(client, "carol", PASSWORD)

    client.get(reverse("officials:list"))

    session = Session.objects.get(session_key=client.session.session_key)
    expected = timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE)
    assert abs((session.expire_date - expected).total_seconds()) < 60


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
