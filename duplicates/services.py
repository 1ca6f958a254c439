"""Resolving a confirmed duplicate: merge, deactivation with notice, objection, reactivation.

Every step is one transaction that locks the members involved in primary-key order (so two
officials deciding the same people take turns, and the second is refused by what the first
did), writes an audit row with who, when and why, and sends its SMS after the commit."""

from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from duplicates import reports, steps, workflow
from duplicates.models import (
    CURRENT,
    CaseKind,
    CaseSource,
    CaseStatus,
    DuplicateCase,
    Ground,
    Objection,
)
from duplicates.workflow import Action
from identity.actors import Citizen
from officials import jurisdiction
from officials.models import Official
from registry.feed import ChangeKind, record_member
from registry.models import Member, MemberStatus
from scale.models import DuplicateCluster
from sms.models import SmsKind
from sms.reasons import SmsReason
from updates.services import family_sms_to


def _check_mergeable(member: Member, survivor: Member) -> None:
    if member.pk == survivor.pk:
        raise ValidationError(
            {"survivor": _("A Member ID cannot be merged into itself.")}, code="same"
        )
    steps.refuse_retired(survivor, "survivor")
    steps.refuse_retired(member)
    if survivor.status != MemberStatus.ACTIVE:
        raise ValidationError(
            {
                "survivor": _(
                    "Member ID %(id)s is inactive or under a deactivation notice: a member can "
                    "only be merged into an active one."
                )
                % {"id": survivor.member_id}
            },
            code="survivor_inactive",
        )
    if member.status != MemberStatus.ACTIVE:
        raise ValidationError(
            _(
                "Member ID %(id)s is inactive or under a deactivation notice: reactivate it or "
                "withdraw the notice before merging it."
            )
            % {"id": member.member_id},
            code="member_inactive",
        )
    if member.gender != survivor.gender:
        raise ValidationError(
            {
                "survivor": _(
                    "Member IDs %(a)s and %(b)s are of different genders: they cannot be one "
                    "person."
                )
                % {"a": member.member_id, "b": survivor.member_id}
            },
            code="gender",
        )


def survivor_in_reach(actor: Official, member_id: str) -> Member:
    """The member the officer typed as the one that stays, if it is in their local body; else
    the same refusal whether it exists elsewhere or not at all (nothing leaks across areas)."""
    found = (
        jurisdiction.scope(actor, Member.objects.select_related("merged_into", "family__area"))
        .filter(member_id=member_id.strip())
        .first()
    )
    if found is None:
        raise ValidationError(
            {
                "survivor": _(
                    "Member ID %(id)s is not in the register of your local body: you can merge "
                    "only members of the areas you hold."
                )
                % {"id": member_id.strip()}
            },
            code="outside",
        )
    return found


def duplicate_merge(
    *,
    actor: Official,
    member: Member,
    survivor: Member,
    source: str,
    reason: str,
    cluster: DuplicateCluster | None = None,
) -> DuplicateCase:
    """Retire ``member``'s ID into ``survivor``'s: the retired member stays in its family,
    never deleted, marked merged, and every lookup of its ID names the survivor. Both must be
    active, of the same gender and in the officer's local body."""
    steps.require_officer(actor)
    if not (steps.in_jurisdiction(actor, member) and steps.in_jurisdiction(actor, survivor)):
        raise ValidationError(
            _("You can merge only members of the areas you hold."), code="outside"
        )
    if source not in CaseSource.values:
        raise ValidationError({"source": _("Choose how the duplicate was found.")})
    reason = steps.reason_given(reason)
    with transaction.atomic():
        locked = steps.lock_members(member, survivor)
        member, survivor = locked[member.pk], locked[survivor.pk]
        _check_mergeable(member, survivor)
        case = DuplicateCase.objects.create(
            kind=CaseKind.MERGE,
            source=source,
            status=CaseStatus.MERGED,
            area=member.family.area,
            member=member,
            survivor=survivor,
            cluster=cluster,
            reason=reason,
            created_by=actor,
            holder=None,
        )
        # Told before the status changes: a retired member alone in its family (the usual
        # duplicate) is still the one with the family's mobile.
        steps.tell_family(member, SmsKind.MEMBER_MERGED, survivor=survivor.member_id)
        change = steps.set_status(member, MemberStatus.MERGED, survivor)
        record_member(ChangeKind.MERGED, member, merged_into=survivor.member_id)
        steps.audit_member(actor, member, "member.merged", case, change, reason=[None, reason])
        steps.audit_member(
            actor,
            survivor,
            "member.merge_kept",
            case,
            None,
            retired=[None, member.member_id],
            reason=[None, reason],
        )
        reports.reports_resolve(actor, case)
    return case


