"""The public status page for every kind of request (tracking.requests), opened by the
request's number and an OTP to the family's mobile, and the signed-in family's list of all its
requests. Lookups are limited per client besides the OTP's own waits and caps."""

import time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from core.authz import citizens_only, public
from core.net import client_address
from core.ratelimit import rate_limit_hit
from identity.otp import OtpError, OtpRateLimited
from officials.forms import OtpForm
from registry.models import Family
from tracking.follow import follow_start, follow_verify
from tracking.forms import FollowForm
from tracking.requests import find, of_family

PENDING = "samagra_follow_otp"  # {"token", "masked"}
FOLLOWED = "samagra_followed"  # {number: until (epoch seconds)}
FOLLOW_SECONDS = 1800
HOUR = 3600


@never_cache
@public
def status_view(request: HttpRequest) -> HttpResponse:
    form = FollowForm(request.POST or None)
    if request.method == "POST":
        allowed = rate_limit_hit(
            f"status:{client_address(request)}",
            limit=settings.STATUS_LOOKUPS_PER_HOUR,
            window_seconds=HOUR,
        )
        if not allowed:
            form.add_error(None, _("Too many lookups from this device. Try again in an hour."))
            return render(request, "tracking/status.html", {"form": form}, status=429)
        if form.is_valid():
            try:
                token, masked = follow_start(
                    number=form.cleaned_data["number"],
                    mobile=form.cleaned_data["mobile"],
                    client=client_address(request),
                    language=get_language() or "hi",
                )
            except ValidationError as refusal:
                form.add_error("mobile", refusal.messages)
            except OtpRateLimited as refusal:
                form.add_error(None, str(refusal))
            else:
                request.session[PENDING] = {"token": token, "masked": masked}
                return redirect("tracking:verify")
    return render(request, "tracking/status.html", {"form": form})


@never_cache
@public
def verify_view(request: HttpRequest) -> HttpResponse:
    pending = request.session.get(PENDING)
    if not pending:
        return redirect("tracking:status")
    form = OtpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            number = follow_verify(token=pending["token"], code=form.cleaned_data["code"])
        except OtpError as refusal:
            form.add_error("code", str(refusal))
        else:
            request.session.pop(PENDING, None)
            now = time.time()
            followed = {n: t for n, t in request.session.get(FOLLOWED, {}).items() if t > now}
            followed[number] = now + FOLLOW_SECONDS
            request.session[FOLLOWED] = dict(list(followed.items())[-10:])
            return redirect("tracking:detail", number=number)
    return render(
        request, "tracking/verify.html", {"form": form, "masked_mobile": pending["masked"]}
    )


@never_cache
@public
def detail_view(request: HttpRequest, number: str) -> HttpResponse:
    """One request, for whoever opened it with its OTP in the last half hour."""
    until = request.session.get(FOLLOWED, {}).get(number, 0)
    found = find(number) if until > time.time() else None
    if found is None:
        return redirect("tracking:status")
    return render(request, "tracking/detail.html", {"tracked": found[0]})


@citizens_only
def citizen_requests_view(request: HttpRequest) -> HttpResponse:
    """Every request of the signed-in family, of every kind, newest first."""
    family = Family.objects.select_related("area").get(
        family_id=request.citizen.family_id  # type: ignore[attr-defined]
    )
    return render(request, "tracking/citizen_requests.html", {"requests": of_family(family)})
