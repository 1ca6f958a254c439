from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from audit.selectors import audit_events_visible_to
from core.authz import officials_only
from core.pagination import paginate
from officials.models import Official, Role


@officials_only(Role.STATE_ADMIN, Role.DISTRICT_OFFICER, Role.LOCAL_BODY_OFFICER)
def audit_list_view(request: HttpRequest) -> HttpResponse:
    official: Official = request.user  # type: ignore[assignment]
    page = paginate(request, audit_events_visible_to(official))
    return render(request, "audit/list.html", {"page": page})
