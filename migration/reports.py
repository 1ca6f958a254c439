"""Migration requests by status, type and destination district over a period (a report for
supervisors, on the page and as CSV). Grouped in the database: one query, as many rows as
districts by types by statuses at most, whatever the number of requests."""

import csv
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from io import StringIO

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import get_language

from migration.models import MigrationRequest, MigrationStatus, MigrationType
from officials import jurisdiction
from officials.models import Official

ROW_LIMIT = 2000


@dataclass(frozen=True)
class ReportRow:
    district: str
    type: str
    status: str
    count: int


def _start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def migration_report(official: Official, *, date_from: date, date_to: date) -> list[ReportRow]:
    """Requests created from ``date_from`` to ``date_to`` (both included) within the official's
    jurisdiction (by destination), counted per destination district, type and status."""
    requests = jurisdiction.scope(official, MigrationRequest.objects.all()).filter(
        created_at__gte=_start(date_from), created_at__lt=_start(date_to + timedelta(days=1))
    )
    name = "name_hi" if get_language() == "hi" else "name_en"
    grouped = (
        requests.order_by()
        .values(f"to_area__local_body__district__{name}", "type", "status")
        .annotate(count=Count("pk"))
        .order_by(f"to_area__local_body__district__{name}", "type", "status")[:ROW_LIMIT]
    )
    types, statuses = dict(MigrationType.choices), dict(MigrationStatus.choices)
    return [
        ReportRow(
            district=row[f"to_area__local_body__district__{name}"],
            type=str(types.get(row["type"], row["type"])),
            status=str(statuses.get(row["status"], row["status"])),
            count=row["count"],
        )
        for row in grouped
    ]


def report_csv(rows: list[ReportRow], headers: list[str]) -> str:
    out = StringIO()
    writer = csv.writer(out)
    writer.writerow(headers)
    for row in rows:
        # A leading =, +, - or @ would make a spreadsheet run the cell as a formula.
        cells = [row.district, row.type, row.status, str(row.count)]
        writer.writerow(["'" + c if c[:1] in "=+-@" else c for c in cells])
    return out.getvalue()
