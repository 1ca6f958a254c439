"""The citizen's own migration requests: the list, the status page (history, the reason of a
rejection, the confirmation), withdrawal, correction; and following a request by its number."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audit.models import AuditEvent
from core.authz import citizens_only, citizens_or_scope, public
from core.net import client_address
from core.pdf import qr_svg, render_pdf
from identity.citizen import citizen_scoped_login
from identity.otp import OtpError, OtpRateLimited
from migration import workflow
from migration.forms import StatusForm
from migration.models import MigrationRequest
from migration.selectors import request_for_citizen, requests_of_citizen
from migration.services import migration_correction_details, migration_request_withdraw
from migration.status import migration_status_start, migration_status_verify, status_scope
from migration.views.wizard import DRAFT
from officials.forms import OtpForm

STATUS_PENDING = "samagra_migration_status"


def _history(migration: MigrationRequest) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(
            subject_type=MigrationRequest._meta.label, subject_id=str(migration.pk)
        ).order_by("created_at", "pk")[:50]
    )


@citizens_only
def my_requests_view(request: HttpRequest) -> HttpResponse:
    migrations = requests_of_citizen(request.citizen)[:50]  # type: ignore[attr-defined]
    return render(request, "migration/mine.html", {"migrations": migrations})


@citizens_only
def detail_view(request: HttpRequest, number: str) -> HttpResponse:
    """The status page: status, history, the reason of a rejection, the confirmation."""
    migration = request_for_citizen(request.citizen, number)  # type: ignore[attr-defined]
    return render(
        request,
        "migration/detail.html",
        {
            "migration": migration,
            "history": _history(migration),
            "actions": workflow.allowed_actions(migration.status),
        },
    )


@citizens_only
def confirmation_view(request: HttpRequest, number: str) -> HttpResponse:
    """The bilingual confirmation (SOP step 6), at once and at any time later."""
    migration = request_for_citizen(request.citizen, number)  # type: ignore[attr-defined]
    pdf = render_pdf(
        "pdf/migration_confirmation.html",
        {"m": migration, "qr": qr_svg(migration.number), "printed_at": timezone.now()},
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="samagra-{migration.number}.pdf"'
    return response


@require_POST
@citizens_only
def withdraw_view(request: HttpRequest, number: str) -> HttpResponse:
    migration = request_for_citizen(request.citizen, number)  # type: ignore[attr-defined]
    try:
        migration_request_withdraw(citizen=request.citizen, request=migration)  # type: ignore[attr-defined]
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The migration request has been withdrawn."))
    return redirect("migration:detail", number=number)


@require_POST
@citizens_only
def correct_view(request: HttpRequest, number: str) -> HttpResponse:
    """Correct and resubmit: a new request, prefilled from the rejected one and linked to it."""
    citizen = request.citizen  # type: ignore[attr-defined]
    migration = request_for_citizen(citizen, number)
    try:
        details = migration_correction_details(citizen=citizen, request=migration)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("migration:detail", number=number)
    area = migration.to_area
    request.session[DRAFT] = {
        "member_id": citizen.member_id,
        "family_id": citizen.family_id,
        "previous": migration.number,
        "type": details.type,
        "district_id": area.local_body.district_id,
        "local_body_id": area.local_body_id,
        "to_area_id": details.to_area_id,
        "to_village_id": details.to_village_id,
        "house_number": details.house_number,
        "locality": details.locality,
        "pin_code": details.pin_code,
        "remarks": details.remarks,
        "documents": [d.token for d in migration.documents.all()],
    }
    messages.info(
        request,
        _("Correct what the reason asks for, then confirm with Aadhaar and submit again."),
    )
    return redirect("migration:new")


@public
def status_view(request: HttpRequest) -> HttpResponse:
    """Follow a request: its number, then an OTP to the linked mobile of who made it."""
    form = StatusForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            token, masked = migration_status_start(
                number=form.cleaned_data["number"],
                client=client_address(request),
                language=get_language() or "hi",
            )
        except OtpRateLimited as refusal:
            form.add_error(None, str(refusal))
        else:
            request.session[STATUS_PENDING] = {"token": token, "masked_mobile": masked}
            return redirect("migration:status_verify")
    return render(
        request,
        "migration/status.html",
        {"form": form, "pending": STATUS_PENDING in request.session},
    )


@public
def status_verify_view(request: HttpRequest) -> HttpResponse:
    pending = request.session.get(STATUS_PENDING)
    if not pending:
        return redirect("migration:status")
    form = OtpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            citizen, number = migration_status_verify(
                token=pending["token"], code=form.cleaned_data["code"]
            )
        except OtpError as refusal:
            form.add_error("code", str(refusal))
        else:
            request.session.pop(STATUS_PENDING, None)
            citizen_scoped_login(request, citizen, status_scope(number))
            return redirect("migration:status_detail", number=number)
    return render(
        request,
        "migration/status_verify.html",
        {"form": form, "masked_mobile": pending["masked_mobile"]},
    )


@citizens_or_scope(status_scope)
def status_detail_view(request: HttpRequest, number: str) -> HttpResponse:
    """The status of one request (status, history, the reason of a rejection), for whoever
    followed it by its number and OTP: no withdrawing, correcting or confirmation here."""
    migration = request_for_citizen(request.citizen, number)  # type: ignore[attr-defined]
    return render(
        request,
        "migration/status_detail.html",
        {"migration": migration, "history": _history(migration)},
    )
