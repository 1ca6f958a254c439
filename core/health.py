"""What /healthz reports: whether the database, the task queue (a table in it) and the shared
cache answer. A load balancer reads it, so it is answered before sessions, sign-in and language
are looked at (core.middleware.HealthzMiddleware): those read the database and the cache, and a
browser's session cookie would otherwise turn a "database down" answer into an error page.

Only names of checks and of exception classes are reported, never a message: an exception's
text can hold a host name, a port or a user name."""

import secrets
from collections.abc import Callable

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse

HEALTHZ_PATH = "/healthz"


def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _queue() -> None:
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.exists()


def _cache() -> None:
    token = secrets.token_hex(8)
    cache.set("healthz", token, 10)
    if cache.get("healthz") != token:
        raise LookupError("the cache did not keep a value")


CHECKS: dict[str, Callable[[], None]] = {"database": _database, "queue": _queue, "cache": _cache}


def health_response() -> JsonResponse:
    """200 with every check true, or 503 with the checks that failed and why (the exception's
    class)."""
    results: dict[str, bool] = {}
    reasons: dict[str, str] = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception as exc:  # any failure means "not answering"
            reasons[name] = type(exc).__name__
        results[name] = name not in reasons
    if reasons:
        return JsonResponse({"status": "fail", **results, "reasons": reasons}, status=503)
    return JsonResponse({"status": "ok", **results})
