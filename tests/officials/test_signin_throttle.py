"""Wrong passwords slow the one who types them; they never lock the owner out.

Each (account, client address) pair may fail LOGIN_FREE_FAILURES times, then waits longer after
each further failure (the password is not even checked while it waits). Across all clients an
account has a ceiling: past it, clients that failed on it must wait out the window unless they
give the code the official was sent by SMS; a client that has not failed still signs in. Every
refusal reads the same, whatever the reason, apart from the wait."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.db.models import F
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from audit.models import AuditEvent
from identity.models import OtpChallenge
from officials.models import LoginFailure, Official
from officials.services import SIGN_IN_CODE_LABEL, official_set_active
from sms.models import SmsKind, SmsMessage
from tests.conftest import World
from tests.factories import PASSWORD
from tests.officials.support import otp_in

pytestmark = pytest.mark.django_db
FAILED = (
    "Sign-in failed. Check the user ID and password; if it keeps failing, ask the officer "
    "who registered you."
)
TRY_AGAIN = "Try again in"


def attempt(user_id: str, password: str, address: str, code: str = "") -> tuple[bool, str]:
    """(signed in?, the message shown) for one sign-in from ``address``."""
    client = Client(REMOTE_ADDR=address)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    data = {"user_id": user_id, "password": password}
    if code:
        data["code"] = code
    response = client.post(reverse("officials:login"), data)
    signed_in = "_auth_user_id" in client.session
    errors = response.context["form"].non_field_errors() if response.status_code == 200 else []
    return signed_in, " ".join(errors)


def fail(user_id: str, address: str, times: int = 1) -> str:
    message = ""
    for n in range(times):
        signed_in, message = attempt(user_id, f"wrong-{n}", address)
        assert not signed_in
    return message


def wait_passes(seconds: float) -> None:
    """As if ``seconds`` had passed since every failure and code so far."""
    LoginFailure.objects.update(at=F("at") - timedelta(seconds=seconds))
    OtpChallenge.objects.update(created_at=F("created_at") - timedelta(seconds=seconds))


def reach_the_ceiling(user_id: str) -> list[str]:
    """Fail on ``user_id`` from new addresses, at most the free failures each, until the
    account's ceiling is reached; the addresses used."""
    addresses = []
    left = settings.LOGIN_ACCOUNT_MAX_FAILURES
    n = 0
    while left > 0:
        address = f"198.51.100.{n}"
        times = min(settings.LOGIN_FREE_FAILURES, left)
        fail(user_id, address, times)
        addresses.append(address)
        left -= times
        n += 1
    return addresses


def test_six_clients_cannot_lock_the_owner_out(world: World) -> None:
    # given six wrong passwords from six addresses (the probe's attack)
    for n in range(6):
        fail("alice", f"203.0.113.{n}")

    # then alice signs in from her own computer
    signed_in, _message = attempt("alice", PASSWORD, "192.0.2.10")
    assert signed_in


def test_past_the_ceiling_a_client_that_has_not_failed_still_signs_in(world: World) -> None:
    reach_the_ceiling("alice")

    signed_in, _message = attempt("alice", PASSWORD, "192.0.2.10")

    assert signed_in


def test_past_the_ceiling_a_client_that_failed_must_wait(world: World) -> None:
    addresses = reach_the_ceiling("alice")
    wait_passes(settings.LOGIN_DELAY_SECONDS)  # past every pair's own delay

    signed_in, message = attempt("alice", PASSWORD, addresses[0])

    assert not signed_in
    assert message.startswith(FAILED) and TRY_AGAIN in message


def test_past_the_ceiling_the_code_sent_by_sms_lets_the_owner_in(world: World) -> None:
    addresses = reach_the_ceiling("alice")
    code = otp_in(SmsMessage.objects.get(mobile=world.alice.mobile, kind=SmsKind.OTP).text)
    wait_passes(settings.LOGIN_DELAY_SECONDS)

    signed_in, _message = attempt("alice", PASSWORD, addresses[0], code=code)

    assert signed_in


def test_the_code_does_not_help_without_the_password(world: World) -> None:
    addresses = reach_the_ceiling("alice")
    code = otp_in(SmsMessage.objects.get(mobile=world.alice.mobile, kind=SmsKind.OTP).text)
    wait_passes(settings.LOGIN_DELAY_SECONDS)

    signed_in, message = attempt("alice", "wrong-again", addresses[0], code=code)

    assert not signed_in
    assert message.startswith(FAILED)


def test_the_official_is_told_by_sms_once_per_window(world: World) -> None:
    reach_the_ceiling("alice")
    fail("alice", "192.0.2.99")  # one more from a new client, past the ceiling

    sms = SmsMessage.objects.filter(mobile=world.alice.mobile)
    assert sms.count() == 1
    with translation.override(world.alice.language):  # in her language, saying why
        assert str(SIGN_IN_CODE_LABEL) in sms.get().text
    assert (
        AuditEvent.objects.filter(
            event_type="official.sign_in_paused", subject_id=str(world.alice.pk)
        ).count()
        == 1
    )


