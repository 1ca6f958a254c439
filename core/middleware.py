import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

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
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        response.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        if request.user.is_authenticated if hasattr(request, "user") else False:
            # Pages with personal data are never kept by shared or browser caches.
            response.setdefault("Cache-Control", "no-store")
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
