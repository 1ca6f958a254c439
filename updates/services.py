"""Change requests to the register: an official proposes, the local body verifies (for the
kinds that need it), and the change applies atomically with an audit row of old → new."""

from collections.abc import Mapping, Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import (
    NON_FIELD_ERRORS,
    ImproperlyConfigured,
    PermissionDenied,
    ValidationError,
)
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Case, Q, When
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from audit.services import audit_record
from documents.services import document_store
from officials import jurisdiction
from officials.models import Official, Role
from registration.models import Application
from registry.ids import insert_with_unique_id
from registry.models import Family, Member, Relation
from registry.selectors import LIVING
from sms.models import SmsKind
from sms.reasons import CHANGE_REASONS, reason_told
from sms.services import sms_queue
from updates import feed, workflow
from updates.kinds import KINDS, aadhaar, kind_for
from updates.kinds.adding import possible_registrations
from updates.kinds.base import Applied, Kind, Locks, raise_if
from updates.kinds.shape import check_family_in_use
from updates.models import ChangeKind, ChangeRequest, ChangeStatus, new_change_number
from updates.workflow import Action

REASON_REQUIRED = _("Give the reason. The official who asked for the change will see it.")
CONFLICT = _(
    "This family already has a change request waiting for verification for the same member or "
    "detail (%(number)s). Wait for its decision, or ask the local body to decide it first."
)


def verified_kinds() -> set[str]:
    """The kinds the local body verifies before they apply (SAMAGRA_UPDATES_VERIFIED_KINDS),
    and always the changes of a family's shape: nobody moves without the receiving area's
    review."""
    kinds = set(settings.UPDATES_VERIFIED_KINDS)
    unknown = kinds - set(ChangeKind.values)
    if unknown:
        raise ImproperlyConfigured(
            f"SAMAGRA_UPDATES_VERIFIED_KINDS has unknown kinds {sorted(unknown)}; "
            f"choose among {ChangeKind.values}."
        )
    return kinds | {code for code, k in KINDS.items() if getattr(k, "ALWAYS_VERIFIED", False)}


def _require_submitter(actor: Official, family: Family) -> None:
    """Field officials of the family's area and local body officers of its local body."""
    if actor.role not in (Role.FIELD_OFFICIAL, Role.LOCAL_BODY_OFFICER) or not actor.is_active:
        raise PermissionDenied
    if not jurisdiction.areas(actor).filter(pk=family.area_id).exists():
        raise PermissionDenied


def _lock(kind: Kind, family: Family, payload: Mapping[str, Any]) -> Family:
    """The family, locked, with the other families and the members a change of shape reads
    (kind.to_lock): changes to one family take turns (PostgreSQL), so each request is validated
    against the family as the previous change left it, and of two transfers of one member the
    second finds them gone. Families in primary-key order, then members: two changes crossing
    the same families (a transfer each way) wait for each other instead of deadlocking."""
    to_lock = getattr(kind, "to_lock", None)
    locks: Locks = to_lock(family, payload) if to_lock is not None else Locks()
    families = Family.objects.select_for_update(of=("self",)).select_related("area__local_body")
    locked = families.filter(Q(pk=family.pk) | Q(family_id__in=locks.family_ids)).order_by("pk")
    found = {f.pk: f for f in locked}
    # A family merged into another (maybe a moment ago, by the change this one waited for)
    # takes no change any more: its members are in the other family now.
    errors: dict[str, list[Any]] = {}
    check_family_in_use(found[family.pk], errors, NON_FIELD_ERRORS)
    raise_if(errors)
    if locks.member_ids:
        list(
            Member.objects.select_for_update()
            .filter(member_id__in=locks.member_ids)
            .order_by("pk")
            .values_list("pk")
        )
    return found[family.pk]


