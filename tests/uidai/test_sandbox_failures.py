"""998 for numbers UIDAI does not know, 999 for its own failures, and time-outs."""

import pytest

from identity.uidai import UidaiError, UidaiTimeout
from identity.uidai.sandbox import SandboxUidai
from sms.models import SmsMessage
from tests.uidai.support import resident, valid_aadhaar

RAMESH = resident("Ramesh Kumar")
CAPTURE = b"any capture"


def _every_call(uidai: SandboxUidai, number: str) -> list:
    return [
        lambda: uidai.request_otp(number),
        lambda: uidai.authenticate_otp(number, "SBXtxn", "123456"),
        lambda: uidai.authenticate_biometric(number, "finger", CAPTURE),
        lambda: uidai.ekyc(number, "SBXtxn", "123456"),
        lambda: uidai.ekyc_biometric(number, "iris", CAPTURE),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "number",
    [
        valid_aadhaar(1),  # valid, but no such resident
        RAMESH.aadhaar[:-1] + str((int(RAMESH.aadhaar[-1]) + 1) % 10),  # fails Verhoeff
        "12345",
    ],
)
def test_a_number_it_does_not_know_is_998_everywhere(number):
    for call in _every_call(SandboxUidai(), number):
        with pytest.raises(UidaiError) as caught:
            call()
        assert caught.value.code == "998"
    assert not SmsMessage.objects.exists()


@pytest.mark.django_db
def test_a_resident_flagged_for_internal_errors_gets_999():
    for call in _every_call(SandboxUidai(), resident("Anjali Ahirwar").aadhaar):
        with pytest.raises(UidaiError) as caught:
            call()
        assert caught.value.code == "999"


@pytest.mark.django_db
def test_a_resident_flagged_to_time_out_times_out():
    for call in _every_call(SandboxUidai(), resident("Rajesh Singh").aadhaar):
        with pytest.raises(UidaiTimeout):
            call()
    assert not SmsMessage.objects.exists()


@pytest.mark.django_db
def test_the_setting_makes_every_call_time_out(settings):
    settings.UIDAI_SANDBOX_TIMEOUT = True

    for call in _every_call(SandboxUidai(), RAMESH.aadhaar):
        with pytest.raises(UidaiTimeout):
            call()
    assert not SmsMessage.objects.exists()


@pytest.mark.django_db
def test_the_attribute_makes_one_sandbox_time_out():
    uidai = SandboxUidai(time_out=True)

    with pytest.raises(UidaiTimeout):
        uidai.request_otp(RAMESH.aadhaar)
    assert SandboxUidai().request_otp(RAMESH.aadhaar)


def test_errors_never_carry_the_number():
    with pytest.raises(UidaiError) as caught:
        SandboxUidai().authenticate_biometric(RAMESH.aadhaar, "finger", CAPTURE)

    assert RAMESH.aadhaar not in str(caught.value) + repr(caught.value)
