import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from identity.vault import aadhaar_validate
from tests.uidai.support import valid_aadhaar


def test_it_accepts_a_valid_number_with_or_without_spaces():
    number = valid_aadhaar(1)

    assert aadhaar_validate(number) == number
    assert aadhaar_validate(f"{number[:4]} {number[4:8]} {number[8:]}") == number
    assert aadhaar_validate(f"{number[:4]}-{number[4:8]}-{number[8:]}") == number


def _wrong_check_digit(number: str) -> str:
    return number[:-1] + str((int(number[-1]) + 1) % 10)


@pytest.mark.parametrize(
    ("value", "code", "message"),
    [
        (_wrong_check_digit(valid_aadhaar(1)), "aadhaar_checksum", "a digit is probably mistyped"),
        (valid_aadhaar(1)[:11], "aadhaar_format", "has 12 digits"),
        ("1" + valid_aadhaar(1)[1:], "aadhaar_format", "does not begin with 0 or 1"),
        ("0" + valid_aadhaar(1)[1:], "aadhaar_format", "does not begin with 0 or 1"),
        ("52347ABCDEFG", "aadhaar_format", "has 12 digits"),
        ("", "aadhaar_format", "has 12 digits"),
    ],
)
def test_it_rejects_a_number_that_is_not_an_aadhaar(value, code, message):
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        aadhaar_validate(value)

    error = caught.value.error_dict["aadhaar"][0]
    assert error.code == code
    with translation.override("en"):
        assert message in str(error.message)
