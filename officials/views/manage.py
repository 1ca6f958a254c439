"""Officers manage the officials below them: register, change, deactivate, reset password."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.authz import officials_only
from core.forms import add_service_errors
from core.pagination import paginate
from officials import jurisdiction
from officials.forms import OfficialForm
from officials.models import Official, Role
from officials.selectors import area_choices, officials_for_list
from officials.services import (
    Placement,
    official_register,
    official_reset_password,
    official_set_active,
    official_update,
)

MANAGERS = (Role.STATE_ADMIN, Role.DISTRICT_OFFICER, Role.LOCAL_BODY_OFFICER)


def _form(request: HttpRequest, actor: Official, **kwargs: object) -> OfficialForm:
    return OfficialForm(
        request.POST or None,
        roles=jurisdiction.manageable_roles(actor),
        districts=jurisdiction.districts(actor),
        local_bodies=jurisdiction.local_bodies(actor),
        areas=area_choices(actor),
        **kwargs,  # type: ignore[arg-type]
    )


@officials_only(*MANAGERS)
def official_list_view(request: HttpRequest) -> HttpResponse:
    actor: Official = request.user  # type: ignore[assignment]
    page = paginate(request, officials_for_list(actor))
    return render(request, "officials/list.html", {"page": page})


@officials_only(*MANAGERS)
def official_create_view(request: HttpRequest) -> HttpResponse:
    actor: Official = request.user  # type: ignore[assignment]
    initial = {"district": actor.district_id, "local_body": actor.local_body_id}
    form = _form(request, actor, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            official = official_register(
                actor=actor,
                name=data["name"],
                name_hi=data["name_hi"],
                designation=data["designation"],
                mobile=data["mobile"],
                placement=Placement(
                    role=data["role"],
                    district=data["district"],
                    local_body=data["local_body"],
                    areas=tuple(data["areas"]),
                ),
                language=data["language"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _(
                    "%(name)s is registered with user ID %(user_id)s. The password has been "
                    "sent by SMS."
                )
                % {"name": official.name, "user_id": official.user_id},
            )
            return redirect("officials:detail", pk=official.pk)
    return render(request, "officials/form.html", {"form": form, "creating": True})


@officials_only(*MANAGERS)
def official_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor: Official = request.user  # type: ignore[assignment]
    official = jurisdiction.get_or_404(officials_for_list(actor), pk=pk)
    return render(request, "officials/detail.html", {"subject": official})


@officials_only(*MANAGERS)
def official_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor: Official = request.user  # type: ignore[assignment]
    official = jurisdiction.get_or_404(officials_for_list(actor), pk=pk)
    initial = {
        "name": official.name,
        "name_hi": official.name_hi,
        "designation": official.designation,
        "mobile": official.mobile,
        "areas": list(official.areas.all()),
    }
    form = _form(request, actor, initial=initial, editing=True)
    if official.role != Role.FIELD_OFFICIAL:
        del form.fields["areas"]
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            official_update(
                actor=actor,
                official=official,
                name=data["name"],
                name_hi=data["name_hi"],
                designation=data["designation"],
                mobile=data["mobile"],
                areas=tuple(data.get("areas") or ()),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("officials:detail", pk=official.pk)
    return render(
        request, "officials/form.html", {"form": form, "creating": False, "subject": official}
    )


@require_POST
@officials_only(*MANAGERS)
def official_set_active_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor: Official = request.user  # type: ignore[assignment]
    official = jurisdiction.get_or_404(officials_for_list(actor), pk=pk)
    active = request.POST.get("active") == "1"
    official_set_active(actor=actor, official=official, active=active)
    messages.success(
        request,
        _("The official has been activated.")
        if active
        else _("The official has been deactivated."),
    )
    return redirect("officials:detail", pk=official.pk)


@require_POST
@officials_only(*MANAGERS)
def official_reset_password_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor: Official = request.user  # type: ignore[assignment]
    official = jurisdiction.get_or_404(officials_for_list(actor), pk=pk)
    official_reset_password(actor=actor, official=official)
    messages.success(request, _("A new password has been sent to the official by SMS."))
    return redirect("officials:detail", pk=official.pk)


@require_POST
@officials_only(Role.FIELD_OFFICIAL)
def choose_area_view(request: HttpRequest) -> HttpResponse:
    """A field official with several areas picks one to work in, or all of them."""
    actor: Official = request.user  # type: ignore[assignment]
    value = request.POST.get("area", "")
    valid = value.isascii() and value.isdigit()  # "²".isdigit() is True, but not a number
    if valid and jurisdiction.areas(actor).filter(pk=int(value)).exists():
        request.session["current_area"] = int(value)
    else:
        request.session.pop("current_area", None)
    return redirect("portal:home")
