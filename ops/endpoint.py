"""/metrics: for Prometheus only, never public.

Answered by ops.middleware.MetricsMiddleware before anything else (as /healthz is): no session,
no host check, no HTTPS redirect, so that Prometheus can scrape each app server by its private
address. The scraper must send ``Authorization: Bearer <SAMAGRA_METRICS_TOKEN>`` and/or come
from an address in SAMAGRA_METRICS_ALLOWED_IPS; every one of the two that is set must hold.
With neither set the endpoint does not exist (404); a refused scrape gets 403.
"""

import hmac
import ipaddress

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from core.net import client_address
from ops.metrics import exposition_registry
from ops.scrape import ScrapeCollector

PATH = "/metrics"


def enabled() -> bool:
    return bool(settings.METRICS_TOKEN or settings.METRICS_ALLOWED_IPS)


def allowed(request: HttpRequest) -> bool:
    """Whether the request carries the token (compared in constant time) and comes from an
    allowed address, as far as each is configured."""
    if settings.METRICS_TOKEN:
        scheme, _, given = request.META.get("HTTP_AUTHORIZATION", "").partition(" ")
        expected = settings.METRICS_TOKEN.encode()
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), expected):
            return False
    if settings.METRICS_ALLOWED_IPS:
        try:
            address = ipaddress.ip_address(client_address(request))
        except ValueError:
            return False
        networks = [ipaddress.ip_network(n, strict=False) for n in settings.METRICS_ALLOWED_IPS]
        if not any(address in network for network in networks):
            return False
    return True


def metrics_response(request: HttpRequest) -> HttpResponse:
    if not enabled():
        response = HttpResponse(status=404)
    elif not allowed(request):
        response = HttpResponse(status=403)
    else:
        body = generate_latest(exposition_registry(ScrapeCollector()))  # type: ignore[arg-type]
        response = HttpResponse(body, content_type=CONTENT_TYPE_LATEST)
    add_never_cache_headers(response)
    return response
