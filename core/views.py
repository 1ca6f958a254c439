from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from core.authz import public
from core.health import health_response
from dashboards.pages import dashboard_context
from escalation.pages import escalation_home_context
from geography.selectors import area_picker
from officials.models import Official, Role
from officials.selectors import area_choices, contacts_for_area, current_area
from ops.replicas import replica_reads_on_get
from registry.selectors import families_for_list

SUPERVISING_ROLES = (Role.LOCAL_BODY_OFFICER, Role.DISTRICT_OFFICER, Role.STATE_ADMIN)
MANUAL_ROLES = {
    "field-official": Role.FIELD_OFFICIAL,
    "local-body-officer": Role.LOCAL_BODY_OFFICER,
    "district-officer": Role.DISTRICT_OFFICER,
    "state-admin": Role.STATE_ADMIN,
    "citizen": None,
}


@public
@replica_reads_on_get
def home_view(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return render(request, "core/home_public.html")
    official: Official = request.user  # type: ignore[assignment]
    context: dict[str, object] = {}
    if official.role == Role.FIELD_OFFICIAL:
        area = current_area(official, request.session.get("current_area"))
        context["my_areas"] = area_choices(official)
        context["current_area"] = area
        context["recent_families"] = families_for_list(official, area)[:5]
    elif official.role in SUPERVISING_ROLES:
        context.update(dashboard_context(request, official))
        context.update(escalation_home_context(official))
    return render(request, f"core/home_{official.role.lower()}.html", context)


@public
def registration_open_view(request: HttpRequest) -> HttpResponse:
    """Registration is never closed (circular ¶3), and who to ask, for any area."""
    picker = area_picker(request.GET)
    contacts = None
    if picker.area is not None:
        contacts = contacts_for_area(picker.area)
    return render(request, "core/registration_open.html", {"picker": picker, "contacts": contacts})


@public
def manual_index_view(request: HttpRequest) -> HttpResponse:
    return render(request, "core/manual_index.html")


@public
def manual_view(request: HttpRequest, role: str) -> HttpResponse:
    if role not in MANUAL_ROLES:
        raise Http404
    return render(request, f"core/manual/{role}.html", {"role_slug": role})


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
