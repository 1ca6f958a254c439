"""Reads of grievances: an official's always through their jurisdiction, a citizen's always
through their own family."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Case, Count, IntegerField, QuerySet, Value, When
from django.http import Http404
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from grievances.models import OPEN_STATUSES, Category, Grievance, GrievanceReply, Level
from identity.actors import Citizen
from officials import jurisdiction
from officials.models import Official, Role

LIST_RELATED = ("family__area", "member", "holder")
DETAIL_RELATED = (
    "family__area__local_body__district",
    "member",
    "holder",
    "filed_by_official",
    "closed_by",
)

# Age of an open grievance since it was filed, in whole days: (label, first day, last day).
AGE_BANDS: list[tuple[Promise, int, int | None]] = [
    (_("0-7 days"), 0, 7),
    (_("8-15 days"), 8, 15),
    (_("16-30 days"), 16, 30),
    (_("over 30 days"), 31, None),
]


def holder_office(grievance: Grievance) -> str:
    """Who holds it, as the family sees it: the designation and the place, never a name or a
    mobile. Needs the holder and the family's area, local body and district."""
    area = grievance.family.area
    place = {
        Level.FIELD: area.name,
        Level.LOCAL_BODY: area.local_body.name,
        Level.DISTRICT: area.local_body.district.name,
    }[Level(grievance.level)]
    if grievance.holder is None:
        if not grievance.is_open:
            return gettext("Nobody: the grievance is closed")
        who = gettext("%(level)s (no officer in place yet)") % {
            "level": Level(grievance.level).label
        }
    else:
        who = grievance.holder.get_designation_display()
    return f"{who}, {place}"


@dataclass(frozen=True)
class Filters:
    status: str = ""
    category: str = ""
    level: str = ""
    overdue: bool = False


def grievances_for_official(
    official: Official, filters: Filters | None = None, *, now: datetime | None = None
) -> QuerySet[Grievance]:
    """The grievances of the official's jurisdiction, the earliest deadline first."""
    filters = filters or Filters()
    now = now or timezone.now()
    items = jurisdiction.scope(official, Grievance.objects.all())
    if filters.status == "open":
        items = items.filter(status__in=OPEN_STATUSES)
    elif filters.status:
        items = items.filter(status=filters.status)
    if filters.category:
        items = items.filter(category=filters.category)
    if filters.level:
        items = items.filter(level=filters.level)
    if filters.overdue:
        items = items.filter(status__in=OPEN_STATUSES, deadline_at__lt=now)
    return items.select_related(*LIST_RELATED).order_by("deadline_at", "pk")


def grievance_for_official(official: Official, number: str) -> Grievance:
    return jurisdiction.get_or_404(
        jurisdiction.scope(official, Grievance.objects.select_related(*DETAIL_RELATED)),
        number=number,
    )


def grievances_of_family(citizen: Citizen) -> QuerySet[Grievance]:
    return (
        Grievance.objects.filter(family__family_id=citizen.family_id)
        .select_related(*DETAIL_RELATED)
        .order_by("-created_at", "-pk")
    )


def grievance_for_citizen(citizen: Citizen, number: str) -> Grievance:
    """The family's own grievance; another family's is simply not found."""
    found = grievances_of_family(citizen).filter(number=number).first()
    if found is None:
        raise Http404
    return found


def thread(grievance: Grievance) -> QuerySet[GrievanceReply]:
    return grievance.replies.select_related("author_official").order_by("created_at", "pk")


@dataclass(frozen=True)
class AgeTable:
    bands: list[str]
    # One row per category: its label, a count per band, and the row's total.
    rows: list[tuple[str, list[int], int]]
    totals: list[int]
    total: int


def is_supervisor(official: Official) -> bool:
    return official.role != Role.FIELD_OFFICIAL


def open_by_category_and_age(official: Official, *, now: datetime | None = None) -> AgeTable:
    """Open grievances of a supervisor's jurisdiction by category and age since filing
    (one query, whatever the numbers)."""
    now = now or timezone.now()
    band = Case(
        *[
            When(created_at__gt=now - timedelta(days=last + 1), then=Value(i))
            for i, (_label, _first, last) in enumerate(AGE_BANDS)
            if last is not None
        ],
        default=Value(len(AGE_BANDS) - 1),
        output_field=IntegerField(),
    )
    counts = {
        (r["category"], r["band"]): r["n"]
        for r in jurisdiction.scope(official, Grievance.objects.filter(status__in=OPEN_STATUSES))
        .order_by()
        .annotate(band=band)
        .values("category", "band")
        .annotate(n=Count("pk"))
    }
    rows = []
    for category in Category:
        cells = [counts.get((category.value, i), 0) for i in range(len(AGE_BANDS))]
        rows.append((str(category.label), cells, sum(cells)))
    totals = [sum(r[1][i] for r in rows) for i in range(len(AGE_BANDS))]
    return AgeTable(
        bands=[str(label) for label, _f, _l in AGE_BANDS],
        rows=rows,
        totals=totals,
        total=sum(totals),
    )
