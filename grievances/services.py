"""Grievances: filed by a family (or an official on its behalf), answered in a thread, closed
with a reason the family accepts or reopens once (accepted on its behalf when it does not answer
in time), and moved up a level when a deadline passes. Every write is one transaction with its
audit row; the family's SMS goes after the commit."""

from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from audit.services import audit_record
from grievances import rules, workflow
from grievances.models import (
    OPEN_STATUSES,
    Category,
    Grievance,
    GrievanceReply,
    Level,
    ReplyKind,
    Status,
    new_grievance_number,
)
from grievances.selectors import holder_office
from grievances.workflow import Action
from identity.actors import Citizen
from migration.models import MigrationRequest
from officials import jurisdiction
from officials.models import Official
from registration.models import Application
from registry.ids import insert_with_unique_id
from registry.models import Family, Member
from sms.models import SmsKind
from sms.reasons import GRIEVANCE_CLOSE_REASONS, reason_told
from sms.services import sms_queue
from updates.models import ChangeRequest
from updates.services import family_sms_to

TEXT_MAX = 2000

NOT_YOURS = _(
    "No application, change request or migration request of this family has the number "
    "%(number)s. Check the number on the SMS or the acknowledgement."
)


def _text(value: str, field: str, empty: str | Promise) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationError({field: empty}, code="required")
    if len(text) > TEXT_MAX:
        raise ValidationError(
            {field: _("Write at most %(max)s characters.") % {"max": TEXT_MAX}}, code="too_long"
        )
    return text


def _about(family: Family, number: str) -> str:
    """The request number, if given, of one of the family's own requests; the same answer for
    a number that does not exist and one of another family, so that nothing is learnt."""
    number = (number or "").strip().upper()
    if not number:
        return ""
    ours = (
        Application.objects.filter(number=number, family=family).exists()
        or ChangeRequest.objects.filter(
            Q(family=family) | Q(other_family=family), number=number
        ).exists()
        or MigrationRequest.objects.filter(number=number, family=family).exists()
    )
    if not ours:
        raise ValidationError({"about_number": NOT_YOURS % {"number": number}}, code="not_yours")
    return number


def _require_party(actor: Official | Citizen, grievance: Grievance) -> None:
    """The family's own citizen, or an official whose jurisdiction holds the family."""
    if isinstance(actor, Citizen):
        if grievance.family.family_id != actor.family_id:
            raise PermissionDenied
    elif not jurisdiction.scope(actor, Grievance.objects.filter(pk=grievance.pk)).exists():
        raise PermissionDenied


def _lock(grievance: Grievance) -> Grievance:
    """The grievance, locked for the rest of the transaction: two answers at once (an officer
    closing while the deadline passes and the escalation runs, the family reopening while an
    officer closes) are taken one after the other, the second seeing the first's status."""
    return (
        Grievance.objects.select_for_update(of=("self",))
        .select_related("family__area__local_body__district", "holder")
        .get(pk=grievance.pk)
    )


def _entry(
    grievance: Grievance,
    actor: Official | Citizen | None,
    kind: str,
    text: str,
    now: datetime,
    level: str = "",
) -> GrievanceReply:
    return GrievanceReply.objects.create(
        grievance=grievance,
        kind=kind,
        level=level,
        author_official=actor if isinstance(actor, Official) else None,
        author_member_id=actor.member_id if isinstance(actor, Citizen) else "",
        text=text,
        created_at=now,
    )


def _audit(
    actor: Official | Citizen | None,
    event: str,
    grievance: Grievance,
    **changes: list[object],
) -> None:
    audit_record(
        actor=actor,
        event_type=event,
        subject=grievance,
        area=grievance.family.area,
        changes=changes,
    )


def _tell_family(grievance: Grievance, kind: str, **params: str) -> None:
    """An SMS to the family (its head's mobile, in its language), sent once the write commits."""
    recipient = family_sms_to(grievance.family)
    if recipient is None:
        return
    mobile, language = recipient
    with translation.override(language):
        office = holder_office(grievance)
    sms_queue(
        kind=kind,
        mobile=mobile,
        language=language,
        params={
            "number": grievance.number,
            "office": office,
            "deadline": timezone.localtime(grievance.deadline_at).strftime("%d-%m-%Y"),
            **params,
        },
        local_body=grievance.family.area.local_body,
    )


