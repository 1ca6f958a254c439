"""When work goes up a level and to whom (SAMAGRA_ESCALATE_AFTER_DAYS)."""

from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Q

from escalation.models import Level
from officials.models import Official, Role
from registration.accountability import WORK_KINDS, WorkKind

# The roles that already sit at or above a level: an item they hold does not go up to it.
AT_OR_ABOVE = {
    Level.LOCAL_BODY: (Role.LOCAL_BODY_OFFICER, Role.DISTRICT_OFFICER, Role.STATE_ADMIN),
    Level.DISTRICT: (Role.DISTRICT_OFFICER, Role.STATE_ADMIN),
}


def after_days(level: str) -> int:
    """Days an item may stay overdue before it goes up to ``level``."""
    days = settings.ESCALATE_AFTER_DAYS
    unknown = set(days) - set(Level.values)
    if unknown:
        raise ImproperlyConfigured(
            f"SAMAGRA_ESCALATE_AFTER_DAYS has unknown levels {sorted(unknown)}; "
            f"choose among {Level.values}."
        )
    try:
        value = int(days[level])
    except (KeyError, ValueError, TypeError):
        raise ImproperlyConfigured(
            f"SAMAGRA_ESCALATE_AFTER_DAYS must give a whole number of days for {level!r}."
        ) from None
    if value < 0:
        raise ImproperlyConfigured(f"SAMAGRA_ESCALATE_AFTER_DAYS[{level!r}] must be 0 or more.")
    if level == Level.DISTRICT and value <= after_days(Level.LOCAL_BODY):
        raise ImproperlyConfigured(
            "SAMAGRA_ESCALATE_AFTER_DAYS: the district's days must be more than the local body's."
        )
    return value


def unowned() -> Q:
    """Nobody can act on the item: no holder, or one no longer active."""
    return Q(holder__isnull=True) | Q(holder__is_active=False)


def due(kind: WorkKind, level: str, now: datetime) -> Q:
    """The items of the kind that go up to ``level`` at ``now``: overdue for longer than the
    level's days (and, for the local body, at once when nobody can act on them), unless an
    active official at or above the level holds them already."""
    overdue = kind.overdue(now - timedelta(days=after_days(level)))
    at_or_above = Q(holder__is_active=True, holder__role__in=AT_OR_ABOVE[Level(level)])
    if level == Level.LOCAL_BODY:
        return (overdue | unowned()) & ~at_or_above
    return overdue & ~at_or_above


def escalating_kinds() -> list[WorkKind]:
    return [k for k in WORK_KINDS if not k.escalated_by_itself]


def kind_for(key: str) -> WorkKind | None:
    return next((k for k in WORK_KINDS if k.key == key), None)


def officer_for(level: str, *, local_body_id: int, district_id: int) -> Official | None:
    """The officer at the level for the place: the longest serving active one."""
    officers = Official.objects.filter(is_active=True).order_by("created_at", "pk")
    if level == Level.LOCAL_BODY:
        return officers.filter(role=Role.LOCAL_BODY_OFFICER, local_body_id=local_body_id).first()
    return officers.filter(role=Role.DISTRICT_OFFICER, district_id=district_id).first()
