"""After too many wrong passwords the account is locked for a while, even to the right one."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from audit.models import AuditEvent
from officials.models import Official
from tests.conftest import World
from tests.factories import PASSWORD
from tests.officials.support import english_client, sign_in, signed_in_pk

pytestmark = pytest.mark.django_db
LOCKED = "Too many failed attempts. This account is locked for %(minutes)s minutes."


def fail_until_locked(client: object) -> None:
    for attempt in range(settings.LOGIN_MAX_FAILURES):
        sign_in(client, "alice", f"wrong-password-{attempt}")  # type: ignore[arg-type]


def test_it_locks_the_account_after_the_maximum_failures(world: World) -> None:
    client = english_client()

    fail_until_locked(client)

    alice = Official.objects.get(pk=world.alice.pk)
    assert alice.is_locked()
    expected_end = timezone.now() + timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)
    assert abs((alice.locked_until - expected_end).total_seconds()) < 60
    assert (
        AuditEvent.objects.filter(
            event_type="official.locked_out", subject_id=str(alice.pk)
        ).count()
        == 1
    )


def test_one_failure_fewer_does_not_lock(world: World) -> None:
    client = english_client()
    for attempt in range(settings.LOGIN_MAX_FAILURES - 1):
        sign_in(client, "alice", f"wrong-password-{attempt}")

    sign_in(client, "alice", PASSWORD)

    assert signed_in_pk(client) == str(world.alice.pk)


def test_the_right_password_is_refused_while_locked(world: World) -> None:
    client = english_client()
    fail_until_locked(client)

    response = sign_in(client, "alice", PASSWORD)

    assert signed_in_pk(client) is None
    assert LOCKED % {"minutes": settings.LOGIN_LOCKOUT_MINUTES} in response.content.decode()


def test_the_lock_is_per_account(world: World) -> None:
    client = english_client()
    fail_until_locked(client)

    sign_in(client, "bob", PASSWORD)

    assert signed_in_pk(client) == str(world.bob.pk)


def test_the_right_password_works_once_the_lock_has_ended(world: World) -> None:
    client = english_client()
    fail_until_locked(client)
    # when the lockout time has passed
    Official.objects.filter(pk=world.alice.pk).update(
        locked_until=timezone.now() - timedelta(seconds=1)
    )

    sign_in(client, "alice", PASSWORD)

    assert signed_in_pk(client) == str(world.alice.pk)


def test_the_lock_is_still_on_just_before_it_ends(world: World) -> None:
    client = english_client()
    fail_until_locked(client)
    Official.objects.filter(pk=world.alice.pk).update(
        locked_until=timezone.now() + timedelta(seconds=30)
    )

    sign_in(client, "alice", PASSWORD)

    assert signed_in_pk(client) is None


def test_after_the_lock_the_count_starts_again(world: World) -> None:
    client = english_client()
    fail_until_locked(client)
    Official.objects.filter(pk=world.alice.pk).update(
        locked_until=timezone.now() - timedelta(seconds=1)
    )

    sign_in(client, "alice", "wrong-again")

    # one more failure after the lock does not lock again at once
    assert not Official.objects.get(pk=world.alice.pk).is_locked()
    sign_in(client, "alice", PASSWORD)
    assert signed_in_pk(client) == str(world.alice.pk)
