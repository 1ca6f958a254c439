"""Linking a member's own mobile number, confirmed by an OTP sent to it: the number that
citizen sign-in (and migration) send their OTPs to. Only an e-KYC'd member may have one."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit.services import audit_record
from core.validators import normalize_indian_mobile
from identity.actors import Actor
from identity.citizen import mask_mobile
from identity.ekyc import require_member_access
from identity.models import MemberEkyc, MobileLink, OtpChallenge
from identity.otp import OtpError, OtpRateLimited, otp_issue, otp_verify
from officials.models import Official
from registry.models import Member

MOBILE_LINK_PURPOSE = "mobile_link"
MOBILE_LINK_LABEL = gettext_lazy("linking a mobile number")


def _require_ekyc(member: Member) -> None:
    if not MemberEkyc.objects.filter(member=member).exists():
        raise ValidationError(
            _(
                "Only a member whose Aadhaar e-KYC is complete can link a mobile number. "
                "Complete the member's e-KYC first."
            ),
            code="ekyc_required",
        )


def mobile_link_request(
    *, actor: Actor, member: Member, mobile: str, client: str, language: str
) -> OtpChallenge:
    """Send an OTP to the mobile to be linked. ValidationError for a member without e-KYC, a
    number that is not an Indian mobile, or too many OTPs."""
    require_member_access(actor, member)
    _require_ekyc(member)
    try:
        number = normalize_indian_mobile(mobile)
    except ValidationError as exc:
        raise ValidationError({"mobile": exc.messages}) from None
    try:
        return otp_issue(
            purpose=MOBILE_LINK_PURPOSE,
            purpose_label=MOBILE_LINK_LABEL,
            subject=member.member_id,
            mobile=number,
            client_address=client,
            language=language,
        )
    except OtpRateLimited as refusal:
        raise ValidationError(str(refusal), code="otp_rate_limited") from None


def mobile_link_confirm(*, actor: Actor, member: Member, token: str, code: str) -> MobileLink:
    """On the right OTP, link (or replace) the member's mobile: audited, in one transaction."""
    require_member_access(actor, member)
    _require_ekyc(member)
    try:
        challenge = otp_verify(token=token, purpose=MOBILE_LINK_PURPOSE, code=code)
    except OtpError as refusal:
        raise ValidationError({"code": str(refusal)}) from None
    if challenge.subject != member.member_id:
        raise ValidationError({"code": _("This OTP is no longer valid. Ask for a new one.")})
    with transaction.atomic():
        # Locked so that two confirmations for one member cannot both create a link.
        link = MobileLink.objects.select_for_update().filter(member=member).first()
        before = mask_mobile(link.mobile) if link else None
        link = link or MobileLink(member=member)
        link.mobile = challenge.mobile
        link.linked_at = timezone.now()
        link.linked_by = actor if isinstance(actor, Official) else None
        link.save()
        audit_record(
            actor=actor,
            event_type="member.mobile_linked",
            subject=member,
            changes={"mobile": [before, mask_mobile(link.mobile)]},
            area=member.family.area,
        )
    return link