def grievance_file(
    *,
    actor: Official | Citizen,
    family: Family,
    category: str,
    description: str,
    member: Member | None = None,
    about_number: str = "",
    now: datetime | None = None,
) -> Grievance:
    """File a grievance of the family: by a citizen signed in to it, or by an official of its
    area on its behalf. It goes at once to the area's field official (to the local body officer
    when the area has none) with the category's deadline, and the family is told by SMS."""
    now = now or timezone.now()
    if isinstance(actor, Citizen):
        if actor.family_id != family.family_id:
            raise PermissionDenied
    elif not jurisdiction.scope(actor, Family.objects.filter(pk=family.pk)).exists():
        raise PermissionDenied
    if category not in Category.values:
        raise ValidationError({"category": _("Choose what the grievance is about.")})
    if member is not None and member.family_id != family.pk:
        raise ValidationError(
            {
                "member": _("Member ID %(id)s is not a member of this family.")
                % {"id": member.member_id}
            },
            code="not_yours",
        )
    text = _text(description, "description", _("Describe the grievance."))
    about = _about(family, about_number)
    with transaction.atomic():
        level, holder = rules.owner(family.area, Level.FIELD)

        def insert(number: str) -> Grievance:
            return Grievance.objects.create(
                number=number,
                family=family,
                member=member,
                about_number=about,
                category=category,
                description=text,
                filed_by_member_id=actor.member_id if isinstance(actor, Citizen) else "",
                filed_by_official=actor if isinstance(actor, Official) else None,
                created_at=now,
                level=level,
                holder=holder,
                held_since=now,
                deadline_at=rules.deadline(category, now),
            )

        grievance = insert_with_unique_id(insert, new_grievance_number)
        _audit(
            actor,
            "grievance.filed",
            grievance,
            category=[None, category],
            member=[None, member.member_id if member else None],
            about_number=[None, about or None],
            level=[None, level],
            holder=[None, str(holder) if holder else None],
            deadline_at=[None, grievance.deadline_at.isoformat()],
        )
        _tell_family(grievance, SmsKind.GRIEVANCE_FILED)
    return grievance


def grievance_reply(
    *,
    actor: Official | Citizen,
    grievance: Grievance,
    text: str,
    now: datetime | None = None,
) -> GrievanceReply:
    """A reply in the thread, by the family or an official of its jurisdiction, while the
    grievance is open or waits for the family's answer to a closure."""
    now = now or timezone.now()
    _require_party(actor, grievance)
    body = _text(text, "text", _("Write the reply."))
    with transaction.atomic():
        locked = _lock(grievance)
        workflow.next_status(locked.status, Action.REPLY)
        reply = _entry(locked, actor, ReplyKind.REPLY, body, now)
        _audit(actor, "grievance.replied", locked, reply=[None, body])
    return reply


def grievance_close(
    *,
    actor: Official,
    grievance: Grievance,
    reason: str,
    reason_code: str = "",
    now: datetime | None = None,
) -> Grievance:
    """Close with a reason: by the holder, or an official above the grievance's level. The
    family may accept it or reopen it once; a closure after a reopening is final. The family's
    SMS names ``reason_code`` (sms.reasons; "see the status page" when none), not the reason."""
    now = now or timezone.now()
    _require_party(actor, grievance)
    reason = _text(reason, "reason", _("Give the reason for closing. The family will read it."))
    told = reason_told(reason_code, GRIEVANCE_CLOSE_REASONS)
    with transaction.atomic():
        locked = _lock(grievance)
        status = workflow.next_status(locked.status, Action.CLOSE)
        if not rules.may_close(actor, locked):
            raise PermissionDenied
        before = {"status": locked.status, "holder": str(locked.holder) if locked.holder else None}
        locked.status = status
        locked.closed_by = actor
        locked.closed_at = now
        locked.close_reason = reason
        locked.sms_reason = told
        locked.holder = None
        locked.held_since = now
        locked.save()
        _entry(locked, actor, ReplyKind.CLOSED, reason, now)
        _audit(
            actor,
            "grievance.closed",
            locked,
            status=[before["status"], status],
            holder=[before["holder"], None],
            reason=[None, reason],
            sms_reason=[None, told],
        )
        _tell_family(locked, SmsKind.GRIEVANCE_CLOSED, reason=told)
    return locked


def grievance_accept(
    *, actor: Citizen, grievance: Grievance, now: datetime | None = None
) -> Grievance:
    """The family accepts the closure: the grievance is settled."""
    now = now or timezone.now()
    _require_party(actor, grievance)
    with transaction.atomic():
        locked = _lock(grievance)
        status = workflow.next_status(locked.status, Action.ACCEPT)
        before = locked.status
        locked.status = status
        locked.save(update_fields=["status"])
        _entry(locked, actor, ReplyKind.ACCEPTED, "", now)
        _audit(actor, "grievance.accepted", locked, status=[before, status])
    return locked


