"""Issuing OTPs in tests and reading their codes from the SMS outbox, as a user would."""

import re
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from identity.models import OtpChallenge
from identity.otp import otp_issue
from sms.models import SmsKind, SmsMessage

PURPOSE = "test_sign_in"
MOBILE = "9876543210"
CLIENT = "203.0.113.7"


def issue(
    mobile: str = MOBILE, client: str = CLIENT, subject: str = "42", asked_for: str = ""
) -> OtpChallenge:
    """An OTP for ``subject``, asked for by typing ``asked_for`` (by default the subject and the
    mobile: each mobile is its own identifiers)."""
    return otp_issue(
        purpose=PURPOSE,
        purpose_label="sign-in",
        subject=subject,
        mobile=mobile,
        client_address=client,
        language="en",
        asked_for=asked_for or f"{subject}:{mobile}",
    )


def code_sent_to(mobile: str = MOBILE) -> str:
    """The code in the latest OTP SMS to the mobile."""
    sms = SmsMessage.objects.filter(mobile=mobile, kind=SmsKind.OTP).order_by("-id").first()
    assert sms is not None, "no OTP SMS was sent"
    codes = re.findall(r"(?<!\d)\d{6}(?!\d)", sms.text)
    assert len(codes) == 1, sms.text
    return codes[0]


def wrong_code(code: str, offset: int = 1) -> str:
    return f"{(int(code) + offset) % 10**6:06d}"


def wait_past_resend() -> None:
    """Move every challenge back past the resend wait, staying within the hour."""
    OtpChallenge.objects.update(
        created_at=timezone.now() - timedelta(seconds=settings.OTP_RESEND_SECONDS + 1)
    )