def _member(
    kind: Kind, family: Family, member: Member | None, *, deciding: bool = False
) -> Member | None:
    if not kind.MEMBER_BOUND:
        return None
    if member is None:
        raise ValidationError(_("Choose the member to change."))
    fresh = Member.objects.select_related("mother").filter(pk=member.pk).first()
    if fresh is None or (fresh.family_id != family.pk and not deciding):
        raise PermissionDenied
    if fresh.family_id != family.pk:
        # Moved to another family (a transfer, a split) after this request was made.
        raise ValidationError(
            _("%(name)s is no longer a member of family %(id)s: they moved to another family.")
            % {"name": fresh.name, "id": family.family_id},
            code="moved",
        )
    return fresh


def _check_no_conflict(kind: Kind, family: Family, key: str, cleaned: dict[str, Any]) -> None:
    pending = ChangeRequest.objects.filter(status=ChangeStatus.PENDING)
    open_request = pending.filter(family=family, conflict_key=key).first()
    elsewhere = getattr(kind, "open_conflicts", None)
    if open_request is None and elsewhere is not None:
        open_request = pending.filter(elsewhere(family, cleaned)).order_by("pk").first()
    if open_request is not None:
        raise ValidationError(CONFLICT % {"number": open_request.number}, code="conflict")


def _check_held(kind: Kind, actor: Official, cleaned: dict[str, Any]) -> None:
    """What a change of shape reaches besides the family (a new family's area, a family merged
    in) lies in the areas ``actor`` holds (officials.jurisdiction)."""
    check = getattr(kind, "check_held", None)
    if check is not None:
        check(jurisdiction.areas(actor), cleaned)


def _verifier(family: Family) -> Official | None:
    """Who holds a request to verify: the (first) active officer of the family's local body."""
    return (
        Official.objects.filter(
            role=Role.LOCAL_BODY_OFFICER, local_body_id=family.area.local_body_id, is_active=True
        )
        .order_by("pk")
        .first()
    )


def _create(
    actor: Official | None,
    family: Family,
    member: Member | None,
    kind: Kind,
    payload: dict[str, Any],
    key: str,
    cleaned: dict[str, Any],
    *,
    reported_by: str = "",
) -> ChangeRequest:
    """The request, held by the family's local body officer (``actor`` None and
    ``reported_by`` the Member ID when the family itself reported it)."""
    subjects = getattr(kind, "subjects", None)
    other: Family | None = None
    if subjects is not None:
        member, other = subjects(cleaned)

    def insert(number: str) -> ChangeRequest:
        return ChangeRequest.objects.create(
            number=number,
            family=family,
            other_family=other,
            member=member,
            kind=kind.CODE,
            payload=payload,
            conflict_key=key,
            created_by=actor,
            reported_by_member_id=reported_by,
            holder=_verifier(family),
        )

    return insert_with_unique_id(insert, new_change_number)


def _possible(kind: Kind, family: Family, cleaned: dict[str, Any]) -> dict[str, list[Any]]:
    """For the audit row: whom the duplicate search showed for a person being added (Member IDs,
    application numbers, as the history shows them), so that a later look sees what was known."""
    if not kind.ADDS_PERSON:
        return {}
    found = [
        c.member.member_id if c.member else c.pending.application.number if c.pending else ""
        for c in possible_registrations(family, cleaned)
    ]
    return {"possible_registrations": [None, ", ".join(found)]} if found else {}


def family_sms_to(family: Family) -> tuple[str, str] | None:
    """Whom an SMS to the family goes to, and in which language: the living head (or, without
    their mobile, the first living member with one), in the language the family was registered
    in (the portal's when it came by import). None for a family without a mobile."""
    head_first = Case(When(relation=Relation.HEAD, then=0), default=1)
    to = (
        family.members.filter(LIVING)
        .exclude(mobile="")
        .order_by(head_first, "pk")
        .only("mobile")
        .first()
    )
    if to is None:
        return None
    language = (
        Application.objects.filter(family=family).values_list("language", flat=True).first()
        or settings.LANGUAGE_CODE
    )
    return to.mobile, language


