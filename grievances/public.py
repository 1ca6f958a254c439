"""Filing a grievance without signing in: the Family ID, then an OTP to the family's linked
mobile (its head's, or else the first living member's whose e-KYC is complete). A right OTP
opens the family's grievance pages and nothing else (identity.citizen.citizen_scoped_login):
not the family's own pages, which need the citizen sign-in. As at citizen sign-in and in
migration.status, an unknown Family ID gets the same answer as a real one: a masked mobile that
looks real, an OTP no code opens, and the same waits and caps."""

from django.db.models import Case, IntegerField, Value, When
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext, gettext_lazy

from identity.actors import Citizen
from identity.citizen import linked_mobile, mask_mobile
from identity.models import MobileLink
from identity.otp import NO_LONGER_VALID, OtpError, otp_issue, otp_verify
from registry import ids
from registry.models import Relation
from registry.selectors import COUNTED_STATUSES

PURPOSE = "grievance_family"
# The narrower session's scope: the family's grievance pages (which family is in the session).
SCOPE = "grievances"


def grievance_scope(**_kwargs: object) -> str:
    """The scope every grievance page of the family accepts (core.authz.citizens_or_scope)."""
    return SCOPE


def _decoy(family_id: str) -> str:
    digest = salted_hmac("samagra.grievance.decoy", family_id).hexdigest()
    return "******" + f"{int(digest[:8], 16) % 10_000:04d}"


def family_contact(family_id: str) -> tuple[str, str] | None:
    """The member whose linked mobile stands for the family, and that mobile: the living head's
    if their e-KYC is complete and a mobile is linked, else the first such living member's.
    One query, made for an ID that cannot exist too, so that it costs the same."""
    head_first = Case(
        When(member__relation=Relation.HEAD, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    row = (
        MobileLink.objects.filter(
            member__family__family_id=family_id,
            member__ekyc__isnull=False,
            member__is_deceased=False,
            member__status__in=COUNTED_STATUSES,
        )
        .annotate(head_first=head_first)
        .order_by("head_first", "member_id")
        .values_list("member__member_id", "mobile")
        .first()
    )
    if row is None or not ids.is_valid_family_id(family_id):
        return None
    return row[0], row[1]


def grievance_otp_start(*, family_id: str, client: str, language: str) -> tuple[str, str]:
    """Send the OTP that opens the family's grievances; returns (challenge token, masked
    mobile). Raises OtpRateLimited with the truth, the same for a Family ID that does not
    exist."""
    family_id = family_id.strip()
    contact = family_contact(family_id)
    member_id, mobile = contact or ("", "")
    challenge = otp_issue(
        purpose=PURPOSE,
        purpose_label=gettext_lazy("filing a grievance"),
        subject=f"{family_id}:{member_id}" if mobile else "",
        mobile=mobile,
        client_address=client,
        language=language,
        asked_for=family_id,
    )
    return challenge.token, mask_mobile(mobile) if mobile else _decoy(family_id)


def grievance_otp_verify(*, token: str, code: str) -> Citizen:
    """The family (and the member whose mobile got the OTP) the OTP proves, or OtpError. The
    member must still have that mobile linked (a link changed meanwhile voids the OTP)."""
    challenge = otp_verify(token=token, purpose=PURPOSE, code=code)
    family_id, _sep, member_id = challenge.subject.partition(":")
    if linked_mobile(family_id, member_id) != challenge.mobile:
        raise OtpError(gettext(NO_LONGER_VALID))
    return Citizen(family_id=family_id, member_id=member_id)
