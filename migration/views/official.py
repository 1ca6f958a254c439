"""The destination's officials (SOP steps 7-10): pending requests, the review page, approve or
reject; the source's officials: families that moved out; supervisors: what is overdue."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.authz import officials_only
from core.forms import add_service_errors
from core.pagination import paginate
from documents.services import document_response
from migration.forms import RejectForm, ReportForm
from migration.models import MigrationRequest
from migration.reports import migration_report, report_csv
from migration.selectors import (
    migration_overdue_counts,
    moved_out_for_official,
    overdue_cutoff,
    pending_for_official,
    request_for_official,
)
from migration.services import DECIDERS, migration_request_approve, migration_request_reject
from officials import jurisdiction
from officials.models import Official, Role
from registry.models import Member


def _official(request: HttpRequest) -> Official:
    return request.user  # type: ignore[return-value]


def _may_decide(official: Official, migration: MigrationRequest) -> bool:
    return (
        migration.is_pending
        and official.role in DECIDERS
        and jurisdiction.scope(official, MigrationRequest.objects.filter(pk=migration.pk)).exists()
    )


@officials_only()
def pending_view(request: HttpRequest) -> HttpResponse:
    """Pending requests into the official's areas, oldest first, with how long each waited."""
    page = paginate(request, pending_for_official(_official(request)))
    return render(
        request,
        "migration/pending.html",
        {"page": page, "now": timezone.now(), "overdue_before": overdue_cutoff()},
    )


def _review(
    request: HttpRequest, migration: MigrationRequest, reject_form: RejectForm | None = None
) -> HttpResponse:
    official = _official(request)
    return render(
        request,
        "migration/review.html",
        {
            "m": migration,
            "members": Member.objects.filter(family_id=migration.family_id).order_by("pk")[:50],
            "documents": list(migration.documents.all()),
            "may_decide": _may_decide(official, migration),
            "reject_form": reject_form or RejectForm(),
        },
    )


@officials_only()
def review_view(request: HttpRequest, number: str) -> HttpResponse:
    """Existing and new location side by side, the address, documents, remarks, members."""
    return _review(request, request_for_official(_official(request), number))


@require_POST
@officials_only(*DECIDERS)
def approve_view(request: HttpRequest, number: str) -> HttpResponse:
    official = _official(request)
    migration = request_for_official(official, number)
    try:
        migration_request_approve(actor=official, request=migration)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Request %(number)s is approved: family %(family)s now belongs to %(area)s.")
            % {"number": number, "family": migration.family.family_id, "area": migration.to_area},
        )
    return redirect("migration:review", number=number)


@require_POST
@officials_only(*DECIDERS)
def reject_view(request: HttpRequest, number: str) -> HttpResponse:
    official = _official(request)
    migration = request_for_official(official, number)
    form = RejectForm(request.POST)
    if form.is_valid():
        try:
            migration_request_reject(
                actor=official,
                request=migration,
                reason=form.cleaned_data["reason"],
                details=form.cleaned_data["details"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Request %(number)s is rejected.") % {"number": number})
            return redirect("migration:review", number=number)
    return _review(request, migration, form)


@officials_only()
def document_view(request: HttpRequest, number: str, token: str) -> HttpResponse:
    """A proof of address of a request the official may review (images inline in the page)."""
    migration = request_for_official(_official(request), number)
    document = migration.documents.filter(token=token).first()
    if document is None:
        raise Http404
    return document_response(document, inline=request.GET.get("inline") == "1")  # type: ignore[return-value]


@officials_only()
def moved_out_view(request: HttpRequest) -> HttpResponse:
    """Families that left the official's areas, and where they went."""
    page = paginate(request, moved_out_for_official(_official(request)))
    return render(request, "migration/moved_out.html", {"page": page})


@officials_only(Role.LOCAL_BODY_OFFICER, Role.DISTRICT_OFFICER, Role.STATE_ADMIN)
def overdue_view(request: HttpRequest) -> HttpResponse:
    """Requests waiting too long, per official and per area (circular ¶4)."""
    counts = migration_overdue_counts(_official(request))
    return render(request, "migration/overdue.html", {"counts": counts})


@officials_only(Role.LOCAL_BODY_OFFICER, Role.DISTRICT_OFFICER, Role.STATE_ADMIN)
def report_view(request: HttpRequest) -> HttpResponse:
    """Requests by status, type and district over a period; ``?format=csv`` downloads it."""
    today = timezone.localdate()
    form = ReportForm(request.GET or None)
    date_from, date_to = today.replace(day=1), today
    if form.is_valid():
        date_from = form.cleaned_data["date_from"] or date_from
        date_to = form.cleaned_data["date_to"] or date_to
    rows = migration_report(_official(request), date_from=date_from, date_to=date_to)
    if request.GET.get("format") == "csv" and (form.is_valid() or not request.GET):
        headers = [str(_("District")), str(_("Type")), str(_("Status")), str(_("Requests"))]
        response = HttpResponse(report_csv(rows, headers), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="migration-{date_from:%Y%m%d}-{date_to:%Y%m%d}.csv"'
        )
        return response
    return render(
        request,
        "migration/report.html",
        {
            "form": form,
            "rows": rows,
            "date_from": date_from,
            "date_to": date_to,
            "total": sum(r.count for r in rows),
        },
    )
