import pytest
from django.utils import translation

from identity.uidai import UidaiError, UidaiTimeout, uidai_effective_code, uidai_failure_message


@pytest.mark.parametrize(
    ("failure", "effective", "words"),
    [
        (UidaiError("400"), "400", "OTP is not correct"),
        (UidaiError("300"), "300", "did not match"),
        (UidaiError("330"), "330", "locked their biometrics"),
        (UidaiError("998"), "998", "Check the 12 digits"),
        (UidaiError("999"), "999", "could not process"),
        (UidaiError("K-100"), "K-100", "authentication failed"),
        (UidaiError("K-100", auth_code="400"), "400", "OTP is not correct"),
        (UidaiError("K-100", auth_code="330"), "330", "locked their biometrics"),
        (UidaiError("561"), "561", "could not process"),
        (UidaiTimeout(), "timeout", "did not answer in time"),
    ],
)
def test_every_failure_has_a_clear_message(failure, effective, words):
    assert uidai_effective_code(failure) == effective
    with translation.override("en"):
        assert words in uidai_failure_message(failure)
