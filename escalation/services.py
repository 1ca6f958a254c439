"""Escalation's writes: items go up a level (manage.py escalate_overdue, daily), the officers
are told in one SMS a day, the overdue counts are kept per official and day, and a supervisor
gives an item with nobody to act on it to someone who can. Each item's escalation is one
transaction with its audit row on the item; the SMS goes after the commit (sms_queue)."""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, F, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.services import audit_record
from escalation import rules
from escalation.models import Escalation, Level, OverdueSnapshot, Reason
from geography.models import Area
from officials import jurisdiction
from officials.models import Official, Role
from registration.accountability import WORK_KINDS, WorkKind
from sms.models import SmsKind
from sms.services import sms_queue

EVENTS = {
    (Level.LOCAL_BODY, Reason.OVERDUE): "work.escalated_to_local_body",
    (Level.DISTRICT, Reason.OVERDUE): "work.escalated_to_district",
    (Level.LOCAL_BODY, Reason.UNOWNED): "work.unowned_to_local_body",
    (Level.DISTRICT, Reason.UNOWNED): "work.unowned_to_district",
}
SUPERVISORS = (Role.LOCAL_BODY_OFFICER, Role.DISTRICT_OFFICER, Role.STATE_ADMIN)


@dataclass(frozen=True)
class _Due:
    kind: WorkKind
    level: str
    pk: int
    held_since: datetime
    holder_id: int | None
    holder_active: bool | None
    area_id: int


def _due(kind: WorkKind, level: str, now: datetime) -> list[_Due]:
    """The kind's items due to go up to the level and not gone up to it in this holding."""
    done = Escalation.objects.filter(
        kind=kind.key, object_id=OuterRef("pk"), held_since=OuterRef("held_since"), level=level
    )
    rows = (
        kind.open_items()
        .filter(rules.due(kind, level, now))
        .exclude(Exists(done))
        .order_by("held_since", "pk")
        .values(
            "pk", "held_since", "holder_id", "holder__is_active", place=F(f"{kind.area_path}_id")
        )
    )
    return [
        _Due(
            kind,
            level,
            r["pk"],
            r["held_since"],
            r["holder_id"],
            r["holder__is_active"],
            r["place"],
        )
        for r in rows
    ]


def work_escalate_overdue(*, now: datetime | None = None) -> int:
    """Send every item that is due up one level (to the local body officer, then the district
    officer); one transaction each. Idempotent: an item goes up to a level once while the same
    official holds it. Returns how many escalations were recorded."""
    now = now or timezone.now()
    done = 0
    for kind in rules.escalating_kinds():
        for level in (Level.LOCAL_BODY, Level.DISTRICT):
            done += sum(_escalate_one(item, now) for item in _due(kind, level, now))
    return done


def _escalate_one(item: _Due, now: datetime) -> int:
    kind = item.kind
    model = kind.open_items().model
    with transaction.atomic():
        # The row lock makes an officer deciding (or assigning) the item while the command runs
        # go first or after: the item is escalated as it stands, never after it was decided.
        locked = model.objects.select_for_update().filter(pk=item.pk).first()
        # Decided, or given to someone else, since the list was read.
        if (
            locked is None
            or not kind.open_items().filter(pk=item.pk, held_since=item.held_since).exists()
        ):
            return 0
        area = Area.objects.select_related("local_body__district").get(pk=item.area_id)
        place = {"local_body_id": area.local_body_id, "district_id": area.local_body.district_id}
        level = item.level
        officer = rules.officer_for(level, **place)
        if officer is None and level == Level.LOCAL_BODY:
            # No officer in the local body: straight up to the district.
            level = Level.DISTRICT
            officer = rules.officer_for(level, **place)
        if officer is None:
            return 0
        reason = Reason.UNOWNED if not (item.holder_id and item.holder_active) else Reason.OVERDUE
        try:
            with transaction.atomic():
                Escalation.objects.create(
                    kind=kind.key,
                    object_id=item.pk,
                    label=str(locked)[:60],
                    area=area,
                    level=level,
                    reason=reason,
                    holder_id=item.holder_id,
                    held_since=item.held_since,
                    escalated_to=officer,
                    at=now,
                )
        except IntegrityError:
            return 0  # Already up at that level (the local body had nobody; an earlier run).
        holder = Official.objects.filter(pk=item.holder_id).first() if item.holder_id else None
        audit_record(
            actor=None,
            event_type=EVENTS[(Level(level), Reason(reason))],
            subject=locked,
            area=area,
            changes={
                "escalated_to": [None, str(officer)],
                "held_by": [None, str(holder) if holder else None],
            },
        )
    return 1


def escalation_digest_send(*, now: datetime | None = None) -> int:
    """One SMS per officer with escalations not yet told, counting them: never one an item,
    and at most one a day (an officer told today hears of later ones tomorrow). Returns the
    number of SMS queued."""
    now = now or timezone.now()
    waiting = Escalation.objects.filter(told_at__isnull=True, escalated_to__is_active=True)
    told_today = Escalation.objects.filter(
        escalated_to=OuterRef("pk"), told_at__date=timezone.localdate(now)
    )
    officials = (
        Official.objects.filter(pk__in=waiting.values("escalated_to_id"))
        .exclude(Exists(told_today))
        .select_related("local_body")
        .order_by("pk")
    )
    return sum(_digest_one(official, now) for official in officials)


