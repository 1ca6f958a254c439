"""Signing in and out, and passwords."""

from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.authz import officials_only, public
from core.net import client_address
from identity.otp import OtpError, OtpRateLimited, otp_issue
from officials.forms import (
    LoginForm,
    NewPasswordForm,
    OtpForm,
    PasswordChangeForm,
    PasswordResetRequestForm,
)
from officials.models import Official
from officials.services import (
    PASSWORD_RESET_PURPOSE,
    LoginRefused,
    official_authenticate,
    password_change,
    password_reset_by_otp,
)


@public
def login_view(request: HttpRequest) -> HttpResponse:
    # The SMS code's box appears once a sign-in has failed, for every failure alike.
    form = LoginForm(request.POST or None, offer_code=request.method == "POST")
    if request.method == "POST" and form.is_valid():
        try:
            official = official_authenticate(
                user_id=form.cleaned_data["user_id"],
                password=form.cleaned_data["password"],
                client_address=client_address(request),
                code=form.cleaned_data.get("code", ""),
            )
        except LoginRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            login(request, official, backend="officials.backends.OfficialBackend")
            target = request.GET.get("next", "")
            if not url_has_allowed_host_and_scheme(
                target, {request.get_host()}, require_https=request.is_secure()
            ):
                target = "portal:home"
            return redirect(target)
    return render(request, "officials/login.html", {"form": form})


@require_POST
@public
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.info(request, _("You have signed out."))
    return redirect("officials:login")


@officials_only()
def password_change_view(request: HttpRequest) -> HttpResponse:
    form = PasswordChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        official: Official = request.user  # type: ignore[assignment]
        try:
            password_change(
                official=official,
                new_password=form.cleaned_data["new_password1"],
                current_password=form.cleaned_data["current_password"],
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                for error in errors:
                    form.add_error(field, error)
        else:
            update_session_auth_hash(request, official)
            messages.success(request, _("Your password has been changed."))
            return redirect("portal:home")
    return render(request, "officials/password_change.html", {"form": form})


@public
def password_reset_request_view(request: HttpRequest) -> HttpResponse:
    """Step 1: the user ID. The answer is the same whether or not it exists, a cap included
    (identity.otp counts requests by the user ID as typed)."""
    form = PasswordResetRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        typed = form.cleaned_data["user_id"].strip()
        official = Official.objects.filter(user_id__iexact=typed, is_active=True).first()
        try:
            challenge = otp_issue(
                purpose=PASSWORD_RESET_PURPOSE,
                # Lazy: translated when the SMS is written, in the official's language.
                purpose_label=gettext_lazy("password reset"),
                subject=str(official.pk) if official else "",
                mobile=official.mobile if official else "",
                client_address=client_address(request),
                language=official.language if official else (get_language() or "hi"),
                asked_for=typed.lower(),
            )
        except OtpRateLimited as refusal:
            form.add_error(None, str(refusal))
        else:
            request.session["password_reset_token"] = challenge.token
            messages.info(
                request,
                _("If the user ID is registered, an OTP has been sent to its mobile number."),
            )
            return redirect("officials:password_reset_verify")
    return render(
        request,
        "officials/password_reset_request.html",
        {"form": form, "pending": bool(request.session.get("password_reset_token"))},
    )


@public
def password_reset_verify_view(request: HttpRequest) -> HttpResponse:
    """Step 2: the OTP and the new password together, so a used OTP always sets a password."""
    token = request.session.get("password_reset_token")
    if not token:
        return redirect("officials:password_reset")
    otp_form = OtpForm(request.POST or None, prefix="otp")
    password_form = NewPasswordForm(request.POST or None, prefix="pw")
    if request.method == "POST" and otp_form.is_valid() and password_form.is_valid():
        try:
            password_reset_by_otp(
                token=token,
                code=otp_form.cleaned_data["code"],
                new_password=password_form.cleaned_data["new_password1"],
            )
        except OtpError as refusal:
            otp_form.add_error("code", str(refusal))
        except ValidationError as exc:
            for errors in exc.message_dict.values():
                for error in errors:
                    password_form.add_error("new_password1", error)
        else:
            del request.session["password_reset_token"]
            messages.success(request, _("Your password has been changed. Sign in with it."))
            return redirect("officials:login")
    return render(
        request,
        "officials/password_reset_verify.html",
        {"otp_form": otp_form, "password_form": password_form},
    )
