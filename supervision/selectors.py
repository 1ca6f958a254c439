"""What the supervisors' lists read: querysets scoped by officials.jurisdiction, narrowed by
the checked filters, in a keyset order the indexes serve.

A page is read past a cursor (the last row's key), never by OFFSET: page 1,000 of a district
costs what page 1 does. Every row's extras (the head's name, the count of members) are
correlated subqueries on the page's rows only; the field officials of a page's areas are one
query a page. Nothing is read a row at a time.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

from django.core import signing
from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone

from audit.models import AuditEvent
from audit.selectors import audit_events_visible_to
from officials import jurisdiction
from officials.models import Official, Role
from registry.models import Family, Member, Relation
from registry.selectors import LIVING
from supervision.forms import ListFilters
from supervision.models import ListKind

CURSOR_SALT = "supervision.cursor"


class BadCursor(Exception):
    """A page link that was changed by hand, or made for another list."""


def _day_start(day: Any) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _narrow(qs: models.QuerySet[Any], filters: ListFilters, area: str, when: str) -> Any:
    """The place, date and official filters, on a model whose area is at ``area``."""
    if filters.district:
        qs = qs.filter(**{f"{area}__local_body__district": filters.district})
    if filters.local_body:
        qs = qs.filter(**{f"{area}__local_body": filters.local_body})
    if filters.area:
        qs = qs.filter(**{area: filters.area})
    if filters.date_from:
        qs = qs.filter(**{f"{when}__gte": _day_start(filters.date_from)})
    if filters.date_to:
        qs = qs.filter(**{f"{when}__lt": _day_start(filters.date_to + timedelta(days=1))})
    if filters.official:
        qs = qs.filter(**{f"{area}__in": filters.official.areas.values("pk")})
    return qs


def families(official: Official, filters: ListFilters) -> models.QuerySet[Any]:
    """Families of the jurisdiction, by Family ID: the head's name and the count of living
    members as subqueries (index on the member's family)."""
    qs = _narrow(
        jurisdiction.scope(official, Family.objects.all()), filters, "area", "registered_at"
    )
    if filters.status:
        qs = qs.filter(status=filters.status)
    living = Member.objects.filter(LIVING, family=models.OuterRef("pk"))
    head = living.filter(relation=Relation.HEAD).order_by("pk")
    count = living.order_by().values("family").annotate(n=models.Count("pk")).values("n")
    return (
        qs.annotate(
            head_hi=models.Subquery(head.values("name_hi")[:1]),
            head_en=models.Subquery(head.values("name_en")[:1]),
            member_count=Coalesce(models.Subquery(count), 0),
        )
        .values(
            "family_id",
            "status",
            "registered_at",
            "head_hi",
            "head_en",
            "member_count",
            "area__name_hi",
            "area__name_en",
            "area__local_body__name_hi",
            "area__local_body__name_en",
        )
        .order_by("family_id")
    )


def pending_ekyc(official: Official, filters: ListFilters) -> models.QuerySet[Any]:
    """Living members with a Member ID in use and no e-KYC, by Family ID then member."""
    qs = jurisdiction.scope(official, Member.objects.filter(LIVING, ekyc__isnull=True))
    qs = _narrow(qs, filters, "family__area", "family__registered_at")
    if filters.status:
        qs = qs.filter(status=filters.status)
    return qs.values(
        "pk",
        "member_id",
        "name_hi",
        "name_en",
        "gender",
        "date_of_birth",
        "birth_year",
        "family__family_id",
        "family__area_id",
        "family__area__name_hi",
        "family__area__name_en",
    ).order_by("family__family_id", "pk")


def audit_events(official: Official, filters: ListFilters) -> models.QuerySet[AuditEvent]:
    """The audit log of the jurisdiction, newest first; by official (who acted) and date."""
    qs = audit_events_visible_to(official).select_related(None)
    if filters.district:
        qs = qs.filter(district=filters.district)
    if filters.local_body:
        qs = qs.filter(local_body=filters.local_body)
    if filters.area:
        qs = qs.filter(area=filters.area)
    if filters.date_from:
        qs = qs.filter(created_at__gte=_day_start(filters.date_from))
    if filters.date_to:
        qs = qs.filter(created_at__lt=_day_start(filters.date_to + timedelta(days=1)))
    if filters.official:
        qs = qs.filter(actor=filters.official)
    if filters.status:
        qs = qs.filter(event_type=filters.status)
    return qs.order_by("-created_at", "-id")


QUERIES: dict[str, Callable[[Official, ListFilters], models.QuerySet[Any]]] = {
    ListKind.FAMILIES: families,
    ListKind.PENDING_EKYC: pending_ekyc,
    ListKind.AUDIT: audit_events,
}


# --- Keyset ------------------------------------------------------------------------------


def row_key(kind: str, row: Any) -> list[Any]:
    """The last row's place in the list's order."""
    if kind == ListKind.FAMILIES:
        return [row["family_id"]]
    if kind == ListKind.PENDING_EKYC:
        return [row["family__family_id"], row["pk"]]
    return [row.created_at.isoformat(), row.pk]


def after(kind: str, qs: models.QuerySet[Any], key: list[Any]) -> models.QuerySet[Any]:
    """The rows after ``key`` in the list's order (row_key)."""
    if kind == ListKind.FAMILIES:
        return qs.filter(family_id__gt=key[0])
    if kind == ListKind.PENDING_EKYC:
        family_id, pk = key
        return qs.filter(
            models.Q(family__family_id__gt=family_id)
            | models.Q(family__family_id=family_id, pk__gt=pk)
        )
    moment, pk = datetime.fromisoformat(key[0]), key[1]
    return qs.filter(models.Q(created_at__lt=moment) | models.Q(created_at=moment, id__lt=pk))


def encode_cursor(kind: str, key: list[Any]) -> str:
    return signing.dumps([kind, key], salt=CURSOR_SALT, compress=True)


def decode_cursor(kind: str, cursor: str) -> list[Any]:
    try:
        cursor_kind, key = signing.loads(cursor[:300], salt=CURSOR_SALT)
    except (signing.BadSignature, TypeError, ValueError):
        raise BadCursor from None
    if cursor_kind != kind or not isinstance(key, list):
        raise BadCursor
    return key


@dataclass(frozen=True)
class KeysetPage:
    rows: list[Any]
    next_cursor: str | None


def list_page(
    official: Official, filters: ListFilters, *, cursor: str = "", size: int
) -> KeysetPage:
    """One page (``size`` rows, one read past it to know whether there is another)."""
    kind = filters.kind
    qs = QUERIES[kind](official, filters)
    if cursor:
        qs = after(kind, qs, decode_cursor(kind, cursor))
    rows = list(qs[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    return KeysetPage(rows, encode_cursor(kind, row_key(kind, rows[-1])) if more else None)


def area_holders(area_ids: set[int]) -> dict[int, list[str]]:
    """The active field officials of these areas (one query), as "name (user ID)"."""
    holders: dict[int, list[str]] = {}
    if not area_ids:
        return holders
    rows = (
        Official.objects.filter(role=Role.FIELD_OFFICIAL, is_active=True, areas__in=area_ids)
        .order_by("name")
        .values_list("areas", "name", "user_id")
    )
    for area_id, name, user_id in rows:
        holders.setdefault(area_id, []).append(f"{name} ({user_id})")
    return holders
