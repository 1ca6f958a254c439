"""The one service for every OTP the portal sends (password reset now; citizen sign-in and
migration later). Codes come from `secrets`, are stored only as a keyed hash, expire, are usable
once, die after too many wrong tries, and are rate-limited per mobile and per client address."""

import hmac
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, override

from identity.models import OtpChallenge
from sms.models import SmsKind
from sms.services import sms_queue


class OtpError(Exception):
    """A user-facing refusal; str(error) is the message in the active language."""


class OtpRateLimited(OtpError):
    pass


class OtpMobileRateLimited(OtpRateLimited):
    """The limit of the mobile (resend wait, hourly cap) rather than of the client. Only a real
    subject has a mobile, so a caller that must not reveal whether the subject exists answers
    as if the OTP had been sent (see officials.views.auth)."""


def _hash(token: str, code: str) -> str:
    return salted_hmac("samagra.otp", f"{token}:{code}", algorithm="sha256").hexdigest()


def otp_issue(
    *,
    purpose: str,
    purpose_label: str | Promise,
    subject: str,
    mobile: str,
    client_address: str,
    language: str,
) -> OtpChallenge:
    """Create a challenge and SMS its code. With no mobile (unknown subject) nothing is sent,
    but the caller gets a challenge all the same so that nobody can tell the difference."""
    now = timezone.now()
    hour_ago = now - timedelta(hours=1)
    recent = OtpChallenge.objects.filter(created_at__gte=hour_ago)
    if client_address and recent.filter(client_address=client_address).count() >= (
        settings.OTP_HOURLY_CAP_PER_CLIENT
    ):
        raise OtpRateLimited(_("Too many OTP requests from this device. Try again in an hour."))
    if mobile:
        by_mobile = recent.filter(mobile=mobile)
        if by_mobile.count() >= settings.OTP_HOURLY_CAP_PER_MOBILE:
            raise OtpMobileRateLimited(
                _("Too many OTP requests for this mobile number. Try again in an hour.")
            )
        last = by_mobile.order_by("-created_at").first()
        if last and (now - last.created_at).total_seconds() < settings.OTP_RESEND_SECONDS:
            raise OtpMobileRateLimited(
                _("An OTP was sent a moment ago. Wait a minute before asking for another.")
            )
    token = secrets.token_urlsafe(32)
    code = f"{secrets.randbelow(10**6):06d}"
    with transaction.atomic():
        challenge = OtpChallenge.objects.create(
            token=token,
            purpose=purpose,
            subject=subject,
            mobile=mobile,
            client_address=client_address,
            code_hash=_hash(token, code) if mobile else "",
            created_at=now,
            expires_at=now + timedelta(seconds=settings.OTP_VALID_SECONDS),
        )
        if mobile:
            sms_queue(
                kind=SmsKind.OTP,
                mobile=mobile,
                language=language,
                params={
                    "purpose": _in_language(purpose_label, language),
                    "code": code,
                    "minutes": str(settings.OTP_VALID_SECONDS // 60),
                },
            )
    return challenge


def otp_verify(*, token: str, purpose: str, code: str) -> OtpChallenge:
    """Use up the challenge if the code is right; raise OtpError with the reason otherwise.

    A wrong code is counted in a committed transaction before the error is raised."""
    with transaction.atomic():
        # Locked so that two guesses at once cannot both slip under the attempt limit.
        challenge = (
            OtpChallenge.objects.select_for_update().filter(token=token, purpose=purpose).first()
        )
        error = _check(challenge, code)
        if challenge is not None and error == WRONG:
            OtpChallenge.objects.filter(pk=challenge.pk).update(attempts=F("attempts") + 1)
        elif challenge is not None and error is None:
            challenge.used_at = timezone.now()
            challenge.save(update_fields=["used_at"])
    if error is not None:
        raise OtpError(_(error))
    assert challenge is not None  # noqa: S101 (narrowing for the type checker)
    return challenge


def otp_release(*, challenge: OtpChallenge) -> None:
    """Make a challenge whose right code was just used usable again: for when the action it
    guarded was refused for another reason (a weak new password) and nothing was done."""
    OtpChallenge.objects.filter(pk=challenge.pk).update(used_at=None)


NO_LONGER_VALID = gettext_noop("This OTP is no longer valid. Ask for a new one.")
WRONG = gettext_noop("The OTP is not correct.")


def _check(challenge: OtpChallenge | None, code: str) -> str | None:
    if challenge is None or challenge.used_at is not None:
        return NO_LONGER_VALID
    if challenge.expires_at <= timezone.now():
        return gettext_noop("This OTP has expired. Ask for a new one.")
    if challenge.attempts >= settings.OTP_MAX_ATTEMPTS:
        return gettext_noop("Too many wrong tries. Ask for a new OTP.")
    if not challenge.code_hash or not hmac.compare_digest(
        challenge.code_hash, _hash(challenge.token, code.strip())
    ):
        return WRONG
    return None


def _in_language(text: str | Promise, language: str) -> str:
    """A lazy label rendered in the SMS's language, not the request's."""
    with override(language):
        return str(text)
