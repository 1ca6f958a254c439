"""How often an OTP may be asked for: not again within OTP_RESEND_SECONDS, and at most so many
an hour for a mobile and for a client address."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone
from django.utils.translation import override

from identity.models import OtpChallenge
from identity.otp import OtpMobileRateLimited, OtpRateLimited
from sms.models import SmsMessage
from tests.identity.support import CLIENT, MOBILE, issue, wait_past_resend

pytestmark = pytest.mark.django_db


def refused(**kwargs: str) -> OtpRateLimited:
    before = (OtpChallenge.objects.count(), SmsMessage.objects.count())
    with override("en"), pytest.raises(OtpRateLimited) as caught:
        issue(**kwargs)
    assert (OtpChallenge.objects.count(), SmsMessage.objects.count()) == before
    return caught.value


def test_it_refuses_a_resend_within_the_wait() -> None:
    issue()

    error = refused()

    assert isinstance(error, OtpMobileRateLimited)
    assert str(error) == "An OTP was sent a moment ago. Wait a minute before asking for another."


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


def test_the_wait_is_per_mobile() -> None:
    issue(mobile="9876543210")

    issue(mobile="9876543211")


def test_it_caps_the_otps_per_mobile_in_an_hour() -> None:
    for _ in range(settings.OTP_HOURLY_CAP_PER_MOBILE):
        wait_past_resend()
        issue()
    wait_past_resend()

    error = refused()

    assert isinstance(error, OtpMobileRateLimited)
    assert str(error) == "Too many OTP requests for this mobile number. Try again in an hour."


def test_the_mobile_cap_counts_requests_from_every_client() -> None:
    for n in range(settings.OTP_HOURLY_CAP_PER_MOBILE):
        wait_past_resend()
        issue(client=f"198.51.100.{n}")
    wait_past_resend()

    refused(client="198.51.100.250")


def test_the_mobile_cap_lifts_after_an_hour() -> None:
    for _ in range(settings.OTP_HOURLY_CAP_PER_MOBILE):
        wait_past_resend()
        issue()
    OtpChallenge.objects.update(created_at=timezone.now() - timedelta(hours=1, seconds=1))

    issue()


def test_it_caps_the_otps_per_client_address_in_an_hour() -> None:
    # given one device asking for many different mobiles
    for n in range(settings.OTP_HOURLY_CAP_PER_CLIENT):
        issue(mobile=f"98765{n:05d}")

    error = refused(mobile="9123456789")

    assert not isinstance(error, OtpMobileRateLimited)
    assert str(error) == "Too many OTP requests from this device. Try again in an hour."


def test_the_client_cap_counts_requests_for_unknown_subjects() -> None:
    # asking for user IDs that do not exist sends nothing but still counts
    for _ in range(settings.OTP_HOURLY_CAP_PER_CLIENT):
        issue(mobile="", subject="")

    refused(mobile="", subject="")
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
