"""The sandbox's biometric authentication: 300 for a mismatch, 330 for locked biometrics."""

import pytest

from identity.uidai import UidaiError
from identity.uidai.sandbox import SandboxUidai
from tests.uidai.support import resident

RAMESH = resident("Ramesh Kumar")
MOHAN = resident("Mohan Singh")  # biometrics locked
KAMLA = resident("Kamla Bai")  # biometric never matches


@pytest.mark.parametrize("modality", ["finger", "iris"])
def test_the_enrolled_capture_authenticates(modality):
    capture = SandboxUidai.enrolled_capture(RAMESH.aadhaar, modality)

    auth = SandboxUidai().authenticate_biometric(RAMESH.aadhaar, modality, capture)

    assert auth.method == "biometric"
    assert auth.txn


def test_another_capture_is_a_mismatch_300():
    capture = SandboxUidai.enrolled_capture(resident("Sita Devi").aadhaar, "finger")

    with pytest.raises(UidaiError) as caught:
        SandboxUidai().authenticate_biometric(RAMESH.aadhaar, "finger", capture)

    assert caught.value.code == "300"


def test_a_finger_capture_does_not_pass_for_an_iris():
    capture = SandboxUidai.enrolled_capture(RAMESH.aadhaar, "finger")

    with pytest.raises(UidaiError, match="300"):
        SandboxUidai().authenticate_biometric(RAMESH.aadhaar, "iris", capture)


def test_locked_biometrics_answer_330():
    capture = SandboxUidai.enrolled_capture(MOHAN.aadhaar, "finger")

    with pytest.raises(UidaiError) as caught:
        SandboxUidai().authenticate_biometric(MOHAN.aadhaar, "finger", capture)

    assert caught.value.code == "330"


@pytest.mark.django_db
def test_locked_biometrics_still_allow_the_otp():
    from tests.uidai.support import otp_sent_to

    uidai = SandboxUidai()
    txn = uidai.request_otp(MOHAN.aadhaar)

    assert uidai.authenticate_otp(MOHAN.aadhaar, txn, otp_sent_to(MOHAN.mobile)).method == "otp"


@pytest.mark.parametrize("modality", ["finger", "iris"])
def test_a_resident_whose_biometric_never_matches_gets_300(modality):
    capture = SandboxUidai.enrolled_capture(KAMLA.aadhaar, modality)

    with pytest.raises(UidaiError, match="300"):
        SandboxUidai().authenticate_biometric(KAMLA.aadhaar, modality, capture)


def test_an_unknown_modality_is_a_programming_error():
    with pytest.raises(ValueError, match="modality"):
        SandboxUidai().authenticate_biometric(RAMESH.aadhaar, "face", b"x")  # type: ignore[arg-type]
