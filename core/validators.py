import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

INVALID_MOBILE = _("Enter a valid 10-digit Indian mobile number.")


def normalize_indian_mobile(raw: str) -> str:
    """The 10-digit national form of an Indian mobile number, or ValidationError."""
    try:
        number = phonenumbers.parse((raw or "").strip(), "IN")
    except phonenumbers.NumberParseException:
        raise ValidationError(INVALID_MOBILE, code="invalid_mobile") from None
    kind = phonenumbers.number_type(number)
    if (
        number.country_code != 91
        or not phonenumbers.is_valid_number(number)
        or kind
        not in (
            phonenumbers.PhoneNumberType.MOBILE,
            phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
        )
    ):
        raise ValidationError(INVALID_MOBILE, code="invalid_mobile")
    national = str(number.national_number)
    if len(national) != 10:
        raise ValidationError(INVALID_MOBILE, code="invalid_mobile")
    return national
