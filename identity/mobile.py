"""Linking a member's own mobile number, confirmed by an OTP sent to it: the number that
citizen sign-in (and migration) send their OTPs to. Only an e-KYC'd member may have one.

Whoever controls that number controls the family's sign-in, so replacing it needs more than the
new number's code (identity.models.MobileChange):

* the citizen gives the code sent to the old number too (they have that phone);
* an official, on the family's behalf, only asks: the family's local body officer (never the
  one who asked) verifies the request, with a reason, before anything changes.

Either way the old number is told by SMS once the change (or the request) is committed, so a
take-over cannot go unseen. A first number needs only its own code."""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit.services import audit_record
from core.validators import normalize_indian_mobile
from identity.actors import Actor, Citizen
from identity.citizen import mask_mobile
from identity.ekyc import require_member_access
from identity.models import (
    MemberEkyc,
    MobileChange,
    MobileLink,
    OtpChallenge,
    new_mobile_change_number,
)
from identity.otp import OtpError, OtpRateLimited, otp_issue, otp_release, otp_verify
from officials.models import Official, Role
from registry.feed import ChangeKind, record_member
from registry.models import Member
from sms.models import SmsKind
from sms.reasons import CHANGE_REASONS, reason_told
from sms.services import sms_queue

MOBILE_LINK_PURPOSE = "mobile_link"
MOBILE_LINK_LABEL = gettext_lazy("linking a mobile number")
OLD_NUMBER_PURPOSE = "mobile_change_old"
OLD_NUMBER_LABEL = gettext_lazy("moving your family's sign-in from this number to another")
REASON_MAX = 300


@dataclass(frozen=True)
class LinkChallenge:
    """The OTP sent to the new number, and (a citizen replacing a number) the one sent to the
    old number."""

    token: str
    masked_mobile: str
    old_token: str = ""
    masked_old: str = ""


def _require_ekyc(member: Member) -> None:
    if not MemberEkyc.objects.filter(member=member).exists():
        raise ValidationError(
            _(
                "Only a member whose Aadhaar e-KYC is complete can link a mobile number. "
                "Complete the member's e-KYC first."
            ),
            code="ekyc_required",
        )


def pending_change(member: Member) -> MobileChange | None:
    """The member's change of number waiting for verification, if any."""
    return MobileChange.objects.filter(member=member, status=MobileChange.Status.PENDING).first()


def _reason(text: str, field: str = "reason") -> str:
    reason = " ".join(text.split())
    if not reason:
        raise ValidationError({field: _("Give the reason.")}, code="reason_required")
    return reason[:REASON_MAX]


def mobile_link_request(
    *, actor: Actor, member: Member, mobile: str, client: str, language: str
) -> LinkChallenge:
    """Send an OTP to the mobile to be linked (and, for a citizen replacing a number, one to
    the old number). ValidationError for a member without e-KYC, a number that is not an Indian
    mobile or is linked already, a change that already waits, or an OTP wait or cap."""
    require_member_access(actor, member)
    _require_ekyc(member)
    try:
        number = normalize_indian_mobile(mobile)
    except ValidationError as exc:
        raise ValidationError({"mobile": exc.messages}) from None
    link = MobileLink.objects.filter(member=member).first()
    if link is not None and link.mobile == number:
        raise ValidationError({"mobile": _("This number is linked to the member already.")})
    waiting = pending_change(member)
    if waiting is not None:
        raise ValidationError(
            _(
                "A change of this member's number (request %(number)s) waits for the local "
                "body officer's verification. It must be decided first."
            )
            % {"number": waiting.number},
            code="change_pending",
        )
    asked_for = f"{member.member_id}:{number}"
    try:
        new = otp_issue(
            purpose=MOBILE_LINK_PURPOSE,
            purpose_label=MOBILE_LINK_LABEL,
            subject=member.member_id,
            mobile=number,
            client_address=client,
            language=language,
            asked_for=asked_for,
        )
        old = None
        if link is not None and isinstance(actor, Citizen):
            old = otp_issue(
                purpose=OLD_NUMBER_PURPOSE,
                purpose_label=OLD_NUMBER_LABEL,
                subject=member.member_id,
                mobile=link.mobile,
                client_address=client,
                language=language,
                asked_for=asked_for,
            )
    except OtpRateLimited as refusal:
        raise ValidationError(str(refusal), code="otp_rate_limited") from None
    return LinkChallenge(
        token=new.token,
        masked_mobile=mask_mobile(number),
        old_token=old.token if old else "",
        masked_old=mask_mobile(old.mobile) if old else "",
    )


