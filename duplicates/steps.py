"""What every step of a duplicate case shares: the officer check, the locks in primary-key
order, the member's status change with its audit row, and the SMS to the family."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import audit_record
from duplicates.models import DuplicateCase
from identity.actors import Citizen
from officials import jurisdiction
from officials.models import Official, Role
from registry.models import Member, MemberStatus
from sms.services import sms_queue
from updates.services import family_sms_to


def reason_given(reason: str) -> str:
    reason = " ".join(reason.split())
    if len(reason) < 5:
        raise ValidationError({"reason": _("Give the reason: what you checked, and with whom.")})
    return reason


def require_officer(actor: Official) -> None:
    """Only a local body officer resolves duplicates (field officials report them)."""
    if actor.role != Role.LOCAL_BODY_OFFICER or not actor.is_active:
        raise PermissionDenied


def lock_members(*members: Member) -> dict[int, Member]:
    """The members, locked in primary-key order (PostgreSQL): every step locks in the same
    order, so two steps on the same people wait for each other instead of deadlocking.
    ``merged_into`` is read after the lock, not joined to it: a row joined to a locked one keeps
    the version from before the wait, and would hide a merge made meanwhile."""
    pks = sorted({m.pk for m in members})
    locked = (
        Member.objects.select_for_update(of=("self",))
        .select_related("family__area__local_body")
        .filter(pk__in=pks)
        .order_by("pk")
    )
    return {m.pk: m for m in locked}


def lock_case(case: DuplicateCase) -> DuplicateCase:
    return DuplicateCase.objects.select_for_update(of=("self",)).get(pk=case.pk)


def in_jurisdiction(actor: Official, member: Member) -> bool:
    return jurisdiction.scope(actor, Member.objects.filter(pk=member.pk)).exists()


def require_case_in_jurisdiction(actor: Official, case: DuplicateCase) -> None:
    if not jurisdiction.scope(actor, DuplicateCase.objects.filter(pk=case.pk)).exists():
        raise PermissionDenied


def refuse_retired(member: Member, field: str | None = None) -> None:
    if member.status == MemberStatus.MERGED and member.merged_into is not None:
        message = _("Member ID %(old)s was merged into %(new)s.") % {
            "old": member.member_id,
            "new": member.merged_into.member_id,
        }
        raise ValidationError({field: message} if field else message, code="retired")


def officer_of(member: Member) -> Official | None:
    """Who holds an objected case: the (first) active officer of the member's local body."""
    return (
        Official.objects.filter(
            role=Role.LOCAL_BODY_OFFICER,
            local_body_id=member.family.area.local_body_id,
            is_active=True,
        )
        .order_by("pk")
        .first()
    )


def tell_family(member: Member, kind: str, **params: str) -> None:
    """An SMS about ``member`` to its family, queued in the transaction, sent after commit."""
    recipient = family_sms_to(member.family)
    if recipient is None:
        return
    mobile, language = recipient
    sms_queue(
        kind=kind,
        mobile=mobile,
        language=language,
        params={"member_id": member.member_id, "family_id": member.family.family_id, **params},
        local_body=member.family.area.local_body,
    )


def set_status(member: Member, status: str, merged_into: Member | None = None) -> list[str | None]:
    """Change the member's status; old status, old merged-into ID, new status, new ID."""
    old = [member.status, member.merged_into.member_id if member.merged_into else None]
    member.status, member.merged_into = status, merged_into
    member.save(update_fields=["status", "merged_into"])
    return [*old, status, merged_into.member_id if merged_into else None]


def audit_member(
    actor: Official | Citizen | None,
    member: Member,
    event: str,
    case: DuplicateCase,
    change: list[str | None] | None,
    **extra: list[object],
) -> None:
    changes: dict[str, list[object]] = {"case": [None, str(case)], **extra}
    if change is not None:
        changes["status"] = [change[0], change[2]]
        if change[1] != change[3]:
            changes["merged_into"] = [change[1], change[3]]
    audit_record(
        actor=actor,
        event_type=event,
        subject=member,
        area=member.family.area,
        changes=changes,
    )


def close(case: DuplicateCase, status: str) -> None:
    case.status = status
    case.holder = None
    case.held_since = timezone.now()
    case.save(update_fields=["status", "holder", "held_since"])
