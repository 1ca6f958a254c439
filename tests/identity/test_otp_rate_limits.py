"""How often an OTP may be asked for. Per client and identifiers asked for: not again within
OTP_RESEND_SECONDS, at most OTP_HOURLY_CAP_PER_REQUESTER an hour (the owner's own allowance).
Hard caps behind it: per identifiers from every client, per mobile, per client address. Every
refusal says what was reached and until when; requests for identifiers that do not exist are
counted exactly like the others."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone
from django.utils.translation import override

from identity.models import OtpChallenge
from identity.otp import OtpRateLimited
from sms.models import SmsMessage
from tests.identity.support import CLIENT, MOBILE, issue, wait_past_resend

pytestmark = pytest.mark.django_db
CAPPED = "Too many codes have been requested for these details."


def refused(**kwargs: str) -> str:
    before = (OtpChallenge.objects.count(), SmsMessage.objects.count())
    with override("en"), pytest.raises(OtpRateLimited) as caught:
        issue(**kwargs)
    assert (OtpChallenge.objects.count(), SmsMessage.objects.count()) == before
    return str(caught.value)


def until(first: OtpChallenge) -> str:
    return timezone.localtime(first.created_at + timedelta(hours=1)).strftime("%H:%M")


def test_it_refuses_a_resend_within_the_wait() -> None:
    issue()

    message = refused()

    assert message == (
        "A code was sent for these details a moment ago. Wait "
        f"{settings.OTP_RESEND_SECONDS} seconds before asking for another."
    )


def test_it_refuses_a_resend_just_before_the_wait_ends() -> None:
    issue()
    OtpChallenge.objects.update(
        created_at=timezone.now() - timedelta(seconds=settings.OTP_RESEND_SECONDS - 2)
    )

    refused()


def test_it_resends_after_the_wait() -> None:
    issue()
    wait_past_resend()

    issue()

    assert SmsMessage.objects.filter(mobile=MOBILE).count() == 2


def test_the_wait_is_per_client_and_identifiers() -> None:
    issue(mobile="9876543210")

    issue(mobile="9876543211")  # other identifiers, same client
    issue(mobile="9876543210", client="198.51.100.9")  # same identifiers, another client


def test_it_caps_a_clients_requests_for_the_same_identifiers() -> None:
    for _ in range(settings.OTP_HOURLY_CAP_PER_REQUESTER):
        wait_past_resend()
        issue()
    wait_past_resend()

    message = refused()

    first = OtpChallenge.objects.order_by("created_at").first()
    assert first is not None
    assert message == f"{CAPPED} Try again after {until(first)} or visit the office."


def test_other_clients_do_not_spend_a_clients_allowance() -> None:
    for n in range(settings.OTP_HOURLY_CAP_PER_REQUESTER + 2):
        wait_past_resend()
        issue(client=f"198.51.100.{n}")
    wait_past_resend()

    issue(client=CLIENT)

    assert SmsMessage.objects.filter(mobile=MOBILE).count() == (
        settings.OTP_HOURLY_CAP_PER_REQUESTER + 3
    )


def test_the_identifiers_cap_counts_requests_from_every_client(settings: object) -> None:
    settings.OTP_HOURLY_CAP_PER_IDENTIFIERS = 3  # type: ignore[attr-defined]
    for n in range(3):
        issue(client=f"198.51.100.{n}")

    assert refused(client="198.51.100.250").startswith(CAPPED)


def test_unknown_identifiers_are_capped_at_the_same_count(settings: object) -> None:
    settings.OTP_HOURLY_CAP_PER_IDENTIFIERS = 3  # type: ignore[attr-defined]
    for n in range(3):
        issue(mobile="", subject="", asked_for="no-such-id", client=f"198.51.100.{n}")

    assert refused(mobile="", subject="", asked_for="no-such-id").startswith(CAPPED)


def test_the_mobile_cap_counts_every_identifiers_and_client(settings: object) -> None:
    settings.OTP_HOURLY_CAP_PER_MOBILE = 3  # type: ignore[attr-defined]
    for n in range(3):
        issue(subject=str(n), client=f"198.51.100.{n}")

    assert refused(subject="99", client="198.51.100.250").startswith(CAPPED)


def test_the_caps_lift_after_an_hour() -> None:
    for _ in range(settings.OTP_HOURLY_CAP_PER_REQUESTER):
        wait_past_resend()
        issue()
    OtpChallenge.objects.update(created_at=timezone.now() - timedelta(hours=1, seconds=1))

    issue()


def test_it_caps_the_otps_per_client_address_in_an_hour() -> None:
    # given one device asking for many different mobiles
    for n in range(settings.OTP_HOURLY_CAP_PER_CLIENT):
        issue(mobile=f"98765{n:05d}")

    message = refused(mobile="9123456789")

    first = OtpChallenge.objects.order_by("created_at").first()
    assert first is not None
    assert message == (
        f"Too many codes have been requested from this device. Try again after {until(first)}."
    )


def test_the_client_cap_counts_requests_for_unknown_subjects() -> None:
    # asking for user IDs that do not exist sends nothing but still counts
    for n in range(settings.OTP_HOURLY_CAP_PER_CLIENT):
        issue(mobile="", subject="", asked_for=f"nobody-{n}")

    refused(mobile="", subject="", asked_for="nobody-else")
    refused(mobile="9123456789")


def test_the_client_cap_is_per_client_address() -> None:
    for n in range(settings.OTP_HOURLY_CAP_PER_CLIENT):
        issue(mobile=f"98765{n:05d}", client=CLIENT)

    issue(mobile="9123456789", client="198.51.100.1")


def test_the_client_cap_lifts_after_an_hour() -> None:
    for n in range(settings.OTP_HOURLY_CAP_PER_CLIENT):
        issue(mobile=f"98765{n:05d}")
    OtpChallenge.objects.update(created_at=timezone.now() - timedelta(hours=1, seconds=1))

    issue(mobile="9123456789")
