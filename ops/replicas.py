"""Reads from a streaming replica, where a page says it may (docs/deployment.md, "Read replicas").

With SAMAGRA_REPLICA_DATABASE_URL set, settings add a ``replica`` database; without it nothing
here changes anything: every query goes to ``default``, as it always did.

Nothing is sent to the replica blindly. A read goes there only when all of these hold:

- it runs inside ``replica_reads()`` (a context manager, for the export tasks) or a view
  decorated with ``replica_reads_on_get`` (searches, lists, dashboards, the API's reads), and
  the request is a GET or HEAD;
- no transaction is open on the primary (a read inside a transaction that writes sees that
  transaction's own rows only there);
- the request has written nothing yet, and the client wrote nothing in the last
  SAMAGRA_REPLICA_STICKY_SECONDS (read-your-writes: ``ReplicaStickyMiddleware`` leaves a
  signed cookie after any write, the audited ones included, and reads stay on the primary while
  it lasts);
- the replica is reachable and at most SAMAGRA_REPLICA_MAX_LAG_SECONDS behind (checked at most
  every SAMAGRA_REPLICA_CHECK_SECONDS per process; otherwise reads go to the primary, a log line
  and ``samagra_db_replica_decisions`` say why);
- the model is not one that decides who may read (officials, department clients and their
  tokens, sessions) or a job row polled right after it is written (exports, tasks).

Writes always go to the primary, and only the primary is migrated.
"""

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime
from functools import wraps
from typing import Any, TypeVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from ops import metrics

logger = logging.getLogger(__name__)

REPLICA = "replica"
STICKY_COOKIE = "samagra_primary"
STICKY_SALT = "ops.replicas.sticky"
SAFE_METHODS = frozenset({"GET", "HEAD"})

# Read on the primary always: who may read (a revoked client, a deactivated official, a
# session just signed in must not linger for the replica's lag), and job rows a client polls
# right after asking for them.
PRIMARY_ONLY_APPS = frozenset({"sessions", "django_tasks_db", "django_tasks"})
PRIMARY_ONLY_MODELS = frozenset(
    {
        "officials.official",
        "officials.loginfailure",
        "api.departmentclient",
        "api.departmentclient_districts",
        "api.apitoken",
        "api.apiexport",
        "supervision.listexport",
    }
)

# The replica's own view of its lag. Replay timestamps age on an idle primary (nothing to
# replay), so a standby that has replayed all it received from a live stream is 0 behind; the
# receiver's status is visible to superusers and pg_read_all_stats (pg_monitor) only, and NULL
# (unknown) then counts as streaming. A server that is not in recovery is never behind.
LAG_SQL = """
SELECT CASE
    WHEN NOT pg_is_in_recovery() THEN 0
    WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn()
         AND coalesce((SELECT status FROM pg_stat_wal_receiver), 'streaming') = 'streaming'
        THEN 0
    ELSE extract(epoch FROM now() - pg_last_xact_replay_timestamp())
END
"""


@dataclass
class _RequestState:
    sticky: bool = False  # the client wrote a moment ago (the cookie)
    wrote: bool = False  # this request has written


_request: ContextVar[_RequestState | None] = ContextVar("replica_request", default=None)
_reading: ContextVar[bool] = ContextVar("replica_reading", default=False)


@dataclass
class _Health:
    checked_at: float = float("-inf")
    outcome: str = "replica"  # or "lagging", "unreachable"


_health = _Health()


def replica_configured() -> bool:
    return REPLICA in connections


def forget_replica_health() -> None:
    """Check the replica afresh at the next read (tests; after a failover)."""
    _health.checked_at = float("-inf")


def replica_lag_seconds() -> float | None:
    """How far the replica is behind, asked of the replica itself (None: behind by an unknown
    time, e.g. it has replayed nothing since it started). Only PostgreSQL's standbys lag."""
    if connections[REPLICA].vendor != "postgresql":
        return 0.0
    with connections[REPLICA].cursor() as cursor:
        cursor.execute(LAG_SQL)
        (lag,) = cursor.fetchone()
    return None if lag is None else max(0.0, float(lag))


# The primary's time up to which the replica holds every committed transaction: the commit time
# of the last one it replayed (commits replay in order). A server not in recovery holds all.
HORIZON_SQL = """
SELECT CASE WHEN pg_is_in_recovery() THEN pg_last_xact_replay_timestamp() ELSE now() END
"""


def replica_horizon() -> datetime | None:
    """Every transaction the primary committed before this time is on the replica (None: it
    has replayed none since it started). Unlike the lag, it does not read 0 when the replica
    has replayed all it received: a reader that must not miss a row (the change feed) asks
    this. Only PostgreSQL's standbys replay; any other replica holds all, now."""
    if connections[REPLICA].vendor != "postgresql":
        return timezone.now()
    with connections[REPLICA].cursor() as cursor:
        cursor.execute(HORIZON_SQL)
        (horizon,) = cursor.fetchone()
    return horizon if isinstance(horizon, datetime) else None


