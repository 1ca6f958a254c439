"""A family applying by itself, without an account (registration.self_application): its
mobile and an OTP, its place (district → local body → Gram Panchayat or ward), its members and
an optional document; then the application number. Works without JavaScript, one step a page.

The session carries the steps: the OTP's challenge, then the mobile it proved (for an hour), then
the number filed. Nothing else about the family is kept in it."""

import time
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from core.authz import public
from core.net import client_address
from documents.models import DocumentKind
from geography.models import Area
from geography.selectors import area_picker
from identity.citizen import mask_mobile
from identity.otp import OtpError, OtpRateLimited
from officials.forms import OtpForm
from officials.selectors import contacts_for_area
from registration.forms import (
    MEMBERS_PREFIX,
    AddressForm,
    AttachForm,
    MemberFormSet,
    SelfApplyMobileForm,
    show_service_errors,
)
from registration.models import Application
from registration.self_application import (
    open_application_of,
    self_application_file,
    self_application_start,
    self_application_verify,
)
from registration.views.apply import error_summary, kept_members, posted_forms
from registry.models import Relation
from tracking.requests import find

PENDING = "samagra_self_apply_otp"  # {"token", "masked"}
PROVED = "samagra_self_apply_mobile"  # {"mobile", "at"}
FILED = "samagra_self_apply_filed"  # the application number
PROVED_SECONDS = 3600


def _proved_mobile(request: HttpRequest) -> str | None:
    proved = request.session.get(PROVED)
    if not proved or time.time() - float(proved.get("at", 0)) > PROVED_SECONDS:
        return None
    return str(proved["mobile"])


@never_cache
@public
def start_view(request: HttpRequest) -> HttpResponse:
    """Who may apply, what to keep ready, and the head's mobile for the OTP."""
    form = SelfApplyMobileForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            token, mobile = self_application_start(
                mobile=form.cleaned_data["mobile"],
                client=client_address(request),
                language=get_language() or "hi",
            )
        except ValidationError as refusal:
            form.add_error("mobile", refusal.messages)
        except OtpRateLimited as refusal:
            form.add_error(None, str(refusal))
        else:
            request.session[PENDING] = {"token": token, "masked": mask_mobile(mobile)}
            return redirect("registration:self_verify")
    return render(request, "registration/self_start.html", {"form": form})


@never_cache
@public
def verify_view(request: HttpRequest) -> HttpResponse:
    pending = request.session.get(PENDING)
    if not pending:
        return redirect("registration:self_start")
    form = OtpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            mobile = self_application_verify(token=pending["token"], code=form.cleaned_data["code"])
        except OtpError as refusal:
            form.add_error("code", str(refusal))
        else:
            request.session.cycle_key()  # a new session for the proved mobile
            request.session.pop(PENDING, None)
            request.session[PROVED] = {"mobile": mobile, "at": time.time()}
            return redirect("registration:self_place")
    return render(
        request,
        "registration/self_verify.html",
        {"form": form, "masked_mobile": pending["masked"]},
    )


def _tracked(number: str) -> object:
    found = find(number)
    return found[0] if found else None


def _open_elsewhere(request: HttpRequest, mobile: str) -> HttpResponse | None:
    """The page for a mobile that already has an open application of its own."""
    already = open_application_of(mobile)
    if already is None:
        return None
    return render(
        request,
        "registration/self_open.html",
        {"number": already.number, "tracked": _tracked(already.number)},
        status=409,
    )


@never_cache
@public
def place_view(request: HttpRequest) -> HttpResponse:
    """Where the family lives, one level a step; then the officials of that area."""
    mobile = _proved_mobile(request)
    if mobile is None:
        return redirect("registration:self_start")
    refused = _open_elsewhere(request, mobile)
    if refused is not None:
        return refused
    picker = area_picker(request.GET)
    contacts = contacts_for_area(picker.area) if picker.area is not None else None
    return render(request, "registration/self_place.html", {"picker": picker, "contacts": contacts})


def _chosen_area(request: HttpRequest) -> Area | None:
    # The page's address carries the area; the form's own field must then be that one.
    raw = str(request.GET.get("area") or "")
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 18:
        return None
    return Area.objects.select_related("local_body__district").filter(pk=int(raw)).first()


@never_cache
@public
def family_view(request: HttpRequest) -> HttpResponse:
    mobile = _proved_mobile(request)
    if mobile is None:
        return redirect("registration:self_start")
    refused = _open_elsewhere(request, mobile)
    if refused is not None:
        return refused
    area = _chosen_area(request)
    if area is None:
        messages.error(request, _("Choose your Gram Panchayat or ward first."))
        return redirect("registration:self_place")
    areas = Area.objects.filter(pk=area.pk)
    action = request.POST.get("action", "")
    if request.method == "POST":
        address, members, attach = posted_forms(request, areas, mark_required=False)
    else:
        address = AddressForm(initial={"area": area.pk, "language": get_language()}, areas=areas)
        head: dict[str, Any] = {"relation": Relation.HEAD, "mobile": mobile}
        members = MemberFormSet(initial=[head], prefix=MEMBERS_PREFIX)
        attach = AttachForm()
    valid = address.is_valid() and members.is_valid() and attach.is_valid()
    if action == "submit" and valid:
        kept = kept_members(members)
        try:
            filed = self_application_file(
                mobile=mobile,
                address=address.to_data(),
                members=[f.to_data() for f in kept],
                language=address.cleaned_data["language"],
                upload=attach.cleaned_data.get("document"),
                document_kind=attach.cleaned_data.get("document_kind") or DocumentKind.SUPPORTING,
            )
        except ValidationError as exc:
            if getattr(exc, "code", None) == "open":
                messages.error(request, " ".join(exc.messages))
                return redirect("registration:self_place")
            show_service_errors(exc, address, members, kept, attach)
        else:
            request.session.pop(PROVED, None)
            request.session[FILED] = filed.number
            return redirect("registration:self_done")
    errors = error_summary(address, members, attach) if action == "submit" else []
    return render(
        request,
        "registration/self_family.html",
        {
            "area": area,
            "address": address,
            "members": members,
            "attach": attach,
            "errors": errors,
            "masked_mobile": mask_mobile(mobile),
        },
        status=400 if errors else 200,
    )


@never_cache
@public
def done_view(request: HttpRequest) -> HttpResponse:
    number = request.session.get(FILED)
    application = (
        Application.objects.filter(number=number)
        .select_related("area__local_body__district", "holder__local_body")
        .first()
        if number
        else None
    )
    if application is None:
        return redirect("registration:self_start")
    return render(
        request,
        "registration/self_done.html",
        {"application": application, "tracked": _tracked(application.number)},
    )
