"""Who may reach a view. Every view is marked with exactly one of these decorators; a test built
from the URL configuration fails for any view without one."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import HttpRequest, HttpResponse

View = Callable[..., HttpResponse]


def public(view: View) -> View:
    """Anyone may open this view; it shows nobody's personal data."""
    view.authz = "public"  # type: ignore[attr-defined]
    return view


def officials_only(*roles: str) -> Callable[[View], View]:
    """Only a signed-in, active official with one of the roles (any role when none is given)."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not user.is_active or (roles and user.role not in roles):  # type: ignore[union-attr]
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapper.authz = ("officials", roles)  # type: ignore[attr-defined]
        return wrapper

    return decorator


class _Citizens:
    """How a request's citizen is found: identity.citizen's functions, which the identity app
    gives here when it is ready (IdentityConfig.ready), so that core imports no app."""

    current: Callable[[HttpRequest], Any] | None = None
    in_scope: Callable[[HttpRequest, str], Any] | None = None


_citizens = _Citizens()


def citizens_found_by(
    current: Callable[[HttpRequest], Any], in_scope: Callable[[HttpRequest, str], Any]
) -> None:
    """Tell the citizen decorators how to find a request's citizen (identity.apps)."""
    _citizens.current, _citizens.in_scope = current, in_scope


def _current_citizen(request: HttpRequest) -> Any:
    if _citizens.current is None:
        raise ImproperlyConfigured("The identity app is not installed: no citizen can sign in.")
    return _citizens.current(request)


def _citizen_in_scope(request: HttpRequest, scope: str) -> Any:
    if _citizens.in_scope is None:
        raise ImproperlyConfigured("The identity app is not installed: no citizen can sign in.")
    return _citizens.in_scope(request, scope)


def citizens_only(view: View) -> View:
    """Only a citizen signed in to a family (identity.citizen); the view reads the family from
    ``request.citizen`` and never from the URL alone. Others are sent to citizen sign-in."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        citizen = _current_citizen(request)
        if citizen is None:
            return redirect_to_login(request.get_full_path(), login_url="identity:citizen_sign_in")
        request.citizen = citizen  # type: ignore[attr-defined]
        return view(request, *args, **kwargs)

    wrapper.authz = "citizens"  # type: ignore[attr-defined]
    return wrapper


def citizens_or_scope(scope_of: Callable[..., str]) -> Callable[[View], View]:
    """A citizen signed in to a family, or one to whom a narrower session opened exactly this
    page (identity.citizen.citizen_scoped_login; ``scope_of(**view_kwargs)`` names the scope,
    "migration_status:<number>"). The view still reads the family from ``request.citizen``."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            citizen = _current_citizen(request) or _citizen_in_scope(request, scope_of(**kwargs))
            if citizen is None:
                return redirect_to_login(
                    request.get_full_path(), login_url="identity:citizen_sign_in"
                )
            request.citizen = citizen  # type: ignore[attr-defined]
            return view(request, *args, **kwargs)

        wrapper.authz = "citizens"  # type: ignore[attr-defined]
        return wrapper

    return decorator
