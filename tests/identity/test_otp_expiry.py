"""An OTP expires OTP_VALID_SECONDS after it is sent."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone
from django.utils.translation import override

from identity.models import OtpChallenge
from identity.otp import OtpError, otp_verify
from tests.identity.support import PURPOSE, code_sent_to, issue

pytestmark = pytest.mark.django_db


def test_it_expires_after_the_valid_time() -> None:
    challenge = issue()

    assert challenge.expires_at - challenge.created_at == timedelta(
        seconds=settings.OTP_VALID_SECONDS
    )


def test_it_rejects_expired_code() -> None:
    # given the valid time has passed
    challenge = issue()
    OtpChallenge.objects.filter(pk=challenge.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )

    # when the right code is entered
    with override("en"), pytest.raises(OtpError) as refused:
        otp_verify(token=challenge.token, purpose=PURPOSE, code=code_sent_to())

    # then
    assert str(refused.value) == "This OTP has expired. Ask for a new one."
    assert OtpChallenge.objects.get(pk=challenge.pk).used_at is None


def test_it_accepts_the_code_just_before_it_expires() -> None:
    challenge = issue()
    OtpChallenge.objects.filter(pk=challenge.pk).update(
        expires_at=timezone.now() + timedelta(seconds=5)
    )

    otp_verify(token=challenge.token, purpose=PURPOSE, code=code_sent_to())
