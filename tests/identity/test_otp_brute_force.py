"""Guessing is bounded: 10^4 guesses at OTPs for one mobile get nowhere.

Each challenge takes OTP_MAX_ATTEMPTS guesses, and one client gets OTP_HOURLY_CAP_PER_REQUESTER
challenges an hour for the same identifiers (all clients together OTP_HOURLY_CAP_PER_IDENTIFIERS),
so an attacker has at most their product of guesses an hour out of 10^6 codes. The attacker here is given every advantage: after using up the wrong tries on a
challenge they even try the right code (read from the SMS outbox)."""

import pytest
from django.conf import settings
from django.utils.translation import override

from identity.otp import OtpError, OtpRateLimited, otp_verify
from tests.identity.support import PURPOSE, code_sent_to, issue, wait_past_resend, wrong_code

pytestmark = pytest.mark.django_db
BUDGET = 10**4


def test_ten_thousand_guesses_do_not_get_in() -> None:
    guesses = successes = challenges = compared = 0
    while guesses < BUDGET:
        wait_past_resend()  # as if the attacker waited each time; still within the hour
        try:
            challenge = issue()
        except OtpRateLimited:
            break
        challenges += 1
        code = code_sent_to()
        # the wrong tries, then the right code, then more: nothing opens it any more
        tries = [wrong_code(code, n + 1) for n in range(settings.OTP_MAX_ATTEMPTS)]
        tries += [code, wrong_code(code, 99), code]
        for attempt in tries:
            guesses += 1
            try:
                with override("en"):
                    otp_verify(token=challenge.token, purpose=PURPOSE, code=attempt)
            except OtpError as refusal:
                compared += str(refusal) == "The OTP is not correct."
            else:
                successes += 1

    assert successes == 0
    assert compared == settings.OTP_MAX_ATTEMPTS * settings.OTP_HOURLY_CAP_PER_REQUESTER
    assert challenges == settings.OTP_HOURLY_CAP_PER_REQUESTER
    assert guesses < BUDGET  # the caps stopped the attacker long before the budget ran out


def test_the_client_cap_bounds_guesses_spread_over_many_mobiles() -> None:
    # the attacker asks from one address for many mobiles (many user IDs)
    issued = 0
    for n in range(BUDGET // settings.OTP_MAX_ATTEMPTS):
        try:
            challenge = issue(mobile=f"98765{n:05d}")
        except OtpRateLimited:
            break
        issued += 1
        code = code_sent_to(f"98765{n:05d}")
        for m in range(settings.OTP_MAX_ATTEMPTS):
            with pytest.raises(OtpError):
                otp_verify(token=challenge.token, purpose=PURPOSE, code=wrong_code(code, m + 1))
        with pytest.raises(OtpError):
            otp_verify(token=challenge.token, purpose=PURPOSE, code=code)

    assert issued == settings.OTP_HOURLY_CAP_PER_CLIENT
