"""The applicant's status page: an application number and the mobile it was filed with give
its status and, when rejected or returned, the reason. Nothing else about anyone is shown, a
wrong number and a wrong mobile get the same answer, and lookups are limited per client so
that numbers cannot be guessed."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from core.authz import public
from core.net import client_address
from core.ratelimit import rate_limit_hit
from registration.forms import StatusForm
from registration.selectors import application_status_for

HOUR = 3600


@never_cache
@public
def status_view(request: HttpRequest) -> HttpResponse:
    form = StatusForm(request.POST or None)
    context: dict[str, object] = {"form": form}
    if request.method == "POST":
        allowed = rate_limit_hit(
            f"status:{client_address(request)}",
            limit=settings.STATUS_LOOKUPS_PER_HOUR,
            window_seconds=HOUR,
        )
        if not allowed:
            form.add_error(None, _("Too many lookups from this device. Try again in an hour."))
            return render(request, "registration/status.html", context, status=429)
        if form.is_valid():
            context["found"] = application_status_for(
                form.cleaned_data["number"], form.cleaned_data["mobile"]
            )
            context["looked_up"] = True
    return render(request, "registration/status.html", context)
