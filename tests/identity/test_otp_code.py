"""The code: six random digits, sent by SMS, kept only as a keyed hash."""

import pytest
from django.conf import settings

from identity.models import OtpChallenge
from identity.otp import OtpError, otp_verify
from sms.models import SmsKind, SmsMessage
from tests.identity.support import MOBILE, PURPOSE, code_sent_to, issue

pytestmark = pytest.mark.django_db


def test_the_code_has_six_digits() -> None:
    issue()

    code = code_sent_to()

    assert len(code) == 6 and code.isdigit()


def test_the_sms_says_how_long_the_code_is_valid() -> None:
    issue()

    sms = SmsMessage.objects.get(mobile=MOBILE, kind=SmsKind.OTP)
    assert str(settings.OTP_VALID_SECONDS // 60) in sms.text
    assert "sign-in" in sms.text


def test_the_code_is_never_stored_in_the_challenge() -> None:
    challenge = issue()
    code = code_sent_to()

    stored = (
        OtpChallenge.objects.filter(pk=challenge.pk)
        .values("token", "purpose", "subject", "client_address", "code_hash")
        .get()
    )

    assert all(code not in str(value) for value in stored.values())
    assert len(stored["code_hash"]) == 64
    int(stored["code_hash"], 16)  # a hex digest


def test_the_stored_copy_of_the_sms_has_the_code_blanked() -> None:
    issue()
    code = code_sent_to()

    sms = SmsMessage.objects.get(mobile=MOBILE, kind=SmsKind.OTP)
    assert code not in sms.redacted_text


def test_the_same_code_gives_different_hashes_for_different_challenges() -> None:
    # the hash is keyed by the challenge's token, so a table of hashes of all 10^6 codes
    # computed once does not open every challenge
    first = issue(mobile="9876543210")
    second = issue(mobile="9876543211")
    first.refresh_from_db()  # the code and its hash are drawn by the worker (otp_send)
    second.refresh_from_db()

    assert first.code_hash != second.code_hash
    assert first.token != second.token


def test_codes_are_random() -> None:
    codes = set()
    for n in range(8):
        issue(mobile=f"98765432{n:02d}")
        codes.add(code_sent_to(f"98765432{n:02d}"))

    assert len(codes) >= 7


def test_the_right_code_is_accepted_and_returns_the_subject() -> None:
    challenge = issue(subject="member-123456789")

    verified = otp_verify(token=challenge.token, purpose=PURPOSE, code=code_sent_to())

    assert verified.pk == challenge.pk
    assert verified.subject == "member-123456789"


def test_spaces_around_the_code_are_ignored() -> None:
    challenge = issue()

    otp_verify(token=challenge.token, purpose=PURPOSE, code=f" {code_sent_to()} ")


def test_the_code_works_only_for_its_purpose() -> None:
    challenge = issue()

    with pytest.raises(OtpError):
        otp_verify(token=challenge.token, purpose="password_reset", code=code_sent_to())


def test_an_unknown_subject_gets_a_challenge_but_no_sms_and_no_code_opens_it() -> None:
    # given nobody behind the request (no mobile)
    challenge = issue(mobile="", subject="")

    assert challenge.token
    assert not SmsMessage.objects.exists()
    for guess in ("000000", "123456", ""):
        with pytest.raises(OtpError):
            otp_verify(token=challenge.token, purpose=PURPOSE, code=guess)