def _digest_one(official: Official, now: datetime) -> int:
    with transaction.atomic():
        # Locked, so that two runs at once count each escalation in one message only.
        rows = list(
            Escalation.objects.select_for_update()
            .filter(escalated_to=official, told_at__isnull=True)
            .values_list("pk", "reason")
        )
        if not rows:
            return 0
        Escalation.objects.filter(pk__in=[pk for pk, _reason in rows]).update(told_at=now)
        by_reason = Counter(reason for _pk, reason in rows)
        sms_queue(
            kind=SmsKind.ESCALATION_DIGEST,
            mobile=official.mobile,
            language=official.language,
            params={
                "count": str(len(rows)),
                "overdue": str(by_reason[Reason.OVERDUE]),
                "unowned": str(by_reason[Reason.UNOWNED]),
            },
            local_body=official.local_body,
        )
    return 1


def overdue_snapshot_take(*, now: datetime | None = None) -> int:
    """Keep how many items each official holds overdue today, per local body (every kind,
    grievances too); a rerun the same day replaces the day's rows. Returns the rows written."""
    now = now or timezone.now()
    day = timezone.localdate(now)
    totals: Counter[tuple[int, int, int | None]] = Counter()
    for kind in WORK_KINDS:
        body = f"{kind.area_path}__local_body"
        rows = (
            kind.open_items()
            .filter(kind.overdue(now))
            .order_by()
            .values(f"{body}__district_id", f"{body}_id", "holder_id")
            .annotate(n=Count("pk"))
        )
        for r in rows:
            totals[(r[f"{body}__district_id"], r[f"{body}_id"], r["holder_id"])] += r["n"]
    return _replace_day(day, totals)


def _replace_day(day: date, totals: Counter[tuple[int, int, int | None]]) -> int:
    with transaction.atomic():
        OverdueSnapshot.objects.filter(day=day).delete()
        OverdueSnapshot.objects.bulk_create(
            OverdueSnapshot(day=day, district_id=d, local_body_id=lb, holder_id=holder, overdue=n)
            for (d, lb, holder), n in totals.items()
        )
    return len(totals)


def assign_candidates(kind: WorkKind, item: Any, area: Area) -> list[Official]:
    """Who may be given the item: the active officials of the roles that act on it as it
    stands, serving its area (field officials) or its local body (officers)."""
    roles = kind.holder_roles(item)
    found: list[Official] = []
    if Role.FIELD_OFFICIAL in roles:
        found += Official.objects.filter(
            role=Role.FIELD_OFFICIAL, is_active=True, areas=area
        ).order_by("name", "pk")
    if Role.LOCAL_BODY_OFFICER in roles:
        found += Official.objects.filter(
            role=Role.LOCAL_BODY_OFFICER, is_active=True, local_body_id=area.local_body_id
        ).order_by("name", "pk")
    return found


def work_assign(*, actor: Official, kind: WorkKind, pk: int, to: Official) -> Any:
    """Give an item with nobody to act on it (no holder, or one no longer active) to an
    official who can act on it. Only a supervisor whose jurisdiction holds the item; the new
    holder's clock starts now."""
    if actor.role not in SUPERVISORS:
        raise PermissionDenied
    model = kind.open_items().model
    with transaction.atomic():
        # The row lock makes two supervisors assigning at once take turns: the second finds
        # the item held and is refused.
        locked = (
            jurisdiction.scope(actor, model.objects.select_for_update(of=("self",)))
            .filter(pk=pk)
            .first()
        )
        if locked is None or not kind.open_items().filter(pk=pk).exists():
            raise PermissionDenied
        if (
            locked.holder_id
            and Official.objects.filter(pk=locked.holder_id, is_active=True).exists()
        ):
            raise ValidationError(
                _("Someone already holds this; only work with nobody to act on it can be given.")
            )
        area = area_of(kind, locked)
        if to.pk not in {o.pk for o in assign_candidates(kind, locked, area)}:
            raise ValidationError(_("Choose an active official who can act on this work."))
        before = Official.objects.filter(pk=locked.holder_id).first() if locked.holder_id else None
        locked.holder = to
        locked.held_since = timezone.now()
        locked.save(update_fields=["holder", "held_since"])
        audit_record(
            actor=actor,
            event_type="work.assigned",
            subject=locked,
            area=area,
            changes={"holder": [str(before) if before else None, str(to)]},
        )
    return locked


def area_of(kind: WorkKind, item: Any) -> Area:
    area_id = type(item).objects.filter(pk=item.pk).values_list(f"{kind.area_path}_id", flat=True)
    return Area.objects.select_related("local_body__district").get(pk=area_id[0])
