"""Figures read when Prometheus scrapes /metrics, each with one cheap query: the task queue
(django-tasks-db's table, through its partial index on ready tasks) and, on PostgreSQL, the
server's connections to this database. A query that fails leaves its figures out and says so in
samagra_scrape_ok, so that a scrape still answers while the database is down."""

import logging
from collections.abc import Iterator

from django.conf import settings
from django.db import connection
from django.db.models import Case, Count, F, Min, When
from django.utils import timezone
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.metrics_core import Metric
from prometheus_client.registry import Collector

logger = logging.getLogger(__name__)


def _queue() -> Iterator[Metric]:
    from django_tasks_db.models import DBTaskResult, get_date_max

    now = timezone.now()
    # A task queued to run later (an SMS retry) waits from its run_after, not from its queueing.
    waiting_since = Case(When(run_after=get_date_max(), then=F("enqueued_at")), default="run_after")
    rows = (
        DBTaskResult.objects.ready()
        .order_by()
        .values("queue_name")
        .annotate(depth=Count("id"), oldest=Min(waiting_since))
    )
    depth = GaugeMetricFamily(
        "samagra_task_queue_depth",
        "Tasks ready to run and not yet taken, by queue.",
        labels=["queue"],
    )
    age = GaugeMetricFamily(
        "samagra_task_oldest_waiting_seconds",
        "How long the oldest task ready to run has waited, by queue (0 when none waits).",
        labels=["queue"],
    )
    seen = set()
    for row in rows:
        seen.add(row["queue_name"])
        depth.add_metric([row["queue_name"]], row["depth"])
        age.add_metric([row["queue_name"]], max(0.0, (now - row["oldest"]).total_seconds()))
    for queue in _configured_queues() - seen:
        depth.add_metric([queue], 0)
        age.add_metric([queue], 0)
    yield depth
    yield age


def _configured_queues() -> set[str]:
    return {q for backend in settings.TASKS.values() for q in backend.get("QUEUES", ["default"])}


def _database() -> Iterator[Metric]:
    conn_max_age = GaugeMetricFamily(
        "samagra_db_conn_max_age_seconds",
        "How long a process keeps a database connection (CONN_MAX_AGE; 0: one per request).",
        labels=["alias"],
    )
    for alias, db in settings.DATABASES.items():
        conn_max_age.add_metric([alias], db.get("CONN_MAX_AGE") or 0)
    yield conn_max_age
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT coalesce(state, 'unknown'), count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() GROUP BY 1"
        )
        by_state = cursor.fetchall()
        cursor.execute("SELECT current_setting('max_connections')::int")
        (max_connections,) = cursor.fetchone()
    server = GaugeMetricFamily(
        "samagra_db_server_connections",
        "PostgreSQL's connections to this database (pg_stat_activity), by state.",
        labels=["state"],
    )
    for state, count in by_state:
        server.add_metric([state], count)
    yield server
    yield GaugeMetricFamily(
        "samagra_db_server_max_connections",
        "PostgreSQL's max_connections (for all its databases).",
        value=max_connections,
    )


PARTS = {"task_queue": _queue, "database": _database}


class ScrapeCollector(Collector):
    def collect(self) -> Iterator[Metric]:
        ok = GaugeMetricFamily(
            "samagra_scrape_ok",
            "1 when the figures read at scrape time could be read, by part; 0 when they are "
            "missing from this scrape.",
            labels=["part"],
        )
        for name, part in PARTS.items():
            try:
                metrics = list(part())
            except Exception as exc:  # a scrape answers even with the database down
                logger.warning("metrics: %s not read (%s)", name, type(exc).__name__)
                ok.add_metric([name], 0)
                continue
            ok.add_metric([name], 1)
            yield from metrics
        yield ok