def grievance_reopen(
    *, actor: Citizen, grievance: Grievance, reason: str, now: datetime | None = None
) -> Grievance:
    """The family reopens a closure it does not accept, once, with a reason. It goes back to
    the level it was closed at (its holder then, or whoever holds that level now) with a new
    deadline."""
    now = now or timezone.now()
    _require_party(actor, grievance)
    reason = _text(reason, "reason", _("Say why the answer does not settle the grievance."))
    with transaction.atomic():
        locked = _lock(grievance)
        status = workflow.next_status(locked.status, Action.REOPEN)
        until = rules.reopen_until(locked)
        if until is not None and now >= until:
            raise ValidationError(
                {
                    "reason": _(
                        "The time to reopen this grievance ended on %(date)s: the answer counts "
                        "as accepted."
                    )
                    % {"date": timezone.localtime(until).strftime("%d-%m-%Y")}
                },
                code="too_late",
            )
        closed_by = locked.closed_by
        holder: Official | None
        if closed_by is not None and closed_by.is_active and closed_by.role == locked.level:
            level, holder = locked.level, closed_by
        else:
            level, holder = rules.owner(locked.family.area, locked.level)
        before = locked.status
        locked.status = status
        locked.reopened_at = now
        locked.level = level
        locked.holder = holder
        locked.held_since = now
        locked.deadline_at = rules.deadline(locked.category, now)
        locked.save()
        _entry(locked, actor, ReplyKind.REOPENED, reason, now, level)
        _audit(
            actor,
            "grievance.reopened",
            locked,
            status=[before, status],
            holder=[None, str(holder) if holder else None],
            deadline_at=[None, locked.deadline_at.isoformat()],
            reason=[None, reason],
        )
        _tell_family(locked, SmsKind.GRIEVANCE_REOPENED)
    return locked


def grievances_escalate(*, now: datetime | None = None) -> int:
    """Move every open grievance whose deadline has passed up one level (field official →
    local body officer → district officer) with a new deadline; one transaction each.
    Idempotent: a grievance moved has a deadline in the future. At the district a grievance
    past its deadline stays, and counts as overdue. Run hourly (manage.py grievances_escalate,
    or the worker's task)."""
    now = now or timezone.now()
    due = (
        Grievance.objects.filter(status__in=OPEN_STATUSES, deadline_at__lt=now)
        .exclude(level=Level.DISTRICT)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    return sum(_escalate_one(pk, now) for pk in list(due))


def _escalate_one(pk: int, now: datetime) -> int:
    with transaction.atomic():
        locked = _lock(Grievance(pk=pk))
        # Closed, or moved by another run, since the list was read.
        if not locked.is_open or locked.deadline_at >= now or locked.level == Level.DISTRICT:
            return 0
        status = workflow.next_status(locked.status, Action.ESCALATE)
        level, holder = rules.owner(locked.family.area, rules.NEXT_LEVEL[Level(locked.level)])
        before = {
            "level": locked.level,
            "holder": str(locked.holder) if locked.holder else None,
            "deadline_at": locked.deadline_at.isoformat(),
        }
        locked.status = status
        locked.level = level
        locked.holder = holder
        locked.held_since = now
        locked.deadline_at = rules.deadline(locked.category, now)
        locked.save()
        _entry(locked, None, ReplyKind.ESCALATED, "", now, level)
        _audit(
            None,
            "grievance.escalated",
            locked,
            level=[before["level"], level],
            holder=[before["holder"], str(holder) if holder else None],
            deadline_at=[before["deadline_at"], locked.deadline_at.isoformat()],
        )
        _tell_family(locked, SmsKind.GRIEVANCE_ESCALATED)
    return 1


def grievances_accept_unanswered(*, now: datetime | None = None) -> int:
    """Accept, on the family's behalf, every closure it has neither accepted nor reopened
    within SAMAGRA_GRIEVANCE_ACCEPT_DAYS; one transaction each, recorded in the thread and the
    audit log. Idempotent: an accepted grievance is not closed any more. Run with the
    escalation (manage.py grievances_escalate)."""
    now = now or timezone.now()
    due = (
        Grievance.objects.filter(
            status=Status.CLOSED, closed_at__lte=now - timedelta(days=rules.accept_days())
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    return sum(_accept_one(pk, now) for pk in list(due))


def _accept_one(pk: int, now: datetime) -> int:
    with transaction.atomic():
        locked = _lock(Grievance(pk=pk))
        until = rules.reopen_until(locked)
        # Answered by the family since the list was read (the lock waited for it).
        if until is None or now < until:
            return 0
        status = workflow.next_status(locked.status, Action.ACCEPT)
        before = locked.status
        locked.status = status
        locked.save(update_fields=["status"])
        _entry(locked, None, ReplyKind.ACCEPTED, "", now)
        _audit(
            None,
            "grievance.accepted_automatically",
            locked,
            status=[before, status],
            days_to_answer=[None, rules.accept_days()],
        )
    return 1
