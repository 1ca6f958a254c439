"""The home page of each role, the page that says registration is open, and the manuals."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from core.authz import public
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
        return render(request, "portal/home_public.html")
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
    return render(request, f"portal/home_{official.role.lower()}.html", context)


@public
def registration_open_view(request: HttpRequest) -> HttpResponse:
    """Registration is never closed (circular ¶3), and who to ask, for any area."""
    picker = area_picker(request.GET)
    contacts = None
    if picker.area is not None:
        contacts = contacts_for_area(picker.area)
    return render(
        request, "portal/registration_open.html", {"picker": picker, "contacts": contacts}
    )


@public
def manual_index_view(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/manual_index.html")


@public
def manual_view(request: HttpRequest, role: str) -> HttpResponse:
    if role not in MANUAL_ROLES:
        raise Http404
    return render(request, f"portal/manual/{role}.html", {"role_slug": role})
