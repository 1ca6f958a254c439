"""Citizen sign-in (Family ID + Member ID → OTP to the member's linked mobile) and the
citizen's own family page."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.authz import citizens_only, public
from core.net import client_address
from duplicates.selectors import cases_of_family
from identity.citizen import (
    citizen_login,
    citizen_logout,
    citizen_sign_in_start,
    citizen_sign_in_verify,
)
from identity.forms import CitizenSignInForm
from identity.otp import OtpError, OtpRateLimited
from officials.forms import OtpForm
from registry.models import Family
from registry.selectors import (
    retired_family_answer_for_member,
    retired_member_answer,
    surviving_family_id,
)

PENDING = "samagra_citizen_sign_in"


def _safe_next(request: HttpRequest, target: str) -> str:
    if target and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


@public
def citizen_sign_in_view(request: HttpRequest) -> HttpResponse:
    """Step 1: the family's and the member's Samagra IDs."""
    form = CitizenSignInForm(request.POST or None)
    next_url = _safe_next(request, request.POST.get("next") or request.GET.get("next", ""))
    if request.method == "POST" and form.is_valid():
        into = retired_member_answer(form.cleaned_data["member_id"], form.cleaned_data["family_id"])
        if into is not None:
            # Told only to someone who has both IDs of the family already (the card's).
            form.add_error(
                "member_id",
                _("Member ID %(old)s was merged into %(new)s. Sign in with %(new)s.")
                % {"old": form.cleaned_data["member_id"], "new": into},
            )
            return render(
                request, "identity/citizen_sign_in.html", {"form": form, "next": next_url}
            )
        moved = retired_family_answer_for_member(
            form.cleaned_data["family_id"], form.cleaned_data["member_id"]
        )
        if moved is not None:
            # The card of a family merged into another: told only to someone who holds both
            # IDs of it, whose Member ID is in the other family now.
            form.add_error(
                "family_id",
                _("Family ID %(old)s was merged into %(new)s. Sign in with Family ID %(new)s.")
                % {"old": form.cleaned_data["family_id"], "new": moved},
            )
            return render(
                request, "identity/citizen_sign_in.html", {"form": form, "next": next_url}
            )
        try:
            challenge = citizen_sign_in_start(
                family_id=form.cleaned_data["family_id"],
                member_id=form.cleaned_data["member_id"],
                client=client_address(request),
                language=get_language() or "hi",
            )
        except OtpRateLimited as refusal:
            form.add_error(None, str(refusal))
        else:
            request.session[PENDING] = {
                "token": challenge.token,
                "masked_mobile": challenge.masked_mobile,
                "next": next_url,
            }
            return redirect("identity:citizen_sign_in_verify")
    return render(
        request,
        "identity/citizen_sign_in.html",
        {"form": form, "next": next_url, "pending": PENDING in request.session},
    )


@public
def citizen_sign_in_verify_view(request: HttpRequest) -> HttpResponse:
    """Step 2: the OTP sent to the member's linked mobile, shown masked."""
    pending = request.session.get(PENDING)
    if not pending:
        return redirect("identity:citizen_sign_in")
    form = OtpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            citizen = citizen_sign_in_verify(token=pending["token"], code=form.cleaned_data["code"])
        except OtpError as refusal:
            form.add_error("code", str(refusal))
        else:
            citizen_login(request, citizen)
            messages.success(request, _("You are signed in to your family's registration."))
            return redirect(pending.get("next") or "identity:citizen_family")
    return render(
        request,
        "identity/citizen_sign_in_verify.html",
        {"form": form, "masked_mobile": pending["masked_mobile"]},
    )


@require_POST
@public
def citizen_sign_out_view(request: HttpRequest) -> HttpResponse:
    citizen_logout(request)
    messages.success(request, _("You have signed out."))
    return redirect("portal:home")


@citizens_only
def citizen_family_view(request: HttpRequest) -> HttpResponse:
    """The signed-in citizen's own family: nothing else is reachable from here."""
    family = (
        Family.objects.select_related("area__local_body__district", "village")
        .prefetch_related(
            "members__ekyc__vault_entry", "members__mobile_link", "members__merged_into"
        )
        .get(family_id=request.citizen.family_id)  # type: ignore[attr-defined]
    )
    into = surviving_family_id(family)
    if into is not None:  # merged into another family since the citizen signed in
        citizen_logout(request)
        messages.info(
            request,
            _("Family ID %(old)s was merged into %(new)s. Sign in with Family ID %(new)s.")
            % {"old": family.family_id, "new": into},
        )
        return redirect("identity:citizen_sign_in")
    notices = cases_of_family(family.family_id)
    return render(
        request,
        "identity/citizen_family.html",
        {"family": family, "members": family.members.all(), "notices": notices},
    )
