"""What a supervisor reads of escalation: the work escalated to them (with its holder and age),
the work in their jurisdiction with nobody to act on it, the areas with no field official, and
the overdue counts per official over the last days. Each list costs a fixed number of queries,
whatever its length."""

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from escalation import rules
from escalation.models import Escalation, OverdueSnapshot
from geography.models import Area
from officials import jurisdiction
from officials.models import Official, Role
from registration.accountability import ROW_LIMIT, WorkKind, WorkRow

TREND_DAYS = 7


@dataclass(frozen=True)
class EscalatedRow:
    work: WorkRow
    kind_key: str
    pk: int
    holder: str
    reason: str
    escalated_at: datetime | None

    @property
    def age_days(self) -> int:
        return (timezone.now() - self.work.held_since).days


@dataclass(frozen=True)
class EscalatedWork:
    kind: WorkKind
    rows: list[EscalatedRow]
    total: int


def _holder(item: Any) -> str:
    holder = item.holder
    if holder is None:
        return _("Nobody")
    if not holder.is_active:
        return _("%(official)s (no longer active)") % {"official": holder}
    return str(holder)


def _escalated_items(official: Official, kind: WorkKind) -> QuerySet[Any]:
    mine = Escalation.objects.filter(
        kind=kind.key,
        object_id=OuterRef("pk"),
        held_since=OuterRef("held_since"),
        escalated_to=official,
    ).order_by("-at")
    return (
        jurisdiction.scope(official, kind.open_items())
        .filter(Exists(mine))
        .annotate(
            escalated_at=Subquery(mine.values("at")[:1]),
            escalation_reason=Subquery(mine.values("reason")[:1]),
        )
    )


def _unowned_items(official: Official, kind: WorkKind) -> QuerySet[Any]:
    return jurisdiction.scope(official, kind.open_items()).filter(rules.unowned())


def escalated_to(official: Official) -> list[EscalatedWork]:
    """Open work escalated to the official while its holder still holds it, oldest first, per
    kind (two queries a kind). Work decided or given to someone since drops off."""
    result = []
    for kind in rules.escalating_kinds():
        items = (
            _escalated_items(official, kind).select_related("holder").order_by("held_since", "pk")
        )
        rows = [
            EscalatedRow(
                work=kind.row(i),
                kind_key=kind.key,
                pk=i.pk,
                holder=_holder(i),
                reason=i.escalation_reason,
                escalated_at=i.escalated_at,
            )
            for i in items[:ROW_LIMIT]
        ]
        result.append(EscalatedWork(kind, rows, items.count()))
    return result


def unowned_in(official: Official) -> list[EscalatedWork]:
    """Open work in the official's jurisdiction with nobody to act on it, now (it goes to the
    local body officer at the next run of escalate_overdue; shown at once all the same)."""
    result = []
    for kind in rules.escalating_kinds():
        items = _unowned_items(official, kind).select_related("holder").order_by("held_since", "pk")
        rows = [
            EscalatedRow(kind.row(i), kind.key, i.pk, _holder(i), "unowned", None)
            for i in items[:ROW_LIMIT]
        ]
        result.append(EscalatedWork(kind, rows, items.count()))
    return result


def areas_without_field_official(official: Official) -> list[Area]:
    """The areas in the jurisdiction that no active field official serves: their families'
    own applications and migrations into them have nobody to act on them."""
    served = Official.objects.filter(role=Role.FIELD_OFFICIAL, is_active=True, areas=OuterRef("pk"))
    return list(
        jurisdiction.areas(official)
        .exclude(Exists(served))
        .select_related("local_body")
        .order_by("local_body__name_en", "name_en")[:ROW_LIMIT]
    )


@dataclass
class TrendRow:
    name: str
    place: str
    counts: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class OverdueTrend:
    days: list[date]
    rows: list[TrendRow]


def overdue_trend(official: Official, *, days: int = TREND_DAYS) -> OverdueTrend:
    """The overdue count of each official (and of nobody, per local body) on the last days the
    snapshot was taken, in the supervisor's jurisdiction; the most overdue on the latest day
    first (one query)."""
    snapshots = jurisdiction.scope_supervised(official, OverdueSnapshot.objects.all())
    recent = list(snapshots.order_by("-day").values_list("day", flat=True).distinct()[:days])
    if not recent:
        return OverdueTrend([], [])
    recent.sort()
    cells: dict[tuple[int | None, int], TrendRow] = {}
    for s in snapshots.filter(day__in=recent).select_related("holder", "local_body"):
        key = (s.holder_id, s.local_body_id)
        if key not in cells:
            name = str(s.holder) if s.holder else _("Nobody (no officer to act on it)")
            cells[key] = TrendRow(name, s.local_body.name, [0] * len(recent))
        cells[key].counts[recent.index(s.day)] += s.overdue
    rows = sorted(cells.values(), key=lambda r: (-r.counts[-1], -sum(r.counts), r.name))
    return OverdueTrend(recent, rows[:ROW_LIMIT])


def escalation_counts(official: Official) -> dict[str, int]:
    """For the home page: how much is escalated to the official, and how much has nobody."""
    kinds = rules.escalating_kinds()
    return {
        "escalated": sum(_escalated_items(official, k).count() for k in kinds),
        "unowned": sum(_unowned_items(official, k).count() for k in kinds),
    }