def duplicate_merge_undo(*, actor: Official, case: DuplicateCase, reason: str) -> DuplicateCase:
    """A wrong merge undone: the retired Member ID is active again; both histories say so."""
    steps.require_officer(actor)
    steps.require_case_in_jurisdiction(actor, case)
    reason = steps.reason_given(reason)
    with transaction.atomic():
        locked = steps.lock_members(case.member, *([case.survivor] if case.survivor else []))
        case = steps.lock_case(case)
        status = workflow.next_status(case.status, Action.UNDO)
        member = locked[case.member_id]
        change = steps.set_status(member, MemberStatus.ACTIVE)
        record_member(ChangeKind.MERGE_UNDONE, member, was_merged_into=change[1])
        steps.close(case, status)
        steps.audit_member(
            actor, member, "member.merge_undone", case, change, reason=[None, reason]
        )
        if case.survivor_id is not None:
            steps.audit_member(
                actor,
                locked[case.survivor_id],
                "member.merge_undone",
                case,
                None,
                restored=[None, member.member_id],
                reason=[None, reason],
            )
    return case


# The ground as the SMS names it (sms.reasons: short, in the family's language).
GROUND_TOLD = {
    Ground.NOT_EXISTING: SmsReason.PERSON_NOT_FOUND,
    Ground.TWICE_IN_FAMILY: SmsReason.LISTED_TWICE,
}


def _until_text(when: datetime, language: str) -> str:
    with translation.override(language):
        return date_format(timezone.localtime(when), "d-m-Y")


def deactivation_notice(
    *,
    actor: Official,
    member: Member,
    ground: str,
    source: str,
    reason: str,
    cluster: DuplicateCluster | None = None,
) -> DuplicateCase:
    """Give notice that ``member`` is to be deactivated (a person who does not exist, or one
    registered twice in a family). The family is told by SMS; the member stays active until
    the notice ends (SAMAGRA_DEACTIVATION_NOTICE_DAYS), and the family may object meanwhile."""
    steps.require_officer(actor)
    if not steps.in_jurisdiction(actor, member):
        raise PermissionDenied
    if ground not in Ground.values:
        raise ValidationError({"ground": _("Choose why the member is to be deactivated.")})
    if source not in CaseSource.values:
        raise ValidationError({"source": _("Choose how the duplicate was found.")})
    reason = steps.reason_given(reason)
    with transaction.atomic():
        member = steps.lock_members(member)[member.pk]
        steps.refuse_retired(member)
        if member.status != MemberStatus.ACTIVE:
            raise ValidationError(
                _("Member ID %(id)s is already inactive or under a deactivation notice.")
                % {"id": member.member_id},
                code="member_inactive",
            )
        current = DuplicateCase.objects.filter(member=member, status__in=CURRENT).first()
        if current is not None:
            # One current case per member (the database holds it too): a report or an earlier
            # case of this member is decided first.
            raise ValidationError(
                _("Member ID %(id)s already has an open duplicate case. Decide it first.")
                % {"id": member.member_id},
                code="case_open",
            )
        now = timezone.now()
        case = DuplicateCase.objects.create(
            kind=CaseKind.DEACTIVATE,
            source=source,
            ground=ground,
            status=CaseStatus.NOTICE,
            area=member.family.area,
            member=member,
            cluster=cluster,
            reason=reason,
            notice_until=now + timedelta(days=settings.DEACTIVATION_NOTICE_DAYS),
            created_by=actor,
            holder=None,
            held_since=now,
        )
        change = steps.set_status(member, MemberStatus.TO_BE_DEACTIVATED)
        record_member(ChangeKind.DEACTIVATION_NOTICE, member, notice_until=case.notice_until)
        steps.audit_member(
            actor,
            member,
            "member.deactivation_notice",
            case,
            change,
            reason=[None, reason],
            notice_until=[None, case.notice_until.isoformat()],  # type: ignore[union-attr]
        )
        reports.reports_resolve(actor, case)
        recipient = family_sms_to(member.family)
        if recipient is not None:
            steps.tell_family(
                member,
                SmsKind.MEMBER_DEACTIVATION_NOTICE,
                ground=GROUND_TOLD[Ground(ground)],
                until=_until_text(case.notice_until, recipient[1]),  # type: ignore[arg-type]
            )
    return case


def deactivation_object(
    *, actor: Official | Citizen, case: DuplicateCase, text: str, now: datetime | None = None
) -> Objection:
    """The family objects to a deactivation: at the office (the officer records it) or signed
    in as a citizen of the member's family. Within the period it stops the deactivation and
    puts the case back to the officer; after it, it is recorded and reopens nothing."""
    if isinstance(actor, Citizen):
        if case.member.family.family_id != actor.family_id:
            raise PermissionDenied
    else:
        steps.require_officer(actor)
        steps.require_case_in_jurisdiction(actor, case)
    text = " ".join(text.split())
    if len(text) < 5:
        raise ValidationError({"text": _("Say why the member should stay in the register.")})
    now = now or timezone.now()
    with transaction.atomic():
        member = steps.lock_members(case.member)[case.member_id]
        case = steps.lock_case(case)
        if case.kind != CaseKind.DEACTIVATE or case.status == CaseStatus.WITHDRAWN:
            raise ValidationError(
                _("There is no deactivation to object to in this case."), code="nothing"
            )
        in_time = case.status == CaseStatus.NOTICE and now < case.notice_until  # type: ignore[operator]
        objection = Objection.objects.create(
            case=case,
            text=text,
            recorded_by=None if isinstance(actor, Citizen) else actor,
            citizen_member_id=actor.member_id if isinstance(actor, Citizen) else "",
            in_time=in_time or case.status == CaseStatus.OBJECTED,
            created_at=now,
        )
        change = None
        if in_time:
            case.status = workflow.next_status(case.status, Action.OBJECT)
            case.holder, case.held_since = steps.officer_of(member), now
            case.save(update_fields=["status", "holder", "held_since"])
            change = steps.set_status(member, MemberStatus.ACTIVE)
            record_member(ChangeKind.REACTIVATED, member)
        steps.audit_member(
            actor,
            member,
            "member.deactivation_objected",
            case,
            change,
            objection=[None, text],
            in_time=[None, objection.in_time],
        )
    return objection


