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
from identity.models import MobileLink
from identity.otp import NO_LONGER_VALID, OtpError, otp_issue, otp_verify
from registry import ids

SIGN_IN_PURPOSE = "citizen_sign_in"
SESSION_KEY = "samagra_citizen"
# A narrower session than SESSION_KEY's: what one OTP to a member's mobile opens besides the
# family (following one migration request). Nothing that reads SESSION_KEY accepts it.
SCOPED_SESSION_KEY = "samagra_citizen_scoped"


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
    """The linked mobile of that member of that family, if the member's e-KYC is complete.
    Looked up even for IDs that cannot exist, so that those cost the same query as real ones."""
    valid = ids.is_valid_family_id(family_id) and ids.is_valid_member_id(member_id)
    link = (
        MobileLink.objects.filter(
            member__member_id=member_id,
            member__family__family_id=family_id,
            member__ekyc__isnull=False,
        )
        .only("mobile")
        .first()
    )
    return link.mobile if link and valid else None


def citizen_sign_in_start(
    *, family_id: str, member_id: str, client: str, language: str
) -> SignInChallenge:
    """Send the sign-in OTP. Raises OtpRateLimited with the truth (a wait, a cap, and until
    when), which says nothing about the IDs: requests are counted by the IDs as typed, and an
    unknown pair gets a challenge made with the same work as a real one."""
    family_id, member_id = family_id.strip(), member_id.strip()
    mobile = linked_mobile(family_id, member_id) or ""
    challenge = otp_issue(
        purpose=SIGN_IN_PURPOSE,
        purpose_label=gettext_lazy("sign-in"),
        subject=f"{family_id}:{member_id}" if mobile else "",
        mobile=mobile,
        client_address=client,
        language=language,
        asked_for=f"{family_id}:{member_id}",
    )
    masked = mask_mobile(mobile) if mobile else "******" + _decoy_mobile(family_id, member_id)
    return SignInChallenge(token=challenge.token, masked_mobile=masked)


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
    request.session.pop(SCOPED_SESSION_KEY, None)
    request.session.cycle_key()


def citizen_scoped_login(request: HttpRequest, citizen: Citizen, scope: str) -> None:
    """Open ``scope`` (a page family's own name, "migration_status:<number>") to the citizen,
    and nothing else: not the family's pages, which need citizen_login."""
    request.session.cycle_key()
    expires = timezone.now() + timedelta(seconds=settings.CITIZEN_SESSION_SECONDS)
    request.session[SCOPED_SESSION_KEY] = {
        "family_id": citizen.family_id,
        "member_id": citizen.member_id,
        "scope": scope,
        "expires": expires.isoformat(),
    }


def citizen_in_scope(request: HttpRequest, scope: str) -> Citizen | None:
    """The citizen ``scope`` was opened to in this browser, if it is still open."""
    data = getattr(request, "session", {}).get(SCOPED_SESSION_KEY)
    if not data or data.get("scope") != scope:
        return None
    if datetime.fromisoformat(data["expires"]) <= timezone.now():
        request.session.pop(SCOPED_SESSION_KEY, None)
        return None
    return Citizen(family_id=data["family_id"], member_id=data["member_id"])
