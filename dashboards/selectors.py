"""What a supervisor's dashboard shows: their area's figures, one row per unit one level down
(state → districts → local bodies → GPs and wards), pending work and a trend.

Register figures come from the stored day figures (dashboards.compute), never from counting the
register on a page view: a local body's page sums its areas' days, a district's or the state's
its local bodies' days (for the state, some 700 local bodies times a year). Pending work is counted live, two grouped queries per kind of work
(registration.accountability.WORK_KINDS), so the page costs the same for 2 units or 200.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Count, Max, Min, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth, TruncWeek
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from dashboards.models import AreaDayFigures, DistrictDayFigures, LocalBodyDayFigures
from geography.models import Area, District, LocalBody, NamedPlace
from officials import jurisdiction
from officials.models import Official, Role, name_in_page_script
from registration.accountability import WORK_KINDS, WorkKind

PERIODS = {"month": 12, "week": 12}  # the trend shows the last twelve of either
FLOWS = ["families_registered", "births", "deaths", "moved_in", "moved_out"]
SNAPSHOTS = ["families", "members", "ekyc_done"]
HOLDERS_SHOWN = 5
# The list behind each kind of pending work, for an officer.
KIND_LISTS = {
    "application": "registration:overdue",
    "change_request": "updates:change_list",
    "migration": "migration:overdue",
    "duplicate_case": "duplicates:case_list",
    "grievance": "grievances:list",
}


class FilterError(ValueError):
    """A filter value the page cannot use; its message is shown to the officer."""


@dataclass
class Figures:
    name: str
    url: str = ""
    families: int = 0
    members: int = 0
    ekyc_done: int = 0
    families_registered: int = 0
    births: int = 0
    deaths: int = 0
    moved_in: int = 0
    moved_out: int = 0

    @property
    def ekyc_percent(self) -> int:
        return round(100 * self.ekyc_done / self.members) if self.members else 0


@dataclass(frozen=True)
class TrendPoint:
    start: date
    births: int
    deaths: int
    moved_in: int
    moved_out: int


@dataclass(frozen=True)
class Held:
    name: str
    count: int
    oldest: datetime

    @property
    def age_days(self) -> int:
        return (timezone.now() - self.oldest).days


@dataclass
class Pending:
    kind: WorkKind
    url: str
    per_unit: list[Held]
    holders: list[Held]
    total: int = 0
    overdue: int = 0
    oldest: datetime | None = None


@dataclass
class Dashboard:
    unit_name: str
    level_label: str | Promise
    per_label: str | Promise
    period: str
    drilled: bool
    day: date | None
    computed_at: datetime | None
    rows: list[Figures]
    total: Figures
    trend: list[TrendPoint]
    pending: list[Pending] = field(default_factory=list)


@dataclass(frozen=True)
class _Unit:
    """Where the dashboard looks (``where``: a filter on an Area path) and its units below."""

    name: str
    where: dict[str, int]
    children: list[NamedPlace]
    child_key: str  # the lookup, after an Area path, that names a child unit
    level_label: str | Promise
    per_label: str | Promise
    drill: bool  # whether a child unit has a dashboard of its own


def _unit(official: Official, within: str) -> tuple[_Unit, bool]:
    """The unit the official asked for (``within``: a district's or local body's LGD code in
    their jurisdiction, empty for their own), and whether it is below their own."""
    if within:
        district = jurisdiction.districts(official).filter(lgd_code=within).first()
        if district is not None and official.role != Role.LOCAL_BODY_OFFICER:
            return _district_unit(district), official.role == Role.STATE_ADMIN
        body = jurisdiction.local_bodies(official).filter(lgd_code=within).first()
        if body is not None and official.role != Role.LOCAL_BODY_OFFICER:
            return _local_body_unit(body), True
        raise FilterError(_("There is no district or local body with that code in your area."))
    match official.role:
        case Role.STATE_ADMIN:
            return _Unit(
                str(_("the whole state")),
                {},
                list(District.objects.all()),
                "local_body__district_id",
                _("District"),
                _("Per district"),
                True,
            ), False
        case Role.DISTRICT_OFFICER:
            return _district_unit(official.district), False  # type: ignore[arg-type]
    return _local_body_unit(official.local_body), False  # type: ignore[arg-type]


def _district_unit(district: District) -> _Unit:
    return _Unit(
        district.name,
        {"local_body__district_id": district.pk},
        list(LocalBody.objects.filter(district=district)),
        "local_body_id",
        _("Local body"),
        _("Per local body"),
        True,
    )


def _local_body_unit(body: LocalBody) -> _Unit:
    return _Unit(
        body.name,
        {"local_body_id": body.pk},
        list(Area.objects.filter(local_body=body)),
        "id",
        _("Gram Panchayat or Ward"),
        _("Per Gram Panchayat or Ward"),
        False,
    )


def _on(path: str, lookups: dict[str, Any]) -> dict[str, Any]:
    """``lookups`` on an Area reached through ``path``."""
    return {f"{path}__{k}": v for k, v in lookups.items()}


def _child_path(path: str, unit: _Unit) -> str:
    return f"{path}_id" if unit.child_key == "id" else f"{path}__{unit.child_key}"


def _stored(official: Official, unit: _Unit) -> tuple[QuerySet[Any], str]:
    """The stored figures of the unit, and the lookup naming a child unit in them: a local
    body's page reads its areas' rows, a district's or the state's its local bodies' rows."""
    if unit.child_key == "id":
        areas = AreaDayFigures.objects.filter(**_on("area", unit.where))
        return jurisdiction.scope(official, areas), "area_id"
    if not unit.where:  # the state's page (the state admin's only): its districts' rows
        jurisdiction.require(official.role == Role.STATE_ADMIN)
        return DistrictDayFigures.objects.all(), "district_id"
    # LocalBodyDayFigures reaches a district the way an Area does (local_body__district_id).
    bodies = LocalBodyDayFigures.objects.filter(**unit.where)
    scoped = jurisdiction.scope_supervised(
        official, bodies, local_body_path="local_body", district_path="local_body__district"
    )
    return scoped, unit.child_key


