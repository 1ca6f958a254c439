"""Citizen sign-in: a Family ID and the Member ID of an e-KYC'd member of it, an OTP to that
member's linked mobile, then a short session limited to that one family.

Nothing in the answers tells whether an ID exists: an unknown pair gets the same page, with a
masked mobile that looks real (derived from the IDs, so it is the same on every try), and an
OTP that no code opens."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext, gettext_lazy

from identity.actors import Citizen
from identity.models import MobileLink, OtpChallenge
from identity.otp import NO_LONGER_VALID, OtpError, OtpMobileRateLimited, otp_issue, otp_verify
from registry import ids

SIGN_IN_PURPOSE = "citizen_sign_in"
SESSION_KEY = "samagra_citizen"


@dataclass(frozen=True)
class SignInChallenge:
    token: str
    masked_mobile: str


def mask_mobile(mobile: str) -> str:
    return "******" + mobile[-4:]


def _decoy_mobile(family_id: str, member_id: str) -> str:
    digest = salted_hmac("samagra.citizen.decoy", f"{family_id}:{member_id}").hexdigest()
    return f"{int(digest[:8], 16) % 10_000:04d}"


def linked_mobile(family_id: str, member_id: str) -> str | None:
    """The linked mobile of that member of that family, if the member's e-KYC is complete."""
    if not (ids.is_valid_family_id(family_id) and ids.is_valid_member_id(member_id)):
        return None
    link = (
        MobileLink.objects.filter(
            member__member_id=member_id,
            member__family__family_id=family_id,
            member__ekyc__isnull=False,
        )
        .only("mobile")
        .first()
    )
    return link.mobile if link else None


def citizen_sign_in_start(
    *, family_id: str, member_id: str, client: str, language: str, earlier_token: str = ""
) -> SignInChallenge:
    """Send the sign-in OTP. Raises OtpRateLimited (the client's cap) — the only refusal,
    which says nothing about the IDs. A limit of the mobile itself (resend wait, hourly cap)
    is not told: the browser keeps its earlier OTP for the same member, or gets one that no
    code opens, as for an unknown member."""
    family_id, member_id = family_id.strip(), member_id.strip()
    mobile = linked_mobile(family_id, member_id)
    subject = f"{family_id}:{member_id}" if mobile else ""
    masked = mask_mobile(mobile) if mobile else "******" + _decoy_mobile(family_id, member_id)

    def issue(to: str) -> str:
        return otp_issue(
            purpose=SIGN_IN_PURPOSE,
            purpose_label=gettext_lazy("sign-in"),
            subject=subject if to else "",
            mobile=to,
            client_address=client,
            language=language,
        ).token

    try:
        token = issue(mobile or "")
    except OtpMobileRateLimited:
        token = issue("")
        if (
            subject
            and OtpChallenge.objects.filter(
                token=earlier_token, subject=subject, purpose=SIGN_IN_PURPOSE
            ).exists()
        ):
            token = earlier_token
    return SignInChallenge(token=token, masked_mobile=masked)


def citizen_sign_in_verify(*, token: str, code: str) -> Citizen:
    """The citizen the OTP proves, or OtpError. The member must still be e-KYC'd with that
    mobile linked (a link changed meanwhile voids the OTP)."""
    challenge = otp_verify(token=token, purpose=SIGN_IN_PURPOSE, code=code)
    family_id, _sep, member_id = challenge.subject.partition(":")
    if linked_mobile(family_id, member_id) != challenge.mobile:
        raise OtpError(gettext(NO_LONGER_VALID))
    return Citizen(family_id=family_id, member_id=member_id)


def citizen_login(request: HttpRequest, citizen: Citizen) -> None:
    """Start a citizen session (and end any official's session in this browser)."""
    if request.user.is_authenticated:
        logout(request)
    request.session.cycle_key()
    expires = timezone.now() + timedelta(seconds=settings.CITIZEN_SESSION_SECONDS)
    request.session[SESSION_KEY] = {
        "family_id": citizen.family_id,
        "member_id": citizen.member_id,
        "expires": expires.isoformat(),
    }


def current_citizen(request: HttpRequest) -> Citizen | None:
    data = getattr(request, "session", {}).get(SESSION_KEY)
    if not data:
        return None
    if datetime.fromisoformat(data["expires"]) <= timezone.now():
        citizen_logout(request)
        return None
    return Citizen(family_id=data["family_id"], member_id=data["member_id"])


def citizen_logout(request: HttpRequest) -> None:
    request.session.pop(SESSION_KEY, None)
    request.session.cycle_key()