def _replica_outcome() -> str:
    """ "replica" when reads may go there now, else why not; checked at most every
    REPLICA_CHECK_SECONDS in this process."""
    now = time.monotonic()
    if now - _health.checked_at < settings.REPLICA_CHECK_SECONDS:
        return _health.outcome
    try:
        lag = replica_lag_seconds()
    except DatabaseError as exc:
        connections[REPLICA].close()
        outcome = "unreachable"
        logger.warning("replica unreachable, reads go to the primary: %s", type(exc).__name__)
    else:
        metrics.replica_lag_observed(lag)
        if lag is not None and lag <= settings.REPLICA_MAX_LAG_SECONDS:
            outcome = "replica"
        else:
            outcome = "lagging"
            logger.warning(
                "replica %s behind (limit %ss), reads go to the primary",
                "an unknown time" if lag is None else f"{lag:.1f}s",
                settings.REPLICA_MAX_LAG_SECONDS,
            )
    _health.checked_at, _health.outcome = now, outcome
    return outcome


def _decide() -> bool:
    """Whether the reads about to start may use the replica (counted, by outcome)."""
    if not replica_configured():
        return False
    state = _request.get()
    if state is not None and (state.sticky or state.wrote):
        outcome = "sticky"
    else:
        outcome = _replica_outcome()
    metrics.replica_decided(outcome)
    return outcome == "replica"


@contextmanager
def replica_reads() -> Iterator[bool]:
    """Reads inside may go to the replica (see the module's docstring for when they do not).
    Yields whether the replica was chosen."""
    chosen = _decide()
    token = _reading.set(chosen)
    try:
        yield chosen
    finally:
        _reading.reset(token)


View = TypeVar("View", bound=Callable[..., Any])


def replica_reads_on_get(view: View) -> View:
    """A view whose GET and HEAD only read: its reads may go to the replica. Any other method
    runs as before, on the primary. Put it below the authorisation decorator, so that the
    session and the signed-in official are read on the primary first."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if request.method not in SAFE_METHODS:
            return view(request, *args, **kwargs)
        with replica_reads():
            return view(request, *args, **kwargs)

    return wrapper  # type: ignore[return-value]


def _primary_only(model: type[Model]) -> bool:
    meta = model._meta
    return meta.app_label in PRIMARY_ONLY_APPS or meta.label_lower in PRIMARY_ONLY_MODELS


class ReplicaRouter:
    """settings.DATABASE_ROUTERS: reads to the replica under the rules above, all else to the
    primary. Without a replica it has no opinion (Django's own choice, ``default``)."""

    def db_for_read(self, model: type[Model], **hints: Any) -> str | None:
        if not replica_configured():
            return None
        # Said outright, not left to Django: it would follow a row read from the replica
        # (its related rows, read later) back to the replica.
        if not _reading.get() or _primary_only(model):
            return DEFAULT_DB_ALIAS
        state = _request.get()
        if state is not None and state.wrote:
            return DEFAULT_DB_ALIAS
        if connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        return REPLICA

    def db_for_write(self, model: type[Model], **hints: Any) -> str | None:
        state = _request.get()
        # A session refreshed is not the client's own write (it happens every few minutes).
        if state is not None and model._meta.app_label != "sessions":
            state.wrote = True
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Model, obj2: Model, **hints: Any) -> bool | None:
        # The replica is a copy of the primary: a row read from one may point to the other's.
        return True if {obj1._state.db, obj2._state.db} <= {DEFAULT_DB_ALIAS, REPLICA} else None

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        return db == DEFAULT_DB_ALIAS


class ReplicaStickyMiddleware:
    """Read-your-writes: a request that wrote leaves a signed cookie for
    SAMAGRA_REPLICA_STICKY_SECONDS, and while it lasts the client's reads stay on the primary.
    Without a replica it does nothing (no cookie)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not replica_configured():
            return self.get_response(request)
        seconds = settings.REPLICA_STICKY_SECONDS
        sticky = STICKY_COOKIE in request.COOKIES and (
            request.get_signed_cookie(STICKY_COOKIE, None, salt=STICKY_SALT, max_age=seconds)
            is not None
        )
        state = _RequestState(sticky=sticky)
        token = _request.set(state)
        try:
            response = self.get_response(request)
        finally:
            _request.reset(token)
        if state.wrote and seconds > 0:
            response.set_signed_cookie(
                STICKY_COOKIE,
                "1",
                salt=STICKY_SALT,
                max_age=seconds,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response