def deactivation_decide(
    *, actor: Official, case: DuplicateCase, action: str, reason: str
) -> DuplicateCase:
    """The officer's decision on a deactivation: withdraw it (the member stays), or, once the
    family's objection has been heard, deactivate the member all the same."""
    steps.require_officer(actor)
    steps.require_case_in_jurisdiction(actor, case)
    if action not in (Action.WITHDRAW, Action.DEACTIVATE):
        raise ValidationError(_("Choose a decision."))
    reason = steps.reason_given(reason)
    with transaction.atomic():
        member = steps.lock_members(case.member)[case.member_id]
        case = steps.lock_case(case)
        status = workflow.next_status(case.status, action)
        steps.close(case, status)
        if action == Action.DEACTIVATE:
            steps.tell_family(
                member, SmsKind.MEMBER_DEACTIVATED
            )  # while still counted in the family
        change = steps.set_status(
            member, MemberStatus.INACTIVE if action == Action.DEACTIVATE else MemberStatus.ACTIVE
        )
        event = "member.deactivated" if action == Action.DEACTIVATE else "member.notice_withdrawn"
        told = ChangeKind.DEACTIVATED if action == Action.DEACTIVATE else ChangeKind.REACTIVATED
        if change[0] != change[2]:  # a notice withdrawn after an objection: already active
            record_member(told, member)
        steps.audit_member(actor, member, event, case, change, reason=[None, reason])
    return case


def _apply_one(case_pk: int, now: datetime) -> bool:
    with transaction.atomic():
        case = DuplicateCase.objects.select_related("member").get(pk=case_pk)
        member = steps.lock_members(case.member)[case.member_id]
        case = steps.lock_case(case)
        # Checked again under the lock: an objection or a withdrawal may have come first, and
        # a second run of the command finds nothing left to do.
        if case.status != CaseStatus.NOTICE or case.notice_until > now:  # type: ignore[operator]
            return False
        steps.close(case, workflow.next_status(case.status, Action.APPLY))
        steps.tell_family(member, SmsKind.MEMBER_DEACTIVATED)  # while still counted in the family
        change = steps.set_status(member, MemberStatus.INACTIVE)
        record_member(ChangeKind.DEACTIVATED, member)
        steps.audit_member(None, member, "member.deactivated", case, change)
    return True


def deactivations_due_apply(*, now: datetime | None = None) -> int:
    """Deactivate the members whose notice has ended with no objection; one transaction each.
    Idempotent: run it as often as wanted (the worker or cron; ``deactivations_apply``)."""
    now = now or timezone.now()
    due = DuplicateCase.objects.filter(status=CaseStatus.NOTICE, notice_until__lte=now).values_list(
        "pk", flat=True
    )
    return sum(_apply_one(pk, now) for pk in list(due.order_by("pk")))


def member_reactivate(*, actor: Official, member: Member, reason: str) -> DuplicateCase:
    """Bring an inactive (or retired) member back, with a reason, at any time. A retired one is
    brought back by undoing its merge."""
    steps.require_officer(actor)
    if not steps.in_jurisdiction(actor, member):
        raise PermissionDenied
    reason = steps.reason_given(reason)
    case = DuplicateCase.objects.filter(member=member, status__in=CURRENT).first()
    if case is None or member.status not in (MemberStatus.INACTIVE, MemberStatus.MERGED):
        raise ValidationError(
            _("Member ID %(id)s is not inactive: there is nothing to reactivate.")
            % {"id": member.member_id},
            code="active",
        )
    if case.status == CaseStatus.MERGED:
        return duplicate_merge_undo(actor=actor, case=case, reason=reason)
    with transaction.atomic():
        member = steps.lock_members(member)[member.pk]
        case = steps.lock_case(case)
        steps.close(case, workflow.next_status(case.status, Action.REACTIVATE))
        change = steps.set_status(member, MemberStatus.ACTIVE)
        record_member(ChangeKind.REACTIVATED, member)
        steps.audit_member(actor, member, "member.reactivated", case, change, reason=[None, reason])
    return case
