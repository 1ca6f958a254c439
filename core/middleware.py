import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control

from core.health import HEALTHZ_PATH, health_response

# Every asset is served by the portal itself; no inline script or style is allowed.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class SecurityHeadersMiddleware:
    """The browser-side policies, and "Cache-Control: no-store" on every answer but a static
    file's.

    No browser, proxy or shared computer may keep a page: a citizen's family page, a family
    card, a migration request, a status lookup or an official's list all carry personal data,
    whoever is signed in (an official, a citizen, or nobody on a public status page). Deciding
    page by page would miss the next new one; so every answer is "no-store, private" unless it
    is a static file (WhiteNoise sets its own caching) or its view asked for public caching
    explicitly (Cache-Control: public, e.g. with django.views.decorators.cache.cache_control).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        response.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        if not _cacheable(request, response):
            patch_cache_control(response, no_store=True, private=True)
        return response


def _cacheable(request: HttpRequest, response: HttpResponse) -> bool:
    if request.path_info.startswith(settings.STATIC_URL):
        return True
    directives = response.get("Cache-Control", "").lower().replace(" ", "").split(",")
    return "public" in directives


class HealthzMiddleware:
    """Answer the load balancer's /healthz before sessions, sign-in and language are loaded.

    Those read the database (and the cache): with the database down, a probe that carries a
    session cookie got an HTML error page (500) instead of the JSON 503 that says what is down.
    Listed after the security headers, before WhiteNoise and SessionMiddleware; no host check
    either (CommonMiddleware's), since a load balancer may ask by address. Other methods than
    GET and HEAD go the usual way (and meet the CSRF check).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info != HEALTHZ_PATH or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        response = health_response()
        add_never_cache_headers(response)
        return response


# The key under which a session remembers when it was last written.
SESSION_REFRESHED_KEY = "_refreshed_at"


class SessionIdleRefreshMiddleware:
    """Keep a signed-in session alive while it is used, writing it at most once a minute.

    The inactivity limit (SESSION_COOKIE_AGE) counts from the session's last save. Saving on
    every request (SESSION_SAVE_EVERY_REQUEST) costs a write and a commit per page view; here a
    session in use is saved again only when its last save is SESSION_REFRESH_SECONDS old, so it
    ends between SESSION_COOKIE_AGE - SESSION_REFRESH_SECONDS and SESSION_COOKIE_AGE after the
    last request. Sessions nobody loaded (anonymous pages) and emptied ones (sign-out) are left
    alone. Listed after SessionMiddleware, which then saves what this marks as modified.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or session.is_empty():
            return response
        now = int(time.time())
        last = session.get(SESSION_REFRESHED_KEY, 0)
        if session.modified or not isinstance(last, int):
            # Saved anyway (a sign-in, a form's state): note when, at no extra cost.
            session[SESSION_REFRESHED_KEY] = now
        elif now - last >= settings.SESSION_REFRESH_SECONDS:
            session[SESSION_REFRESHED_KEY] = now
        return response