def _own_days(official: Official, unit: _Unit) -> QuerySet[Any]:
    """The unit's own rows a day (its trend and its latest day): a local body's, a district's,
    the state's districts' — a few hundred rows a year, where its children's rows are tens of
    thousands, each day's on another page of the table."""
    if not unit.where:
        jurisdiction.require(official.role == Role.STATE_ADMIN)
        return DistrictDayFigures.objects.all()
    if "local_body_id" in unit.where:
        bodies = LocalBodyDayFigures.objects.filter(local_body_id=unit.where["local_body_id"])
        return jurisdiction.scope_supervised(
            official, bodies, local_body_path="local_body", district_path="local_body__district"
        )
    districts = DistrictDayFigures.objects.filter(district_id=unit.where["local_body__district_id"])
    jurisdiction.require(official.role in (Role.STATE_ADMIN, Role.DISTRICT_OFFICER))
    return jurisdiction.scope_supervised(official, districts, district_path="district")


def _figures(official: Official, unit: _Unit, since: date) -> tuple[list[Figures], Any]:
    scoped, key = _stored(official, unit)
    latest = _own_days(official, unit).aggregate(day=Max("day"), at=Max("computed_at"))
    sums = {
        **{f: Sum(f, filter=Q(day=latest["day"])) for f in SNAPSHOTS},
        **{f: Sum(f, filter=Q(day__gte=since)) for f in FLOWS},
    }
    by_child = {
        r[key]: r
        for r in scoped.filter(day__gte=min(since, latest["day"] or since))
        .order_by()
        .values(key)
        .annotate(**sums)
    }
    rows = []
    for child in unit.children:
        values = {k: v or 0 for k, v in by_child.get(child.pk, {}).items() if k != key}
        url = f"{reverse('portal:home')}?in={child.lgd_code}" if unit.drill else ""
        rows.append(Figures(name=child.name, url=url, **values))
    return rows, latest


