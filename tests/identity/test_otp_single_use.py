"""An OTP opens once."""

import pytest
from django.utils.translation import override

from identity.models import OtpChallenge
from identity.otp import OtpError, otp_verify
from tests.identity.support import PURPOSE, code_sent_to, issue, wait_past_resend

pytestmark = pytest.mark.django_db


def test_it_marks_the_challenge_used() -> None:
    challenge = issue()

    otp_verify(token=challenge.token, purpose=PURPOSE, code=code_sent_to())

    assert OtpChallenge.objects.get(pk=challenge.pk).used_at is not None


def test_it_rejects_a_used_code() -> None:
    challenge = issue()
    code = code_sent_to()
    otp_verify(token=challenge.token, purpose=PURPOSE, code=code)

    with override("en"), pytest.raises(OtpError) as refused:
        otp_verify(token=challenge.token, purpose=PURPOSE, code=code)

    assert str(refused.value) == "This OTP is no longer valid. Ask for a new one."


def test_it_rejects_an_unknown_token() -> None:
    issue()

    with pytest.raises(OtpError):
        otp_verify(token="not-a-token", purpose=PURPOSE, code=code_sent_to())


def test_a_new_otp_does_not_revive_the_old_one() -> None:
    # each challenge has its own code: the new code does not open the old challenge
    old = issue()
    old_code = new_code = code_sent_to()
    while new_code == old_code:  # two equal random codes: one chance in a million
        wait_past_resend()
        new = issue()
        new_code = code_sent_to()

    with pytest.raises(OtpError):
        otp_verify(token=old.token, purpose=PURPOSE, code=new_code)
    otp_verify(token=new.token, purpose=PURPOSE, code=new_code)
