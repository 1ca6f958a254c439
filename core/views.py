from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from core.authz import public
from core.health import health_response


@never_cache
@public
def healthz_view(request: HttpRequest) -> JsonResponse:
    """Whether the database, the queue and the cache answer; no personal data. Reached through
    core.middleware.HealthzMiddleware, before sessions are loaded (core/health.py says why)."""
    return health_response()


def csrf_failure_view(request: HttpRequest, reason: str = "") -> HttpResponse:
    """Django's CSRF refusal, in the visitor's language and the portal's layout (settings
    CSRF_FAILURE_VIEW; not a URL of its own). The reason is for developers, not shown."""
    return render(request, "403_csrf.html", status=403)