def _trend(official: Official, unit: _Unit, period: str, since: date) -> list[TrendPoint]:
    trunc = TruncMonth("day") if period == "month" else TruncWeek("day")
    scoped = _own_days(official, unit)
    flows = ["births", "deaths", "moved_in", "moved_out"]
    points = {
        _as_date(r["start"]): r
        for r in scoped.filter(day__gte=since)
        .order_by()
        .annotate(start=trunc)
        .values("start")
        .annotate(**{f: Sum(f) for f in flows})
    }
    return [
        TrendPoint(start, *((points.get(start) or {}).get(f) or 0 for f in flows))
        for start in _period_starts(period, since)
    ]


def _as_date(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def _period_starts(period: str, since: date) -> list[date]:
    return [_shift(since, period, n) for n in range(PERIODS[period])]


def _shift(start: date, period: str, n: int) -> date:
    if period == "week":
        return start + timedelta(weeks=n)
    month = start.month - 1 + n
    return date(start.year + month // 12, month % 12 + 1, 1)


def _since(period: str, today: date) -> date:
    """The first day of the trend: twelve months or weeks back, on a month's or week's start."""
    if period == "week":
        monday = today - timedelta(days=today.weekday())
        return monday - timedelta(weeks=PERIODS["week"] - 1)
    return _shift(today.replace(day=1), "month", 1 - PERIODS["month"])


def _holder_name(row: dict[str, Any]) -> str:
    if not row["holder_id"]:
        return str(_("Nobody (no officer to act on it)"))
    name = name_in_page_script(row["holder__name"], row["holder__name_hi"])
    return f"{name} ({row['holder__user_id']})"


def _pending(official: Official, unit: _Unit, kind: WorkKind, now: datetime) -> Pending:
    path = kind.area_path
    items = jurisdiction.scope(official, kind.open_items()).filter(**_on(path, unit.where))
    key = _child_path(path, unit)
    per_child = {
        r[key]: r
        for r in items.order_by()
        .values(key)
        .annotate(
            count=Count("pk"),
            overdue=Count("pk", filter=kind.overdue(now)),
            oldest=Min("held_since"),
        )
    }
    holders = (
        items.order_by()
        .values("holder_id", "holder__name", "holder__name_hi", "holder__user_id")
        .annotate(count=Count("pk"), oldest=Min("held_since"))
        .order_by("oldest")[:HOLDERS_SHOWN]
    )
    pending = Pending(
        kind=kind,
        url=reverse(KIND_LISTS[kind.key]) if kind.key in KIND_LISTS else "",
        per_unit=[],
        holders=[Held(_holder_name(r), r["count"], r["oldest"]) for r in holders],
    )
    for child in unit.children:
        r = per_child.get(child.pk)
        if r is None:
            continue
        pending.per_unit.append(Held(child.name, r["count"], r["oldest"]))
        pending.total += r["count"]
        pending.overdue += r["overdue"]
        if pending.oldest is None or r["oldest"] < pending.oldest:
            pending.oldest = r["oldest"]
    return pending


def dashboard_for(official: Official, *, within: str = "", period: str = "month") -> Dashboard:
    """The dashboard of a supervising official (raises FilterError for a value it cannot use,
    PermissionDenied for a field official). About 4 queries and 2 per kind of work."""
    jurisdiction.require(official.role != Role.FIELD_OFFICIAL and official.is_active)
    if period not in PERIODS:
        raise FilterError(_("Show the trend by month or by week."))
    unit, drilled = _unit(official, within.strip())
    now = timezone.now()
    since = _since(period, timezone.localdate())
    rows, latest = _figures(official, unit, since)
    total = Figures(name=unit.name)
    for row in rows:
        for f in [*SNAPSHOTS, *FLOWS]:
            setattr(total, f, getattr(total, f) + getattr(row, f))
    return Dashboard(
        unit_name=unit.name,
        level_label=unit.level_label,
        per_label=unit.per_label,
        period=period,
        drilled=drilled,
        day=latest["day"],
        computed_at=latest["at"],
        rows=rows,
        total=total,
        trend=_trend(official, unit, period, since),
        pending=[_pending(official, unit, kind, now) for kind in WORK_KINDS],
    )