def test_the_official_is_told_again_in_a_later_window(world: World) -> None:
    reach_the_ceiling("alice")
    wait_passes(settings.LOGIN_WINDOW_MINUTES * 60 + 1)
    Official.objects.filter(pk=world.alice.pk).update(
        sign_in_alert_at=timezone.now() - timedelta(minutes=settings.LOGIN_WINDOW_MINUTES + 1)
    )

    reach_the_ceiling("alice")

    assert SmsMessage.objects.filter(mobile=world.alice.mobile).count() == 2


def test_an_unknown_user_id_reaches_the_ceiling_at_the_same_count(world: World) -> None:
    known = reach_the_ceiling("alice")
    unknown = reach_the_ceiling("no-such-official")
    wait_passes(settings.LOGIN_DELAY_SECONDS)

    _signed_in, for_known = attempt("alice", "wrong", known[0])
    _signed_in, for_unknown = attempt("no-such-official", "wrong", unknown[0])

    assert for_known == for_unknown
    assert TRY_AGAIN in for_known


def test_a_client_waits_longer_after_each_failure_past_the_free_ones(world: World) -> None:
    address = "203.0.113.50"
    last = fail("alice", address, settings.LOGIN_FREE_FAILURES)
    assert last.endswith(f"Try again in {settings.LOGIN_DELAY_SECONDS} seconds.")

    wait_passes(settings.LOGIN_DELAY_SECONDS)
    message = fail("alice", address)

    assert message.endswith(f"Try again in {2 * settings.LOGIN_DELAY_SECONDS} seconds.")


def test_the_free_failures_need_no_wait(world: World) -> None:
    messages = [fail("alice", "203.0.113.51") for _ in range(settings.LOGIN_FREE_FAILURES - 1)]

    assert all(message == FAILED for message in messages)
    signed_in, _message = attempt("alice", PASSWORD, "203.0.113.51")
    assert signed_in


def test_while_waiting_even_the_right_password_is_not_checked(world: World) -> None:
    address = "203.0.113.52"
    fail("alice", address, settings.LOGIN_FREE_FAILURES)
    failures = LoginFailure.objects.count()

    signed_in, message = attempt("alice", PASSWORD, address)

    assert not signed_in
    assert message.startswith(FAILED) and TRY_AGAIN in message
    assert LoginFailure.objects.count() == failures  # a refusal unchecked is not a failure


def test_after_the_wait_the_right_password_works(world: World) -> None:
    address = "203.0.113.53"
    fail("alice", address, settings.LOGIN_FREE_FAILURES)
    wait_passes(settings.LOGIN_DELAY_SECONDS)

    signed_in, _message = attempt("alice", PASSWORD, address)

    assert signed_in


def test_the_wait_is_per_account_and_client(world: World) -> None:
    address = "203.0.113.54"
    fail("alice", address, settings.LOGIN_FREE_FAILURES)

    # the same client may sign in to another account, and alice from elsewhere
    assert attempt("bob", PASSWORD, address)[0]
    assert attempt("alice", PASSWORD, "192.0.2.11")[0]


def test_every_failure_reads_the_same(world: World) -> None:
    official_set_active(actor=world.carol, official=world.bob, active=False)

    messages = {
        "unknown user ID": attempt("no-such-official", PASSWORD, "203.0.113.60")[1],
        "wrong password": attempt("alice", "wrong", "203.0.113.61")[1],
        "deactivated, right password": attempt("bob", PASSWORD, "203.0.113.62")[1],
        "deactivated, wrong password": attempt("bob", "wrong", "203.0.113.63")[1],
    }

    assert set(messages.values()) == {FAILED}, messages


def test_the_wait_reads_the_same_for_an_unknown_user_id(world: World) -> None:
    known = fail("alice", "203.0.113.70", settings.LOGIN_FREE_FAILURES)
    unknown = fail("no-such-official", "203.0.113.71", settings.LOGIN_FREE_FAILURES)

    assert known == unknown
    assert TRY_AGAIN in known


def test_a_successful_sign_in_forgives_that_clients_failures(world: World) -> None:
    address = "203.0.113.80"
    fail("alice", address, settings.LOGIN_FREE_FAILURES - 1)
    assert attempt("alice", PASSWORD, address)[0]

    # the next mistakes start from nothing again
    message = fail("alice", address, settings.LOGIN_FREE_FAILURES - 1)
    assert message == FAILED


def test_a_password_reset_by_otp_forgives_every_failure_of_the_account(world: World) -> None:
    addresses = reach_the_ceiling("alice")
    client = Client(REMOTE_ADDR=addresses[0])
    client.post(reverse("officials:password_reset"), {"user_id": "alice"})
    code = otp_in(SmsMessage.objects.filter(mobile=world.alice.mobile).latest("id").text)
    client.post(
        reverse("officials:password_reset_verify"),
        {
            "otp-code": code,
            "pw-new_password1": "Narmada-Valley-1987",
            "pw-new_password2": "Narmada-Valley-1987",
        },
    )

    signed_in, _message = attempt("alice", "Narmada-Valley-1987", addresses[0])

    assert signed_in
