"""Following a request without signing in first: the request number and an OTP to the linked
mobile of the member who made it. A right OTP opens that request's status page and nothing else
(identity.citizen.citizen_scoped_login): withdrawing, correcting and the family's pages need the
citizen sign-in. As at citizen sign-in, an unknown number gets the same answer as a real one: a
masked mobile that looks real, an OTP no code opens, and the same waits and caps."""

from django.utils.crypto import salted_hmac
from django.utils.translation import gettext, gettext_lazy

from identity.actors import Citizen
from identity.citizen import linked_mobile, mask_mobile
from identity.otp import NO_LONGER_VALID, OtpError, otp_issue, otp_verify
from migration.models import MigrationRequest
from registry.selectors import surviving_family_id

PURPOSE = "migration_status"


def _decoy(number: str) -> str:
    digest = salted_hmac("samagra.migration.decoy", number).hexdigest()
    return "******" + f"{int(digest[:8], 16) % 10_000:04d}"


def _requester(number: str) -> tuple[Citizen, str] | None:
    """Who made request ``number`` (the family as the request names it) and the Family ID whose
    member's linked mobile gets the OTP: the same, or the one it was merged into since (its
    members are there now, updates.kinds.merge_families)."""
    request = (
        MigrationRequest.objects.filter(number=number)
        .select_related("family")
        .only(
            "family__family_id", "family__status", "family__merged_into", "requested_by_member_id"
        )
        .first()
    )
    if request is None:
        return None
    family = request.family
    citizen = Citizen(family_id=family.family_id, member_id=request.requested_by_member_id)
    return citizen, surviving_family_id(family) or family.family_id


def status_scope(number: str) -> str:
    """The narrower session a status OTP opens: this request's status page."""
    return f"{PURPOSE}:{number}"


def migration_status_start(*, number: str, client: str, language: str) -> tuple[str, str]:
    """Send the OTP for following request ``number``; returns (challenge token, masked mobile).
    Raises OtpRateLimited with the truth, the same for a number that does not exist."""
    requester = _requester(number)
    # Looked up for an unknown number too (as IDs nobody has): the same queries either way.
    family_id, member_id = (requester[1], requester[0].member_id) if requester else ("", "")
    mobile = linked_mobile(family_id, member_id) or ""
    challenge = otp_issue(
        purpose=PURPOSE,
        purpose_label=gettext_lazy("following a migration request"),
        subject=number if mobile else "",
        mobile=mobile,
        client_address=client,
        language=language,
        asked_for=number,
    )
    return challenge.token, mask_mobile(mobile) if mobile else _decoy(number)


def migration_status_verify(*, token: str, code: str) -> tuple[Citizen, str]:
    """The member the OTP proves and the request number, or OtpError."""
    challenge = otp_verify(token=token, purpose=PURPOSE, code=code)
    requester = _requester(challenge.subject)
    if requester is None or (
        linked_mobile(requester[1], requester[0].member_id) != challenge.mobile
    ):
        raise OtpError(gettext(NO_LONGER_VALID))
    return requester[0], challenge.subject
