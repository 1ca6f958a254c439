"""Following a request without signing in: its number, the mobile given in it, and an OTP to
that mobile (tracking.requests names the one mobile each request may be followed from). A number
that does not exist, or a mobile that is not the request's, gets the same answer as a real one:
"an OTP has been sent to ******1234" (the mobile typed), and a challenge no code opens, with the
same waits and caps (identity.otp)."""

from django.utils.translation import gettext, gettext_lazy

from core.validators import normalize_indian_mobile
from identity.citizen import mask_mobile
from identity.otp import NO_LONGER_VALID, OtpError, otp_issue, otp_verify
from tracking.requests import find

PURPOSE = "track_request"


def _normal(number: str) -> str:
    return "".join(number.split()).upper()[:20]


def follow_start(*, number: str, mobile: str, client: str, language: str) -> tuple[str, str]:
    """Send the OTP; returns (challenge token, the masked mobile). ValidationError for a mobile
    that is not an Indian mobile; OtpRateLimited past the waits and caps."""
    mobile = normalize_indian_mobile(mobile)
    number = _normal(number)
    found = find(number)
    real = found is not None and found[1] == mobile
    challenge = otp_issue(
        purpose=PURPOSE,
        purpose_label=gettext_lazy("following a request"),
        subject=number if real else "",
        mobile=mobile if real else "",
        client_address=client,
        language=language,
        asked_for=number,
    )
    return challenge.token, mask_mobile(mobile)


def follow_verify(*, token: str, code: str) -> str:
    """The number the OTP opens (OtpError: wrong, expired, used, or the request's mobile has
    changed since)."""
    challenge = otp_verify(token=token, purpose=PURPOSE, code=code)
    found = find(challenge.subject)
    if found is None or found[1] != challenge.mobile:
        raise OtpError(gettext(NO_LONGER_VALID))
    return found[0].number
