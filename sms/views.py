from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from core.authz import officials_only
from core.pagination import paginate
from officials.models import Official, Role
from sms.gateways import secrets_reach_the_outbox
from sms.selectors import outbox_visible_to


@officials_only(Role.STATE_ADMIN, Role.DISTRICT_OFFICER, Role.LOCAL_BODY_OFFICER)
def outbox_view(request: HttpRequest) -> HttpResponse:
    official: Official = request.user  # type: ignore[assignment]
    page = paginate(request, outbox_visible_to(official))
    return render(
        request,
        "sms/outbox.html",
        {"page": page, "secrets_shown": secrets_reach_the_outbox()},
    )
