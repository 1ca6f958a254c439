"""Following a request without signing in first: the request number and an OTP to the linked
mobile of the member who made it. A right OTP signs that member in (a citizen session of the
family), so the status page is the family's own page. As at citizen sign-in, an unknown number
gets the same answer as a real one: a masked mobile that looks real and an OTP no code opens."""

from django.utils.crypto import salted_hmac
from django.utils.translation import gettext, gettext_lazy

from identity.actors import Citizen
from identity.citizen import linked_mobile, mask_mobile
from identity.otp import NO_LONGER_VALID, OtpError, OtpMobileRateLimited, otp_issue, otp_verify
from migration.models import MigrationRequest

PURPOSE = "migration_status"


def _decoy(number: str) -> str:
    digest = salted_hmac("samagra.migration.decoy", number).hexdigest()
    return "******" + f"{int(digest[:8], 16) % 10_000:04d}"


def _requester(number: str) -> Citizen | None:
    request = (
        MigrationRequest.objects.filter(number=number)
        .select_related("family")
        .only("family__family_id", "requested_by_member_id")
        .first()
    )
    if request is None:
        return None
    return Citizen(family_id=request.family.family_id, member_id=request.requested_by_member_id)


def migration_status_start(*, number: str, client: str, language: str) -> tuple[str, str]:
    """Send the OTP for following request ``number``; returns (challenge token, masked mobile).
    Raises OtpRateLimited for the client's cap only."""
    requester = _requester(number)
    mobile = linked_mobile(requester.family_id, requester.member_id) if requester else None

    def issue(to: str) -> str:
        return otp_issue(
            purpose=PURPOSE,
            purpose_label=gettext_lazy("following a migration request"),
            subject=number if to else "",
            mobile=to,
            client_address=client,
            language=language,
        ).token

    try:
        token = issue(mobile or "")
    except OtpMobileRateLimited:
        token = issue("")
    return token, mask_mobile(mobile) if mobile else _decoy(number)


def migration_status_verify(*, token: str, code: str) -> tuple[Citizen, str]:
    """The member the OTP proves and the request number, or OtpError."""
    challenge = otp_verify(token=token, purpose=PURPOSE, code=code)
    requester = _requester(challenge.subject)
    if requester is None or (
        linked_mobile(requester.family_id, requester.member_id) != challenge.mobile
    ):
        raise OtpError(gettext(NO_LONGER_VALID))
    return requester, challenge.subject
