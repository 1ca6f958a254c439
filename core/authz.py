"""Who may reach a view. Every view is marked with exactly one of these decorators; a test built
from the URL configuration fails for any view without one."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
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


def citizens_only(view: View) -> View:
    """Only a citizen signed in to a family (identity.citizen); the view reads the family from
    ``request.citizen`` and never from the URL alone. Others are sent to citizen sign-in."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        from identity.citizen import current_citizen

        citizen = current_citizen(request)
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
            from identity.citizen import citizen_in_scope, current_citizen

            citizen = current_citizen(request) or citizen_in_scope(request, scope_of(**kwargs))
            if citizen is None:
                return redirect_to_login(
                    request.get_full_path(), login_url="identity:citizen_sign_in"
                )
            request.citizen = citizen  # type: ignore[attr-defined]
            return view(request, *args, **kwargs)

        wrapper.authz = "citizens"  # type: ignore[attr-defined]
        return wrapper

    return decorator
