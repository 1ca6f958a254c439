"""The first two middleware: the request id, then metrics, the access log line and /metrics.

Both come before SecurityMiddleware so that every answer is counted and timed, including
redirects to HTTPS, /healthz, static files and errors raised by other middleware."""

import logging
import re
import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve

from ops import metrics, request_id
from ops.endpoint import PATH as METRICS_PATH
from ops.endpoint import metrics_response

access_logger = logging.getLogger("samagra.access")

# Family IDs (8 digits), member IDs (9), mobiles (10), Aadhaar numbers (12): the access log
# shows which page, not whose.
LONG_NUMBER = re.compile(r"\d{6,}")


class RequestIdMiddleware:
    """Binds the request's id (the proxy's X-Request-ID, or a new one) for the log lines and
    tasks of the request, and sends it back in X-Request-ID."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        rid = request_id.from_header(request.META.get(request_id.META_KEY))
        request.request_id = rid  # type: ignore[attr-defined]
        with request_id.bound(rid):
            response = self.get_response(request)
        response[request_id.HEADER] = rid
        return response


def view_name(request: HttpRequest) -> str:
    """The URL pattern's name ("registry:family_detail"), never the path with its IDs; "static"
    for a static file and "unresolved" for a path no pattern matches (404s)."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        if request.path_info.startswith("/" + settings.STATIC_URL.lstrip("/")):
            return "static"
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return "unresolved"
    return match.view_name or match._func_path


class MetricsMiddleware:
    """Counts and times every request by view name, notes the process's open database
    connections, writes the access log line, and answers /metrics (ops.endpoint)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        if request.path_info == METRICS_PATH and request.method in ("GET", "HEAD"):
            response = metrics_response(request)
            view = "metrics"
        else:
            response = self.get_response(request)
            view = view_name(request)
        seconds = time.perf_counter() - started
        metrics.request_observed(
            view=view, method=request.method or "", status=response.status_code, seconds=seconds
        )
        metrics.db_connections_noted()
        if settings.ACCESS_LOG:
            _access_log(request, response, view, seconds)
        return response


def _access_log(request: HttpRequest, response: HttpResponse, view: str, seconds: float) -> None:
    """One line a request: method, path without its query string or long numbers, status, time."""
    method = metrics.method_label(request.method)
    path = LONG_NUMBER.sub("********", request.path)[:200]
    milliseconds = round(seconds * 1000, 1)
    access_logger.info(
        "%s %s %s %sms",
        method,
        path,
        response.status_code,
        milliseconds,
        extra={
            "method": method,
            "view": view,
            "status_code": response.status_code,
            "duration_ms": milliseconds,
        },
    )
