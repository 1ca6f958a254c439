"""The portal's Prometheus metrics, and what the code calls to count.

Counted as things happen (in the process where they happen): requests by view name, method and
status class, and their time; unhandled exceptions; SMS queued, sent, retried and failed by
kind; OTPs issued and refused, OTPs that failed to verify; failed sign-ins; where the reads
that may use the read replica went (ops.replicas), and its lag. Read at scrape time
(ops.scrape): the task queue's depth and oldest waiting task, and the database's connections.

Gunicorn's several workers and the task worker are separate processes: with
PROMETHEUS_MULTIPROC_DIR set (to an empty folder, the same for gunicorn and run_worker on a
host, emptied before they start) each process writes its counts there and /metrics adds them up
(prometheus_client's multiprocess mode); without it each process counts for itself, which is
right for one process (./bin/run, tests).
"""

import os
from collections.abc import Iterator

from django.db import connections
from prometheus_client import REGISTRY, CollectorRegistry, Counter, Gauge, Histogram
from prometheus_client.metrics_core import Metric
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector

REQUESTS = Counter(
    "samagra_http_requests",
    "Requests answered, by view name, method and status class (2xx, 4xx, 5xx).",
    ["view", "method", "status"],
)
REQUEST_SECONDS = Histogram(
    "samagra_http_request_duration_seconds",
    "Time from the request's arrival to its answer, by view name and method.",
    ["view", "method"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)
EXCEPTIONS = Counter(
    "samagra_http_unhandled_exceptions",
    "Exceptions no view handled (each answered 500), by view name and exception class.",
    ["view", "exception"],
)
SMS = Counter(
    "samagra_sms",
    "SMS by kind and outcome: queued, sent (the gateway took it), retrying (an attempt the "
    "gateway refused, to be tried again), failed (given up).",
    ["kind", "outcome"],
)
OTPS_ISSUED = Counter(
    "samagra_otps_issued",
    "OTP challenges issued by the portal, and OTPs UIDAI was asked to send, by purpose.",
    ["purpose"],
)
OTPS_REFUSED = Counter(
    "samagra_otps_rate_limited",
    "OTP requests refused by a wait or an hourly cap, by purpose.",
    ["purpose"],
)
OTP_FAILURES = Counter(
    "samagra_otp_verify_failures",
    "OTPs that did not verify, by purpose and reason (wrong, expired, no_longer_valid, "
    "too_many_tries).",
    ["purpose", "reason"],
)
SIGN_IN_FAILURES = Counter(
    "samagra_sign_in_failures",
    "Failed sign-ins by flow: official_password (wrong user ID or password, or an inactive "
    "account), official_waiting (refused while the client must wait), django (Django's "
    "user_login_failed). Citizens' OTP sign-ins are in samagra_otp_verify_failures.",
    ["flow"],
)
DB_CONNECTIONS_OPEN = Gauge(
    "samagra_db_connections_open",
    "Database connections the web processes hold open after their latest request (kept for "
    "CONN_MAX_AGE), summed over the live processes.",
    ["alias"],
    multiprocess_mode="livesum",
)
REPLICA_DECISIONS = Counter(
    "samagra_db_replica_decisions",
    "Pages and tasks whose reads may use the read replica, by where they went: replica, or "
    "the primary because the client wrote a moment ago (sticky), the replica was too far "
    "behind (lagging) or did not answer (unreachable).",
    ["outcome"],
)
REPLICA_LAG = Gauge(
    "samagra_db_replica_lag_seconds",
    "The read replica's lag at its latest check (-1: unknown, nothing replayed yet).",
    multiprocess_mode="max",
)

METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


def method_label(method: str | None) -> str:
    """The method, or "other": a label must not take any value a client sends."""
    return method if method in METHODS else "other"


def request_observed(*, view: str, method: str, status: int, seconds: float) -> None:
    method = method_label(method)
    REQUESTS.labels(view=view, method=method, status=f"{status // 100}xx").inc()
    REQUEST_SECONDS.labels(view=view, method=method).observe(seconds)


def exception_unhandled(*, view: str, exception: str) -> None:
    EXCEPTIONS.labels(view=view, exception=exception).inc()


def db_connections_noted() -> None:
    """Note how many connections this process holds open (after a request)."""
    for alias in connections:
        is_open = connections[alias].connection is not None
        DB_CONNECTIONS_OPEN.labels(alias=alias).set(1 if is_open else 0)


def replica_decided(outcome: str) -> None:
    REPLICA_DECISIONS.labels(outcome=outcome).inc()


def replica_lag_observed(seconds: float | None) -> None:
    REPLICA_LAG.set(-1 if seconds is None else seconds)


def sms_counted(*, kind: str, outcome: str) -> None:
    """Count an SMS outcome as it is written. Not deferred to the commit: the sends' callbacks
    stay the only ones (tests count them), and a transaction that rolls back after writing an
    outcome is rare enough (a database error) to leave a count one high."""
    SMS.labels(kind=kind, outcome=outcome).inc()


def otp_issued(*, purpose: str) -> None:
    OTPS_ISSUED.labels(purpose=purpose).inc()


def otp_rate_limited(*, purpose: str) -> None:
    OTPS_REFUSED.labels(purpose=purpose).inc()


def otp_verify_failed(*, purpose: str, reason: str) -> None:
    OTP_FAILURES.labels(purpose=purpose, reason=reason).inc()


def sign_in_failed(*, flow: str) -> None:
    SIGN_IN_FAILURES.labels(flow=flow).inc()


class _Together(Collector):
    """Several registries' metrics as one exposition."""

    def __init__(self, *parts: Collector) -> None:
        self.parts = parts

    def collect(self) -> Iterator[Metric]:
        for part in self.parts:
            yield from part.collect()


def exposition_registry(scrape: Collector) -> Collector:
    """What /metrics shows: the counts (this process's, or all processes' in multiprocess
    mode) and the figures read at scrape time."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        counts = CollectorRegistry()
        MultiProcessCollector(counts)
        return _Together(counts, scrape)
    return _Together(REGISTRY, scrape)
