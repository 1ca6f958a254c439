"""Filling AreaDayFigures: one day's figures for every area, a district at a time.

Run from cron (``manage.py dashboards_compute``, see docs in the notes): hourly for today, so the
pages are at most an hour behind, and once after midnight for yesterday, so that its row holds
the whole day. Recomputing a day replaces its rows: safe to repeat, and to backfill.

The register's standing figures (families, members, e-KYCs) are three grouped queries over the
whole state; then a district costs four queries whatever its size (its areas, the change feed's
rows of the day, the two upserts), so the state's 52 districts cost about 210.
Local bodies' rows are the sums of their areas', so that a district's page over a year reads
local bodies' days, not every area's; districts' rows are the sums of their local bodies', for
the state's page.
"""

from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from dashboards.models import AreaDayFigures, DistrictDayFigures, LocalBodyDayFigures
from geography.models import Area, District
from identity.models import MemberEkyc
from registry.models import ChangeKind, Family, FamilyStatus, Member, MemberStatus, RegisterChange

FLOW_KINDS = {
    ChangeKind.FAMILY_REGISTERED: "families_registered",
    ChangeKind.BIRTH: "births",
    ChangeKind.DEATH: "deaths",
}
COUNTED = [
    "families",
    "members",
    "ekyc_done",
    "families_registered",
    "births",
    "deaths",
    "moved_in",
    "moved_out",
]


def _day_bounds(day: date) -> tuple[datetime, datetime]:
    start = timezone.make_aware(datetime.combine(day, time.min))
    return start, start + timedelta(days=1)


def _counts(queryset: Any, key: str) -> dict[int, int]:
    return dict(queryset.order_by().values_list(key).annotate(n=Count("pk")))


def _snapshots() -> dict[str, dict[int, int]]:
    """The register as it stands, counted per area: one pass over families, members and
    e-KYCs for the whole state (per district, the planner would read the members once for
    every district)."""
    living = {"status": MemberStatus.ACTIVE, "is_deceased": False}
    return {
        "families": _counts(Family.objects.filter(status=FamilyStatus.ACTIVE), "area_id"),
        "members": _counts(Member.objects.filter(**living), "family__area_id"),
        "ekyc_done": _counts(
            MemberEkyc.objects.filter(
                member__status=MemberStatus.ACTIVE, member__is_deceased=False
            ),
            "member__family__area_id",
        ),
    }


def _district_figures(
    district_id: int, day: date, snapshots: dict[str, dict[int, int]]
) -> tuple[dict[int, dict[str, int]], dict[int, int]]:
    """Each area's figures, and each area's local body."""
    places = list(
        Area.objects.filter(local_body__district_id=district_id).values_list(
            "pk", "lgd_code", "local_body_id"
        )
    )
    areas = {pk: code for pk, code, _ in places}
    body_of = {pk: body for pk, _, body in places}
    by_code = {code: pk for pk, code in areas.items()}
    figures: dict[int, dict[str, int]] = {pk: dict.fromkeys(COUNTED, 0) for pk in areas}
    for field, counts in snapshots.items():
        for area_id in figures.keys() & counts.keys():
            figures[area_id][field] = counts[area_id]
    start, end = _day_bounds(day)
    changes = (
        RegisterChange.objects.filter(
            district_id=district_id, happened_at__gte=start, happened_at__lt=end
        )
        .filter(kind__in=[*FLOW_KINDS, ChangeKind.MIGRATED])
        .order_by()
        .values_list("area_id", "kind", "details__from_area", "details__to_area")
        .annotate(n=Count("pk"))
    )
    for area_id, kind, from_area, to_area, n in changes:
        # SQLite reads a JSON string of digits back as a number.
        from_code, to_code = str(from_area), str(to_area)
        if kind in FLOW_KINDS:
            figures[area_id][FLOW_KINDS[kind]] += n
        elif areas[area_id] == to_code:
            # A migration is written where the family went, and again where it left when that
            # is another district (registry.feed.record_move): each side is counted once.
            figures[area_id]["moved_in"] += n
            if from_code in by_code:
                figures[by_code[from_code]]["moved_out"] += n
        else:
            figures[area_id]["moved_out"] += n
    return figures, body_of


def figures_compute(*, day: date) -> int:
    """Compute (or recompute) every area's and local body's figures for ``day``; returns the
    area rows written."""
    written = 0
    now = timezone.now()
    snapshots = _snapshots()
    for district_id in District.objects.order_by("pk").values_list("pk", flat=True):
        figures, body_of = _district_figures(district_id, day, snapshots)
        bodies: dict[int, dict[str, int]] = {}
        for area_id, values in figures.items():
            total = bodies.setdefault(body_of[area_id], dict.fromkeys(COUNTED, 0))
            for name, n in values.items():
                total[name] += n
        with transaction.atomic():
            _upsert(
                AreaDayFigures,
                "area",
                [
                    AreaDayFigures(area_id=k, day=day, computed_at=now, **v)
                    for k, v in figures.items()
                ],
            )
            _upsert(
                LocalBodyDayFigures,
                "local_body",
                [
                    LocalBodyDayFigures(local_body_id=k, day=day, computed_at=now, **v)
                    for k, v in bodies.items()
                ],
            )
            district = dict.fromkeys(COUNTED, 0)
            for values in bodies.values():
                for name, n in values.items():
                    district[name] += n
            _upsert(
                DistrictDayFigures,
                "district",
                [DistrictDayFigures(district_id=district_id, day=day, computed_at=now, **district)],
            )
        written += len(figures)
    return written


def _upsert(model: Any, place: str, rows: list[Any]) -> None:
    model.objects.bulk_create(
        rows,
        batch_size=2000,
        update_conflicts=True,
        unique_fields=[place, "day"],
        update_fields=[*COUNTED, "computed_at"],
    )


def figures_compute_recent(*, days: int = 1, today: date | None = None) -> int:
    """Today's figures and the ``days - 1`` days before it."""
    today = today or timezone.localdate()
    return sum(figures_compute(day=today - timedelta(days=n)) for n in range(days))
