"""Reads for the portal's pages about the API: the state admin's list of clients and a client's
figures, and a citizen's "who saw my data".

Every read of ``ApiRead`` here is narrowed by its indexes: (client, -read_at) for a client's
figures, (family_id, -read_at) for a family's reads. An export logs one row per family it
wrote, so a client's rows can run to millions: counts are taken over a window of days, and
the list's 30-day count stops at READS_COUNT_CAP.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import connection
from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.expressions import RawSQL
from django.db.models.functions import TruncDate
from django.utils import timezone

from api.models import ApiRead, DepartmentClient
from registry.models import Family, FamilyStatus

LIST_WINDOW_DAYS = 30
FIGURES_DAYS = 14
READS_COUNT_CAP = 100_000
LATEST_READS = 20
# Families merged into the citizen's, and those merged into them: a few steps at most.
MERGE_DEPTH = 5


def _capped_reads_since(since: datetime) -> RawSQL:
    """The client's reads since ``since``, counted up to READS_COUNT_CAP: the inner LIMIT
    keeps a client whose exports logged millions of rows from slowing the whole list."""
    reads = ApiRead._meta.db_table
    clients = DepartmentClient._meta.db_table
    sql = (
        f'SELECT COUNT(*) FROM (SELECT 1 FROM "{reads}" r WHERE r."client_id" = '  # noqa: S608 (table names from the models; values as parameters)
        f'"{clients}"."id" AND r."read_at" >= %s LIMIT %s) capped'
    )
    return RawSQL(  # noqa: S611 (as above)
        sql,
        (connection.ops.adapt_datetimefield_value(since), READS_COUNT_CAP),
        output_field=IntegerField(),
    )


def clients_for_list() -> QuerySet[DepartmentClient]:
    """Every client, by name, with its reads of the last 30 days and its last read."""
    since = timezone.now() - timedelta(days=LIST_WINDOW_DAYS)
    last = ApiRead.objects.filter(client=OuterRef("pk")).order_by("-read_at").values("read_at")
    return (
        DepartmentClient.objects.prefetch_related("districts")
        .annotate(recent_reads=_capped_reads_since(since), last_read_at=Subquery(last[:1]))
        .order_by("name", "pk")
    )


def client_by_id(client_id: str) -> DepartmentClient | None:
    return (
        DepartmentClient.objects.prefetch_related("districts")
        .select_related("created_by")
        .filter(client_id=client_id[:40])
        .first()
    )


@dataclass(frozen=True)
class ClientFigures:
    days: list[tuple[date, int]]
    total: int
    families: int
    by_operation: list[dict[str, object]]
    latest: list[ApiRead]
    since: date


def client_figures(client: DepartmentClient, *, today: date | None = None) -> ClientFigures:
    """Reads of the last FIGURES_DAYS days (India time): per day, by operation and purpose,
    the families read, and the latest reads. Four queries, each on (client, read_at)."""
    today = today or timezone.localdate()
    first = today - timedelta(days=FIGURES_DAYS - 1)
    tz = timezone.get_current_timezone()
    window = ApiRead.objects.filter(
        client=client,
        read_at__gte=datetime.combine(first, time.min, tzinfo=tz),
    ).order_by()
    per_day = {
        row["day"]: row["n"]
        for row in window.annotate(day=TruncDate("read_at", tzinfo=tz))
        .values("day")
        .annotate(n=Count("pk"))
    }
    days = [
        (first + timedelta(days=i), per_day.get(first + timedelta(days=i), 0))
        for i in range(FIGURES_DAYS)
    ]
    by_operation = list(
        window.values("operation", "purpose")
        .annotate(n=Count("pk"))
        .order_by("-n", "operation")[:50]
    )
    families = window.aggregate(n=Count("family_id", distinct=True))["n"]
    latest = list(ApiRead.objects.filter(client=client).order_by("-read_at", "-pk")[:LATEST_READS])
    return ClientFigures(
        days=days,
        total=sum(n for _day, n in days),
        families=families,
        by_operation=by_operation,
        latest=latest,
        since=first,
    )


def family_ids_read_as(family_id: str) -> list[str]:
    """The family's ID and those of the families merged into it (and into them): their reads
    are the family's too. One query a step, MERGE_DEPTH steps at most."""
    found = [family_id]
    frontier = [family_id]
    for _step in range(MERGE_DEPTH):
        frontier = list(
            Family.objects.filter(
                merged_into__family_id__in=frontier, status=FamilyStatus.MERGED
            ).values_list("family_id", flat=True)
        )
        if not frontier:
            break
        found.extend(frontier)
    return found


def reads_of_family(family_id: str) -> QuerySet[ApiRead]:
    """Every read of the family's data, newest first, with the client that read it."""
    return (
        ApiRead.objects.filter(family_id__in=family_ids_read_as(family_id))
        .select_related("client")
        .only(
            "purpose",
            "operation",
            "family_id",
            "member_ids",
            "scopes",
            "read_at",
            "client__name",
            "client__department",
        )
        .order_by("-read_at", "-pk")
    )
