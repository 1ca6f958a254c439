"""Too many wrong passwords no longer lock the account: they make the client that typed them
wait, longer after each failure, and the owner elsewhere signs in as usual. (These tests once
asserted a 15-minute lockout after five failures from anywhere, which anyone could trigger to
keep an official out; officials/throttle.py says what replaced it, and
tests/officials/test_signin_throttle.py tests the rest.)"""

from datetime import timedelta

import pytest
from django.conf import settings
from django.db.models import F

from audit.models import AuditEvent
from officials.models import LoginFailure
from tests.conftest import World
from tests.factories import PASSWORD
from tests.officials.support import english_client, sign_in, signed_in_pk

pytestmark = pytest.mark.django_db
WAIT = "Try again in %(seconds)s seconds."


def fail_until_waiting(client: object) -> None:
    for attempt in range(settings.LOGIN_FREE_FAILURES):
        sign_in(client, "alice", f"wrong-password-{attempt}")  # type: ignore[arg-type]


def time_passes(seconds: float) -> None:
    LoginFailure.objects.update(at=F("at") - timedelta(seconds=seconds))


def test_the_free_failures_make_the_client_wait_without_locking_the_account(
    world: World,
) -> None:
    client = english_client()

    fail_until_waiting(client)

    assert LoginFailure.objects.count() == settings.LOGIN_FREE_FAILURES
    # no lock to record: the audit row comes only at the account's ceiling, with an SMS
    assert not AuditEvent.objects.filter(event_type="official.sign_in_paused").exists()
    # while alice, at another computer, signs in as usual
    other = english_client()
    other.defaults["REMOTE_ADDR"] = "192.0.2.10"
    sign_in(other, "alice", PASSWORD)
    assert signed_in_pk(other) == str(world.alice.pk)


def test_one_failure_fewer_does_not_make_anyone_wait(world: World) -> None:
    client = english_client()
    for attempt in range(settings.LOGIN_FREE_FAILURES - 1):
        sign_in(client, "alice", f"wrong-password-{attempt}")

    sign_in(client, "alice", PASSWORD)

    assert signed_in_pk(client) == str(world.alice.pk)


def test_the_right_password_is_refused_while_the_client_waits(world: World) -> None:
    client = english_client()
    fail_until_waiting(client)

    response = sign_in(client, "alice", PASSWORD)

    assert signed_in_pk(client) is None
    assert WAIT % {"seconds": settings.LOGIN_DELAY_SECONDS} in response.content.decode()


def test_the_wait_is_per_account(world: World) -> None:
    client = english_client()
    fail_until_waiting(client)

    sign_in(client, "bob", PASSWORD)

    assert signed_in_pk(client) == str(world.bob.pk)


def test_the_right_password_works_once_the_wait_has_passed(world: World) -> None:
    client = english_client()
    fail_until_waiting(client)
    time_passes(settings.LOGIN_DELAY_SECONDS + 1)

    sign_in(client, "alice", PASSWORD)

    assert signed_in_pk(client) == str(world.alice.pk)


def test_the_wait_is_still_on_just_before_it_ends(world: World) -> None:
    client = english_client()
    fail_until_waiting(client)
    time_passes(settings.LOGIN_DELAY_SECONDS - 2)

    sign_in(client, "alice", PASSWORD)

    assert signed_in_pk(client) is None


def test_failures_older_than_the_window_are_forgotten(world: World) -> None:
    client = english_client()
    fail_until_waiting(client)
    time_passes(settings.LOGIN_WINDOW_MINUTES * 60 + 1)

    sign_in(client, "alice", "wrong-again")

    # one more failure after the window does not make the client wait at once
    sign_in(client, "alice", PASSWORD)
    assert signed_in_pk(client) == str(world.alice.pk)
