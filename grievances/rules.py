"""Deadlines and owners: how long a grievance may wait at one level, and who holds it there."""

from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from geography.models import Area
from grievances.models import OPEN_STATUSES, Category, Grievance, Level, Status
from officials.models import Official, Role

# Field official → local body officer → district officer; the district is the top.
NEXT_LEVEL = {Level.FIELD: Level.LOCAL_BODY, Level.LOCAL_BODY: Level.DISTRICT}


def days_for(category: str) -> int:
    """Days to answer at one level (SAMAGRA_GRIEVANCE_DAYS, by category)."""
    days = settings.GRIEVANCE_DAYS
    unknown = set(days) - set(Category.values)
    if unknown:
        raise ImproperlyConfigured(
            f"SAMAGRA_GRIEVANCE_DAYS has unknown categories {sorted(unknown)}; "
            f"choose among {Category.values}."
        )
    try:
        value = int(days[category])
    except (KeyError, ValueError):
        raise ImproperlyConfigured(
            f"SAMAGRA_GRIEVANCE_DAYS must give a whole number of days for {category!r}."
        ) from None
    if value < 1:
        raise ImproperlyConfigured(f"SAMAGRA_GRIEVANCE_DAYS[{category!r}] must be at least 1.")
    return value


def shortest_days() -> int:
    return min(days_for(c) for c in Category.values)


def deadline(category: str, start: datetime) -> datetime:
    return start + timedelta(days=days_for(category))


def accept_days() -> int:
    """Days the family has to answer a closure (SAMAGRA_GRIEVANCE_ACCEPT_DAYS)."""
    value = settings.GRIEVANCE_ACCEPT_DAYS
    if not isinstance(value, int) or value < 1:
        raise ImproperlyConfigured("SAMAGRA_GRIEVANCE_ACCEPT_DAYS must be at least 1.")
    return value


def reopen_until(grievance: Grievance) -> datetime | None:
    """Until when the family may reopen a closure it has not answered; after that the answer
    counts as accepted (grievances.services.grievances_accept_unanswered). None unless the
    grievance waits for the family's answer."""
    if grievance.status != Status.CLOSED or grievance.closed_at is None:
        return None
    return grievance.closed_at + timedelta(days=accept_days())


def _candidates(area: Area, level: str) -> QuerySet[Official]:
    officials = Official.objects.filter(is_active=True, role=level)
    match level:
        case Level.FIELD:
            return officials.filter(areas=area)
        case Level.LOCAL_BODY:
            return officials.filter(local_body_id=area.local_body_id)
    return officials.filter(district_id=area.local_body.district_id)


def _least_loaded(area: Area, level: str) -> Official | None:
    """The active official of the level who holds the fewest open grievances; among equals,
    the first registered (lowest pk), so that the choice is the same on every run."""
    held = (
        Grievance.objects.filter(holder=OuterRef("pk"), status__in=OPEN_STATUSES)
        .order_by()
        .values("holder")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        _candidates(area, level)
        .annotate(open_grievances=Coalesce(Subquery(held, output_field=IntegerField()), 0))
        .order_by("open_grievances", "pk")
        .first()
    )


def owner(area: Area, level: str) -> tuple[str, Official | None]:
    """The level and official that hold a grievance of the area from ``level`` up: a level
    with nobody to act (no field official in the area, no officer in the local body) passes it
    straight up. At the district with no officer it waits with no holder, shown as such."""
    current: str | None = level
    while current is not None:
        holder = _least_loaded(area, current)
        if holder is not None:
            return current, holder
        if current == Level.DISTRICT:
            break
        current = NEXT_LEVEL.get(Level(current))
    return Level.DISTRICT, None


# A role ranks above a level when it supervises that level's officials.
RANK = {
    Role.FIELD_OFFICIAL: 0,
    Role.LOCAL_BODY_OFFICER: 1,
    Role.DISTRICT_OFFICER: 2,
    Role.STATE_ADMIN: 3,
}


def may_close(official: Official, grievance: Grievance) -> bool:
    """The holder, or an official above the grievance's level (the caller has already checked
    that the grievance lies in the official's jurisdiction)."""
    if grievance.holder_id == official.pk:
        return True
    return RANK.get(Role(official.role), -1) > RANK[Role(grievance.level)]