def _tell_family(
    change: ChangeRequest,
    family: Family,
    kind: str,
    recipient: tuple[str, str] | None = None,
    **params: str,
) -> None:
    """An SMS to the family (family_sms_to, unless ``recipient`` was found before the change
    emptied it), sent once the decision commits."""
    recipient = recipient or family_sms_to(family)
    if recipient is None:
        return
    mobile, language = recipient
    with translation.override(language):
        what = str(ChangeKind(change.kind).label)
    sms_queue(
        kind=kind,
        mobile=mobile,
        language=language,
        params={"number": change.number, "family_id": family.family_id, "change": what, **params},
        local_body=family.area.local_body,
    )


def _tell_other(
    change: ChangeRequest, family: Family, kind: str, before: tuple[str, str] | None, **params: str
) -> None:
    """The same SMS to the other family a change of shape touched (the family a member left,
    the new family of a split, the family merged in: ``before``, its recipient before the
    change, as a merged family has nobody left), unless it reaches the same mobile."""
    other = change.other_family
    if other is None or other.pk == family.pk:
        return
    recipient = before or family_sms_to(other)
    if recipient is not None and recipient != family_sms_to(family):
        _tell_family(change, other, kind, recipient, **params)


def _other_recipient(change: ChangeRequest) -> tuple[str, str] | None:
    return family_sms_to(change.other_family) if change.other_family is not None else None


def _apply(
    change: ChangeRequest,
    kind: Kind,
    family: Family,
    member: Member | None,
    cleaned: dict[str, Any],
    actor: Official,
) -> dict[str, list[Any]]:
    places = feed.places_before(kind.CODE, cleaned)
    applied: Applied = kind.apply(family, member, cleaned, actor=actor)
    feed.record_applied(kind.CODE, family, member, cleaned, applied, places)
    if applied.new_member is not None:
        change.new_member = applied.new_member
    if applied.other_family is not None:
        change.other_family = applied.other_family
    for event in applied.events:
        subject = event.subject
        audit_record(
            actor=actor,
            event_type=event.event_type,
            subject=subject,
            area=subject.family.area if isinstance(subject, Member) else subject.area,
            changes={**event.changes, "change_request": [None, change.number]},
        )
    return applied.changes


def change_request_submit(
    *,
    actor: Official,
    family: Family,
    kind: str,
    data: Mapping[str, Any],
    member: Member | None = None,
    documents: Sequence[UploadedFile] = (),
) -> ChangeRequest:
    """Propose a change to a registered family.

    A field official of the family's area, or the officer of its local body, may propose. The
    data is validated by the kind's rules against the family as it is; the request is stored
    with its documents (an Aadhaar number only as its last four digits: updates.kinds.aadhaar)
    and either applied at once (a kind that needs no verification, or the local body officer's
    own request: they are the verifier) or held by the local body officer.
    """
    _require_submitter(actor, family)
    change_kind = kind_for(kind)
    payload = dict(data)
    with transaction.atomic():
        family = _lock(change_kind, family, payload)
        target = _member(change_kind, family, member)
        cleaned = change_kind.validate(family, target, payload)
        _check_held(change_kind, actor, cleaned)
        key = change_kind.conflict_key(target, cleaned)
        _check_no_conflict(change_kind, family, key, cleaned)
        change = _create(actor, family, target, change_kind, aadhaar.kept(payload), key, cleaned)
        for upload in documents:
            change.documents.add(
                document_store(actor=actor, upload=upload, kind=change_kind.DOCUMENT_KIND)
            )
        possible = _possible(change_kind, family, cleaned)
        audit_record(
            actor=actor,
            event_type="change.requested",
            subject=change,
            area=family.area,
            changes={"kind": [None, kind], "family_id": [None, family.family_id], **possible},
        )
        if kind in verified_kinds() and actor.role != Role.LOCAL_BODY_OFFICER:
            # The family hears before the local body decides: a false request (a death, to
            # stop a pension) can be objected to while it waits.
            _tell_family(change, family, SmsKind.CHANGE_REQUESTED)
            _tell_other(change, family, SmsKind.CHANGE_REQUESTED, None)
            return change
        other_to = _other_recipient(change)
        changes = _apply(change, change_kind, family, target, cleaned, actor)
        change.status = (
            ChangeStatus.APPLIED if kind not in verified_kinds() else ChangeStatus.APPROVED
        )
        change.decided_by = actor if change.status == ChangeStatus.APPROVED else None
        change.decided_at = timezone.now()
        change.holder = None
        change.held_since = change.decided_at
        change.save()
        audit_record(
            actor=actor,
            event_type="change.applied",
            subject=family,
            area=family.area,
            changes={**changes, "change_request": [None, change.number]},
        )
        _tell_family(change, family, SmsKind.CHANGE_APPLIED)
        _tell_other(change, family, SmsKind.CHANGE_APPLIED, other_to)
    return change


