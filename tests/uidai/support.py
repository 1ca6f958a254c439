"""Helpers shared by the UIDAI and e-KYC tests."""

import re

from identity.uidai.residents import RESIDENTS, Resident
from sms.models import SmsKind, SmsMessage


def resident(name: str) -> Resident:
    return next(r for r in RESIDENTS if r.name == name)


def otp_sent_to(mobile: str) -> str:
    """The code of the latest OTP SMS to the mobile, read from the outbox as a resident would."""
    message = SmsMessage.objects.filter(mobile=mobile, kind=SmsKind.OTP).latest("created_at", "id")
    match = re.search(r"\b(\d{6})\b", message.text)
    assert match, message.text
    return match.group(1)


def wrong(code: str) -> str:
    return f"{(int(code) + 1) % 10**6:06d}"


def valid_aadhaar(serial: int) -> str:
    """A made-up Aadhaar number with a correct Verhoeff check digit (not a sandbox resident)."""
    from stdnum import verhoeff

    body = f"52347{serial:06d}"
    return body + verhoeff.calc_check_digit(body)
