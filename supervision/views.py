"""The supervisors' lists (families of an area, members without e-KYC, the audit log), their
exports and the exports' progress. Local body officers, district officers and state admins;
every row comes through officials.jurisdiction (supervision.selectors)."""

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from api.models import ExportStatus
from core.authz import officials_only
from officials.models import Official, Role
from ops.replicas import replica_reads_on_get
from supervision.files import CONTENT_TYPES
from supervision.forms import ExportForm, ListFilterForm, ListFilters, filter_words
from supervision.models import RUNNING, ListExport, ListKind
from supervision.rows import table
from supervision.selectors import BadCursor, list_page
from supervision.services import (
    export_state,
    list_export_download,
    list_export_request,
    own_export,
)

SUPERVISORS = (Role.STATE_ADMIN, Role.DISTRICT_OFFICER, Role.LOCAL_BODY_OFFICER)
# Seconds between reloads of the progress page while the worker writes (no script needed).
REFRESH_SECONDS = 5
RECENT_EXPORTS = 20


@officials_only(*SUPERVISORS)
def index_view(request: HttpRequest) -> HttpResponse:
    official: Official = request.user  # type: ignore[assignment]
    exports = list(ListExport.objects.filter(official=official).order_by("-pk")[:RECENT_EXPORTS])
    return render(
        request,
        "supervision/index.html",
        {
            "exports": [(e, export_state(e)) for e in exports],
            "kinds": ListKind,
            "keep_hours": settings.LIST_EXPORT_KEEP_HOURS,
        },
    )


@officials_only(*SUPERVISORS)
@replica_reads_on_get
def families_view(request: HttpRequest) -> HttpResponse:
    return _list(request, ListKind.FAMILIES)


@officials_only(*SUPERVISORS)
@replica_reads_on_get
def pending_ekyc_view(request: HttpRequest) -> HttpResponse:
    return _list(request, ListKind.PENDING_EKYC)


@officials_only(*SUPERVISORS)
@replica_reads_on_get
def audit_view(request: HttpRequest) -> HttpResponse:
    return _list(request, ListKind.AUDIT)


def _list(request: HttpRequest, kind: str) -> HttpResponse:
    """GET shows a page of the list; POST (the export button) asks for its file, with the
    filters of the page's query string."""
    official: Official = request.user  # type: ignore[assignment]
    form = ListFilterForm(request.GET or None, official=official, kind=kind)
    export_form = ExportForm(request.POST or None)
    context = {"form": form, "export_form": export_form, "kind": ListKind(kind), "page": None}
    if request.GET and not form.is_valid():
        # A filter that is unknown, out of range or outside the jurisdiction: no rows at all.
        return render(request, "supervision/list.html", context, status=400)
    filters = form.filters() if form.is_bound else ListFilters(kind=kind)
    if request.method == "POST" and export_form.is_valid():
        export, new = list_export_request(
            official=official, filters=filters, export_format=export_form.cleaned_data["format"]
        )
        if not new:
            messages.info(
                request,
                _("This list is already being written for you: here is its progress."),
            )
        return redirect("supervision:export", export_id=export.public_id)
    try:
        page = list_page(
            official, filters, cursor=request.GET.get("after", ""), size=settings.PAGE_SIZE
        )
    except BadCursor:
        messages.error(request, _("That page link is not valid any more: here is the first page."))
        page = list_page(official, filters, size=settings.PAGE_SIZE)
    context["page"] = page
    context["table"] = table(kind, page.rows)
    context["links_family"] = kind != ListKind.AUDIT
    return render(request, "supervision/list.html", context)


@officials_only(*SUPERVISORS)
def export_view(request: HttpRequest, export_id: str) -> HttpResponse:
    """An export's progress, for the official who asked; the page reloads itself while the
    worker writes it (an HTTP Refresh header: no script)."""
    official: Official = request.user  # type: ignore[assignment]
    export = own_export(official, export_id)
    state = export_state(export)
    running = state in RUNNING
    percent = None
    if export.rows_total:
        percent = min(100, round(100 * export.rows_done / export.rows_total))
    response = render(
        request,
        "supervision/export.html",
        {
            "export": export,
            "filters": filter_words(export.kind, export.filters),
            "state": state,
            "state_label": ExportStatus(state).label,
            "running": running,
            "percent": percent,
            "refresh_seconds": REFRESH_SECONDS,
            "done": state == ExportStatus.DONE,
        },
    )
    if running:
        # The page itself named (a bare number is read as a relative address by some clients).
        response["Refresh"] = f"{REFRESH_SECONDS}; url={request.path}"
    return response


@officials_only(*SUPERVISORS)  # type: ignore[arg-type]  # a file, streamed (FileResponse)
def export_file_view(request: HttpRequest, export_id: str) -> FileResponse:
    official: Official = request.user  # type: ignore[assignment]
    export = own_export(official, export_id)
    handle = list_export_download(official=official, export=export)
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"samagra-{export.kind}-{export.created_at:%Y%m%d-%H%M}.{export.format}",
        content_type=CONTENT_TYPES[export.format],  # type: ignore[index]
    )
    response["Cache-Control"] = "no-store"
    return response
