"""Who holds what, and for how long (circular ¶4): each official's work list, and what is
overdue in a supervisor's jurisdiction, per official and per area.

Every kind of work that waits on an official is one WorkKind in WORK_KINDS. Its records have a
``holder`` (an Official, null when nobody can act), ``held_since``, and reach their area through
the model's JURISDICTION_AREA_PATH (default ``area``). Another kind (change requests) is added by
appending one WorkKind to the list."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.db.models import Choices, Count, Min, Model, Q, QuerySet, Window
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from officials import jurisdiction
from officials.models import Official, Role, name_in_page_script
from registration.models import Application, ApplicationStatus

ROW_LIMIT = 100  # rows of a work list or an overdue table shown at most


@dataclass(frozen=True)
class WorkRow:
    title: str
    url: str
    area: str
    status: str
    held_since: datetime
    reason: str = ""


@dataclass(frozen=True)
class WorkKind:
    key: str
    label: str | Promise
    # The setting with the number of days after which an item of this kind is overdue.
    overdue_setting: str
    # Items waiting on someone, with what ``row`` reads already joined.
    open_items: Callable[[], QuerySet[Any]]
    row: Callable[[Any], WorkRow]
    # The roles of the officials who can act on an item as it stands: the ones a supervisor
    # may give an item with nobody to act on it (escalation.services.work_assign).
    holder_roles: Callable[[Any], tuple[str, ...]] = lambda item: (Role.LOCAL_BODY_OFFICER,)
    # Grievances move up the levels by their own rules (grievances_escalate), not escalation's.
    escalated_by_itself: bool = False

    @property
    def overdue_days(self) -> int:
        return int(getattr(settings, self.overdue_setting))

    def overdue(self, now: datetime) -> Q:
        """The items of this kind overdue at ``now``: held longer than its days. A kind whose
        items carry their own deadline (grievances) says so here."""
        return Q(held_since__lt=now - timedelta(days=self.overdue_days))

    @property
    def area_path(self) -> str:
        model: type[Model] = self.open_items().model
        return getattr(model, "JURISDICTION_AREA_PATH", "area") or "area"


_SLOT = "0work0slot0"


@lru_cache(maxsize=64)
def _url_pattern(viewname: str, script_prefix: str) -> str:
    return reverse(viewname, args=[_SLOT])


def row_url(viewname: str, number: str) -> str:
    """``reverse(viewname, args=[number])``, reversed once a view and not once a row (a work
    list has up to ROW_LIMIT rows a kind): for a number of letters and digits, which needs no
    quoting; anything else is reversed as usual."""
    if not number.isalnum() or not number.isascii():
        return reverse(viewname, args=[number])
    return _url_pattern(viewname, get_script_prefix()).replace(_SLOT, number)


def choice_label(choices: type[Choices], value: str) -> str:
    """What ``get_<field>_display()`` shows (the value itself if it is not a choice), without
    the model building a dict of every choice on each call (0.4 ms a call, twice a row)."""
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def _application_row(a: Application) -> WorkRow:
    return WorkRow(
        title=a.number,
        url=row_url("registration:detail", a.number),
        area=a.area.name,
        status=choice_label(ApplicationStatus, a.status),
        held_since=a.held_since,
        reason=a.decision_reason,
    )


APPLICATIONS = WorkKind(
    key="application",
    label=_("Registrations"),
    overdue_setting="OVERDUE_DAYS_APPLICATION",
    open_items=lambda: Application.objects.filter(
        status__in=[
            ApplicationStatus.DRAFT,
            ApplicationStatus.SUBMITTED,
            ApplicationStatus.RETURNED,
        ]
    ).select_related("area"),
    row=_application_row,
    # A draft or returned application is completed by a field official of its area; a submitted
    # one is verified by the local body officer.
    holder_roles=lambda a: (
        (Role.FIELD_OFFICIAL,)
        if a.status in (ApplicationStatus.DRAFT, ApplicationStatus.RETURNED)
        else (Role.LOCAL_BODY_OFFICER,)
    ),
)

WORK_KINDS: list[WorkKind] = [APPLICATIONS]


@dataclass(frozen=True)
class HeldWork:
    kind: WorkKind
    rows: list[WorkRow]
    total: int


def work_held_by(official: Official) -> list[HeldWork]:
    """What waits on the official, oldest first, per kind (one query a kind)."""
    held = []
    for kind in WORK_KINDS:
        items = kind.open_items().filter(holder=official).order_by("held_since", "pk")
        # One query a kind: the rows shown, each with how many there are in all.
        shown = list(items.annotate(held_total=Window(Count("pk")))[:ROW_LIMIT])
        total = shown[0].held_total if shown else 0
        held.append(HeldWork(kind, [kind.row(i) for i in shown], total))
    return held


@dataclass(frozen=True)
class OverdueCount:
    name: str
    count: int
    oldest: datetime


@dataclass(frozen=True)
class Overdue:
    kind: WorkKind
    days: int
    per_official: list[OverdueCount]
    per_area: list[OverdueCount]
    total: int


def _name(row: dict[str, Any], prefix: str) -> str:
    return str(row[f"{prefix}name_hi"] if get_language() == "hi" else row[f"{prefix}name_en"])


def overdue_for(supervisor: Official, *, now: datetime | None = None) -> list[Overdue]:
    """Items held longer than their kind's limit in the supervisor's jurisdiction, counted per
    official holding them and per area (two queries a kind, whatever the numbers; a third
    to count them when the areas fill the table)."""
    now = now or timezone.now()
    result = []
    for kind in WORK_KINDS:
        items = jurisdiction.scope(supervisor, kind.open_items()).filter(kind.overdue(now))
        by_official = (
            items.order_by()
            .values("holder_id", "holder__name", "holder__name_hi", "holder__user_id")
            .annotate(count=Count("pk"), oldest=Min("held_since"))
            .order_by("oldest")[:ROW_LIMIT]
        )
        area = kind.area_path
        by_area = (
            items.order_by()
            .values(f"{area}_id", f"{area}__name_en", f"{area}__name_hi")
            .annotate(count=Count("pk"), oldest=Min("held_since"))
            .order_by("oldest")[:ROW_LIMIT]
        )
        by_area_rows = list(by_area)
        nobody = str(_("Nobody (no officer to act on it)"))
        result.append(
            Overdue(
                kind=kind,
                days=kind.overdue_days,
                per_official=[
                    OverdueCount(
                        f"{name_in_page_script(r['holder__name'], r['holder__name_hi'])} "
                        f"({r['holder__user_id']})"
                        if r["holder_id"]
                        else nobody,
                        r["count"],
                        r["oldest"],
                    )
                    for r in by_official
                ],
                per_area=[
                    OverdueCount(_name(r, f"{area}__"), r["count"], r["oldest"])
                    for r in by_area_rows
                ],
                # Every item is in one area's count: their sum, unless the table is cut short.
                total=(
                    sum(r["count"] for r in by_area_rows)
                    if len(by_area_rows) < ROW_LIMIT
                    else items.count()
                ),
            )
        )
    return result
