"""Wrong codes are counted; after OTP_MAX_ATTEMPTS of them the challenge is dead."""

import pytest
from django.conf import settings
from django.utils.translation import override

from identity.models import OtpChallenge
from identity.otp import OtpError, otp_verify
from tests.identity.support import PURPOSE, code_sent_to, issue, wrong_code

pytestmark = pytest.mark.django_db


def guess(token: str, code: str) -> str:
    with override("en"), pytest.raises(OtpError) as refused:
        otp_verify(token=token, purpose=PURPOSE, code=code)
    return str(refused.value)


def test_it_counts_a_wrong_code() -> None:
    challenge = issue()

    message = guess(challenge.token, wrong_code(code_sent_to()))

    assert message == "The OTP is not correct."
    assert OtpChallenge.objects.get(pk=challenge.pk).attempts == 1


@pytest.mark.parametrize("bad", ["", "12345", "1234567", "abcdef"])
def test_it_counts_malformed_codes_too(bad: str) -> None:
    challenge = issue()

    guess(challenge.token, bad)

    assert OtpChallenge.objects.get(pk=challenge.pk).attempts == 1


def test_the_right_code_still_works_after_fewer_wrong_tries_than_the_limit() -> None:
    challenge = issue()
    code = code_sent_to()
    for n in range(settings.OTP_MAX_ATTEMPTS - 1):
        guess(challenge.token, wrong_code(code, n + 1))

    otp_verify(token=challenge.token, purpose=PURPOSE, code=code)


def test_after_the_limit_even_the_right_code_fails() -> None:
    challenge = issue()
    code = code_sent_to()
    for n in range(settings.OTP_MAX_ATTEMPTS):
        guess(challenge.token, wrong_code(code, n + 1))

    message = guess(challenge.token, code)

    assert message == "Too many wrong tries. Ask for a new OTP."
    fresh = OtpChallenge.objects.get(pk=challenge.pk)
    assert fresh.used_at is None
    assert fresh.attempts == settings.OTP_MAX_ATTEMPTS


def test_tries_after_the_limit_are_not_compared() -> None:
    challenge = issue()
    code = code_sent_to()
    for n in range(settings.OTP_MAX_ATTEMPTS + 3):
        guess(challenge.token, wrong_code(code, n + 1))

    # the count stops at the limit: refused tries are not even checked
    assert OtpChallenge.objects.get(pk=challenge.pk).attempts == settings.OTP_MAX_ATTEMPTS