def _verified(token: str, purpose: str, code: str, member: Member, field: str) -> OtpChallenge:
    """The challenge, used up, if the code is right for this member; ValidationError on
    ``field`` otherwise. Runs outside any transaction: a wrong code must stay counted."""
    try:
        challenge = otp_verify(token=token, purpose=purpose, code=code)
    except OtpError as refusal:
        raise ValidationError({field: str(refusal)}) from None
    if challenge.subject != member.member_id:
        raise ValidationError({field: _("This OTP is no longer valid. Ask for a new one.")})
    return challenge


def mobile_link_confirm(
    *,
    actor: Actor,
    member: Member,
    token: str,
    code: str,
    old_token: str = "",
    old_code: str = "",
    reason: str = "",
) -> MobileChange:
    """On the right OTP (two, for a citizen replacing a number), link the member's mobile, or,
    for an official replacing one, record the request for the local body officer to verify.
    Audited in one transaction; the old number is told by SMS after it commits."""
    require_member_access(actor, member)
    _require_ekyc(member)
    replacing = MobileLink.objects.filter(member=member).exists()
    if replacing and isinstance(actor, Official):
        reason = _reason(reason)
    challenge = _verified(token, MOBILE_LINK_PURPOSE, code, member, "code")
    old_challenge = None
    if replacing and isinstance(actor, Citizen):
        try:
            old_challenge = _verified(old_token, OLD_NUMBER_PURPOSE, old_code, member, "old_code")
        except ValidationError:
            otp_release(challenge=challenge)  # the new number's code stays good for a retry
            raise
    with transaction.atomic():
        # Locked so that two confirmations for one member cannot both change the link.
        link = MobileLink.objects.select_for_update().filter(member=member).first()
        old_mobile = link.mobile if link else ""
        if old_challenge is not None and old_challenge.mobile != old_mobile:
            raise ValidationError(
                {"old_code": _("This OTP is no longer valid. Ask for a new one.")}
            )
        if link is not None and isinstance(actor, Official):
            return _change_ask(actor, member, old_mobile, challenge.mobile, reason)
        if link is not None and old_challenge is None:
            # A number was linked meanwhile: replacing it needs its own code too.
            raise ValidationError(_("The member's number has changed meanwhile. Start again."))
        proof = MobileChange.Proof.OLD_NUMBER_OTP if link else MobileChange.Proof.FIRST_LINK
        change = MobileChange.objects.create(
            number=new_mobile_change_number(),
            member=member,
            old_mobile=old_mobile,
            new_mobile=challenge.mobile,
            status=MobileChange.Status.APPLIED,
            proof=proof,
            requested_by=actor if isinstance(actor, Official) else None,
            decided_at=timezone.now(),
        )
        _apply(actor, change, link, linked_by=actor if isinstance(actor, Official) else None)
    return change


def _change_ask(
    actor: Official, member: Member, old_mobile: str, new_mobile: str, reason: str
) -> MobileChange:
    try:
        with transaction.atomic():
            change = MobileChange.objects.create(
                number=new_mobile_change_number(),
                member=member,
                old_mobile=old_mobile,
                new_mobile=new_mobile,
                status=MobileChange.Status.PENDING,
                proof=MobileChange.Proof.OFFICER,
                requested_by=actor,
                request_reason=reason,
            )
    except IntegrityError:
        # Another official's request for the same member was recorded a moment ago.
        raise ValidationError(
            _("A change of this member's number already waits for verification."),
            code="change_pending",
        ) from None
    audit_record(
        actor=actor,
        event_type="member.mobile_change_requested",
        subject=member,
        changes={
            "mobile": [mask_mobile(old_mobile), mask_mobile(new_mobile)],
            "reason": [None, reason],
            "mobile_change": [None, change.number],
        },
        area=member.family.area,
    )
    _tell_old_number(change, SmsKind.CHANGE_REQUESTED)
    return change


