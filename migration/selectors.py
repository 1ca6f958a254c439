"""Reads of migration requests: the citizen's own, an official's pending and moved-out lists,
and what is overdue."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.http import Http404
from django.utils import timezone

from identity.actors import Citizen
from migration.models import MigrationRequest, MigrationStatus
from officials import jurisdiction
from officials.models import Official
from registry.models import Family

_PLACES = (
    "family",
    "from_area__local_body__district",
    "from_village",
    "to_area__local_body__district",
    "to_village",
    "holder",
)


def open_migration_for(family: Family) -> MigrationRequest | None:
    """The family's pending migration request, if any. While there is one, the family's
    address may not be changed by other means (births and deaths are still recorded)."""
    return MigrationRequest.objects.filter(family=family, status=MigrationStatus.PENDING).first()


def requests_of_citizen(citizen: Citizen) -> models.QuerySet[MigrationRequest]:
    return MigrationRequest.objects.filter(family__family_id=citizen.family_id).select_related(
        *_PLACES
    )


def request_for_citizen(citizen: Citizen, number: str) -> MigrationRequest:
    found = requests_of_citizen(citizen).filter(number=number).first()
    if found is None:
        raise Http404
    return found


def pending_for_official(official: Official) -> models.QuerySet[MigrationRequest]:
    """Pending requests into the official's areas, oldest first (SOP step 7)."""
    return (
        jurisdiction.scope(official, MigrationRequest.objects.all())
        .filter(status=MigrationStatus.PENDING)
        .select_related(*_PLACES)
        .order_by("created_at", "pk")
    )


def request_for_official(official: Official, number: str) -> MigrationRequest:
    """A request the official may review: into their jurisdiction (destination), or out of it
    (the source's officials see where a family went)."""
    found = (
        (
            jurisdiction.scope(official, MigrationRequest.objects.all())
            | jurisdiction.scope(official, MigrationRequest.objects.all(), path="from_area")
        )
        .select_related(*_PLACES)
        .filter(number=number)
        .first()
    )
    if found is None:
        raise Http404
    return found


def moved_out_for_official(official: Official) -> models.QuerySet[MigrationRequest]:
    """Families that left the official's areas (approved requests out of them), newest first."""
    return (
        jurisdiction.scope(official, MigrationRequest.objects.all(), path="from_area")
        .filter(status=MigrationStatus.APPROVED)
        .select_related(*_PLACES)
        .order_by("-decided_at", "-pk")
    )


def overdue_cutoff() -> datetime:
    return timezone.now() - timedelta(days=settings.MIGRATION_OVERDUE_DAYS)


@dataclass(frozen=True)
class OverdueCounts:
    days: int
    by_official: list[dict[str, object]]
    by_area: list[dict[str, object]]
    total: int


def migration_overdue_counts(official: Official) -> OverdueCounts:
    """Pending requests waiting longer than SAMAGRA_OVERDUE_DAYS_MIGRATION, in the official's
    jurisdiction, counted per holding official and per destination area (circular ¶4)."""
    overdue = jurisdiction.scope(official, MigrationRequest.objects.all()).filter(
        status=MigrationStatus.PENDING, held_since__lt=overdue_cutoff()
    )
    by_official = list(
        overdue.values("holder__user_id", "holder__name")
        .annotate(count=models.Count("pk"), oldest=models.Min("held_since"))
        .order_by("-count", "holder__name")[:200]
    )
    by_area = list(
        overdue.values(
            "to_area__name_en",
            "to_area__name_hi",
            "to_area__local_body__name_en",
            "to_area__local_body__name_hi",
        )
        .annotate(count=models.Count("pk"), oldest=models.Min("held_since"))
        .order_by("-count", "to_area__name_en")[:200]
    )
    return OverdueCounts(
        days=settings.MIGRATION_OVERDUE_DAYS,
        by_official=by_official,
        by_area=by_area,
        total=sum(int(row["count"]) for row in by_area),  # type: ignore[call-overload]
    )
