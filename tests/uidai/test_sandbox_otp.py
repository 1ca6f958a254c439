"""The sandbox's OTP: sent through the SMS outbox to the resident's registered mobile."""

from datetime import timedelta

import pytest
from django.utils import timezone

from identity.models import UidaiSandboxOtp
from identity.uidai import UidaiError
from identity.uidai.sandbox import SandboxUidai
from sms.models import SmsKind, SmsMessage
from tests.uidai.support import otp_sent_to, resident, wrong

pytestmark = pytest.mark.django_db
RAMESH = resident("Ramesh Kumar")
SITA = resident("Sita Devi")


def test_it_sends_the_otp_to_the_registered_mobile_through_the_outbox():
    SandboxUidai().request_otp(RAMESH.aadhaar)

    message = SmsMessage.objects.get()
    assert (message.kind, message.mobile) == (SmsKind.OTP, RAMESH.mobile)
    assert "Aadhaar" in message.text or "आधार" in message.text
    assert RAMESH.aadhaar not in message.text
    assert "******" in message.redacted_text


def test_it_authenticates_with_the_right_otp():
    uidai = SandboxUidai()
    txn = uidai.request_otp(RAMESH.aadhaar)

    auth = uidai.authenticate_otp(RAMESH.aadhaar, txn, otp_sent_to(RAMESH.mobile))

    assert (auth.txn, auth.method) == (txn, "otp")


def test_it_answers_400_to_a_wrong_otp():
    uidai = SandboxUidai()
    txn = uidai.request_otp(RAMESH.aadhaar)

    with pytest.raises(UidaiError) as caught:
        uidai.authenticate_otp(RAMESH.aadhaar, txn, wrong(otp_sent_to(RAMESH.mobile)))

    assert caught.value.code == "400"
    assert UidaiSandboxOtp.objects.get(txn=txn).attempts == 1


def test_an_otp_works_only_once():
    uidai = SandboxUidai()
    txn = uidai.request_otp(RAMESH.aadhaar)
    code = otp_sent_to(RAMESH.mobile)
    uidai.authenticate_otp(RAMESH.aadhaar, txn, code)

    with pytest.raises(UidaiError, match="400"):
        uidai.authenticate_otp(RAMESH.aadhaar, txn, code)


def test_an_otp_is_only_for_the_number_it_was_sent_for():
    uidai = SandboxUidai()
    txn = uidai.request_otp(RAMESH.aadhaar)

    with pytest.raises(UidaiError, match="400"):
        uidai.authenticate_otp(SITA.aadhaar, txn, otp_sent_to(RAMESH.mobile))


def test_an_expired_otp_is_refused():
    uidai = SandboxUidai()
    txn = uidai.request_otp(RAMESH.aadhaar)
    UidaiSandboxOtp.objects.filter(txn=txn).update(expires_at=timezone.now() - timedelta(seconds=1))

    with pytest.raises(UidaiError, match="400"):
        uidai.authenticate_otp(RAMESH.aadhaar, txn, otp_sent_to(RAMESH.mobile))


def test_three_wrong_tries_void_the_otp():
    uidai = SandboxUidai()
    txn = uidai.request_otp(RAMESH.aadhaar)
    code = otp_sent_to(RAMESH.mobile)
    for _ in range(3):
        with pytest.raises(UidaiError):
            uidai.authenticate_otp(RAMESH.aadhaar, txn, wrong(code))

    with pytest.raises(UidaiError, match="400"):
        uidai.authenticate_otp(RAMESH.aadhaar, txn, code)


def test_an_unknown_txn_is_refused():
    with pytest.raises(UidaiError, match="400"):
        SandboxUidai().authenticate_otp(RAMESH.aadhaar, "SBXnothing", "123456")


def test_it_keeps_no_aadhaar_number_in_its_state():
    SandboxUidai().request_otp(RAMESH.aadhaar)

    sent = UidaiSandboxOtp.objects.get()
    assert RAMESH.aadhaar not in f"{sent.txn} {sent.resident_key} {sent.code_hash}"
    assert sent.resident_key == RAMESH.key