def _apply(
    actor: Actor, change: MobileChange, link: MobileLink | None, linked_by: Official | None
) -> None:
    """Point the member's sign-in at the change's new number (inside the caller's transaction)."""
    member = change.member
    link = link or MobileLink(member=member)
    link.mobile = change.new_mobile
    link.linked_at = timezone.now()
    link.linked_by = linked_by
    link.save()
    audit_record(
        actor=actor,
        event_type="member.mobile_linked",
        subject=member,
        changes={
            "mobile": [
                mask_mobile(change.old_mobile) if change.old_mobile else None,
                mask_mobile(change.new_mobile),
            ],
            "mobile_change": [None, change.number],
        },
        area=member.family.area,
    )
    record_member(ChangeKind.MOBILE_LINKED, member)
    if change.old_mobile:
        _tell_old_number(change, SmsKind.CHANGE_APPLIED)


def _tell_old_number(change: MobileChange, kind: str, **params: str) -> None:
    """An SMS to the number being replaced, sent once the transaction commits (sms_queue)."""
    family = change.member.family
    language = settings.LANGUAGE_CODE
    with translation.override(language):
        what = _("the mobile number of member %(member_id)s that sign-in codes go to") % {
            "member_id": change.member.member_id
        }
    sms_queue(
        kind=kind,
        mobile=change.old_mobile,
        language=language,
        params={"number": change.number, "family_id": family.family_id, "change": what, **params},
        local_body=family.area.local_body,
    )


# --- The local body officer's verification ------------------------------------------------------


def _decidable(actor: Official, change: MobileChange) -> MobileChange:
    """The request, locked, if ``actor`` may decide it: an officer of the family's local body
    who did not ask for it, while it waits."""
    if actor.role != Role.LOCAL_BODY_OFFICER or not actor.is_active:
        raise PermissionDenied
    # Locked so that an approval and a rejection at once cannot both be recorded.
    locked = (
        MobileChange.objects.select_for_update(of=("self",))
        .select_related("member__family__area")
        .filter(pk=change.pk)
        .first()
    )
    if locked is None or locked.member.family.area.local_body_id != actor.local_body_id:
        raise PermissionDenied
    if locked.status != MobileChange.Status.PENDING:
        raise ValidationError(_("This request has been decided already."), code="decided")
    if locked.requested_by_id == actor.pk:
        raise ValidationError(
            _("Another officer must verify a request you made yourself."), code="own_request"
        )
    return locked


def _close(change: MobileChange, actor: Official, status: str, reason: str) -> None:
    change.status = status
    change.decided_by = actor
    change.decided_at = timezone.now()
    change.decision_reason = reason
    change.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])


def mobile_change_approve(*, actor: Official, change: MobileChange, reason: str) -> MobileChange:
    """Verify an official's request and move the member's sign-in to the new number. The
    reason is mandatory and audited; the old number is told by SMS after commit."""
    reason = _reason(reason)
    with transaction.atomic():
        change = _decidable(actor, change)
        link = MobileLink.objects.select_for_update().filter(member=change.member).first()
        if (link.mobile if link else "") != change.old_mobile:
            raise ValidationError(
                _("The member's number has changed since this request was made. Reject it."),
                code="stale",
            )
        _close(change, actor, MobileChange.Status.APPLIED, reason)
        audit_record(
            actor=actor,
            event_type="member.mobile_change_verified",
            subject=change.member,
            changes={"reason": [None, reason], "mobile_change": [None, change.number]},
            area=change.member.family.area,
        )
        _apply(actor, change, link, linked_by=change.requested_by)
    return change


def mobile_change_reject(
    *, actor: Official, change: MobileChange, reason: str, reason_code: str = ""
) -> MobileChange:
    """Refuse an official's request; nothing changes. The reason is audited; the number that
    stays linked is told ``reason_code`` (sms.reasons; "see the status page" when none)."""
    reason = _reason(reason)
    told = reason_told(reason_code, CHANGE_REASONS)
    with transaction.atomic():
        change = _decidable(actor, change)
        _close(change, actor, MobileChange.Status.REJECTED, reason)
        change.sms_reason = told
        change.save(update_fields=["sms_reason"])
        audit_record(
            actor=actor,
            event_type="member.mobile_change_rejected",
            subject=change.member,
            changes={
                "reason": [None, reason],
                "sms_reason": [None, told],
                "mobile_change": [None, change.number],
            },
            area=change.member.family.area,
        )
        _tell_old_number(change, SmsKind.CHANGE_REJECTED, reason=told)
    return change
