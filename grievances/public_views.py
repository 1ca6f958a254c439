"""Filing a grievance without signing in: the Family ID, then the OTP sent to the family's
linked mobile (grievances.public). The right OTP opens the family's grievance pages
(citizen_views, through the narrower session) and nothing else."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from core.authz import public
from core.net import client_address
from core.ratelimit import rate_limit_hit
from grievances.forms import FamilyIdForm
from grievances.public import SCOPE, grievance_otp_start, grievance_otp_verify
from identity.citizen import citizen_scoped_login
from identity.otp import OtpError, OtpRateLimited
from officials.forms import OtpForm

PENDING = "samagra_grievance_otp"
HOUR = 3600


@never_cache
@public
def grievance_otp_start_view(request: HttpRequest) -> HttpResponse:
    """The Family ID; an OTP goes to the family's linked mobile."""
    form = FamilyIdForm(request.POST or None)
    status = 200
    if request.method == "POST":
        # Before the form: a client typing Family ID after Family ID is slowed whatever it types.
        if not rate_limit_hit(
            f"grievance-otp:{client_address(request)}",
            limit=settings.STATUS_LOOKUPS_PER_HOUR,
            window_seconds=HOUR,
        ):
            form.add_error(None, _("Too many lookups from this device. Try again in an hour."))
            status = 429
        elif form.is_valid():
            try:
                token, masked = grievance_otp_start(
                    family_id=form.cleaned_data["family_id"],
                    client=client_address(request),
                    language=get_language() or "hi",
                )
            except OtpRateLimited as refusal:
                form.add_error(None, str(refusal))
            else:
                request.session[PENDING] = {"token": token, "masked_mobile": masked}
                return redirect("grievances:otp_verify")
        if form.errors and status == 200:
            status = 400
    return render(
        request,
        "grievances/otp_start.html",
        {"form": form, "pending": PENDING in request.session},
        status=status,
    )


@never_cache
@public
def grievance_otp_verify_view(request: HttpRequest) -> HttpResponse:
    pending = request.session.get(PENDING)
    if not pending:
        return redirect("grievances:otp_start")
    form = OtpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if pending.get("used"):
            # The OTP already opened the pages in this browser: said plainly, not "not valid".
            form.add_error("code", _("This OTP has been used already. Ask for a new one."))
        else:
            try:
                citizen = grievance_otp_verify(
                    token=pending["token"], code=form.cleaned_data["code"]
                )
            except OtpError as refusal:
                form.add_error("code", str(refusal))
            else:
                request.session[PENDING] = {**pending, "used": True}
                citizen_scoped_login(request, citizen, SCOPE)
                return redirect("grievances:citizen_new")
    return render(
        request,
        "grievances/otp_verify.html",
        {"form": form, "masked_mobile": pending["masked_mobile"]},
        status=400 if form.errors else 200,
    )