def _decidable(actor: Official, change: ChangeRequest, action: str) -> ChangeRequest:
    """The request, locked, if ``actor`` is an officer of its family's local body.

    The row lock (PostgreSQL) makes two decisions on the same request take turns: the second
    sees the first and is refused by the workflow table, so a change never applies twice."""
    if actor.role != Role.LOCAL_BODY_OFFICER or not actor.is_active:
        raise PermissionDenied
    locked = (
        ChangeRequest.objects.select_for_update(of=("self",))
        .select_related("family__area")
        .filter(pk=change.pk)
        .first()
    )
    if locked is None or locked.family.area.local_body_id != actor.local_body_id:
        raise PermissionDenied
    workflow.next_status(locked.status, action)
    return locked


def _close(change: ChangeRequest, actor: Official, action: str, reason: str) -> str:
    old_status = change.status
    change.status = workflow.next_status(old_status, action)
    change.decided_by = actor
    change.decided_at = timezone.now()
    change.reason = reason
    change.holder = None
    change.held_since = change.decided_at
    change.save()
    return old_status


def change_request_approve(*, actor: Official, change: ChangeRequest) -> ChangeRequest:
    """Approve and apply a pending change, checked again against the family as it is now.

    Only an officer of the family's local body may; the change, the request's status and the
    audit rows are written together or not at all."""
    with transaction.atomic():
        change = _decidable(actor, change, Action.APPROVE)
        change_kind = kind_for(change.kind)
        family = _lock(change_kind, change.family, change.payload)
        target = _member(change_kind, family, change.member, deciding=True)
        cleaned = change_kind.validate(family, target, change.payload)
        _check_held(change_kind, actor, cleaned)
        possible = _possible(change_kind, family, cleaned)
        other_to = _other_recipient(change)
        changes = _apply(change, change_kind, family, target, cleaned, actor)
        old_status = _close(change, actor, Action.APPROVE, "")
        audit_record(
            actor=actor,
            event_type="change.approved",
            subject=change,
            area=family.area,
            changes={"status": [old_status, change.status], **possible},
        )
        audit_record(
            actor=actor,
            event_type="change.applied",
            subject=family,
            area=family.area,
            changes={**changes, "change_request": [None, change.number]},
        )
        _tell_family(change, family, SmsKind.CHANGE_APPLIED)
        _tell_other(change, family, SmsKind.CHANGE_APPLIED, other_to)
    return change


def change_request_reject(
    *, actor: Official, change: ChangeRequest, reason: str, reason_code: str = ""
) -> ChangeRequest:
    """Reject a pending change; the reason is mandatory and shown to the official who asked.
    The family's SMS names ``reason_code`` (sms.reasons; "see the status page" when none)."""
    reason = " ".join(reason.split())
    if not reason:
        raise ValidationError({"reason": REASON_REQUIRED})
    told = reason_told(reason_code, CHANGE_REASONS)
    with transaction.atomic():
        change = _decidable(actor, change, Action.REJECT)
        old_status = _close(change, actor, Action.REJECT, reason)
        change.sms_reason = told
        change.save(update_fields=["sms_reason"])
        audit_record(
            actor=actor,
            event_type="change.rejected",
            subject=change,
            area=change.family.area,
            changes={
                "status": [old_status, change.status],
                "reason": [None, reason],
                "sms_reason": [None, told],
            },
        )
        _tell_family(change, change.family, SmsKind.CHANGE_REJECTED, reason=told)
        _tell_other(change, change.family, SmsKind.CHANGE_REJECTED, None, reason=told)
    return change
