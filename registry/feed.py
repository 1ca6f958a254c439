"""The register's change feed: one row per change a department may act on (a birth, a death, a
migration, a merge...), written by the service that makes the change, in its transaction.

A row holds IDs, dates and LGD codes only, never a name or an Aadhaar number: a department
reads the record itself (and that read is logged) when a change concerns it. Rows are never
changed or deleted (migration 0014); their id orders the feed (api.v1.feed).
"""

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from geography.models import Area
from registry.models import ChangeKind, Family, Member, RegisterChange

__all__ = ["ChangeKind", "record_change", "record_member", "record_move"]


def record_change(
    kind: ChangeKind | str,
    *,
    family: Family,
    member: Member | None = None,
    area: Area | None = None,
    details: Mapping[str, Any] | None = None,
) -> RegisterChange:
    """Write one change of ``family`` (and ``member``) at ``area`` (the family's by default;
    for a move, where it went). Must run inside the transaction of the write it records, so
    that the change and the row exist together or not at all."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("record_change must be called inside the write's transaction")
    place = area or family.area
    return RegisterChange.objects.create(
        kind=kind,
        family_id=family.family_id,
        member_id=member.member_id if member is not None else "",
        district_id=place.local_body.district_id,
        area=place,
        details=dict(details or {}),
        happened_at=timezone.now(),
    )


def record_move(
    kind: ChangeKind | str,
    *,
    family: Family,
    member: Member | None = None,
    from_area: Area,
    to_area: Area,
    details: Mapping[str, Any] | None = None,
) -> list[RegisterChange]:
    """A family or member that went from ``from_area`` to ``to_area``: told where it went, and
    also in the district it left when that is another one, so that a client of that district
    learns who left it (a statewide client sees such a move twice, once per district; the
    row's own area says which side it is). ``details`` gets both areas' LGD codes."""
    told = {**(details or {}), "from_area": from_area.lgd_code, "to_area": to_area.lgd_code}
    rows = [record_change(kind, family=family, member=member, area=to_area, details=told)]
    if from_area.local_body.district_id != to_area.local_body.district_id:
        rows.append(record_change(kind, family=family, member=member, area=from_area, details=told))
    return rows


def record_member(kind: ChangeKind | str, member: Member, **details: Any) -> RegisterChange:
    """A change of one member, at its family's area; dates and times in ``details`` are
    written in ISO 8601."""
    return record_change(
        kind,
        family=member.family,
        member=member,
        details={k: v.isoformat() if isinstance(v, date) else v for k, v in details.items()},
    )
