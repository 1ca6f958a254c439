"""Eligibility lists as asynchronous exports: ask for one, follow its progress, download it
(CSV or Parquet) until it expires, list one's own. Written by the worker (api.exports)."""

from datetime import datetime
from typing import Any, Literal

from django.core import signing
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import ConfigDict, Field

from api.auth import client_of, request_id
from api.export_files import CONTENT_TYPES
from api.exports import export_file_open, export_request, export_state
from api.models import ApiExport, DepartmentClient, ExportStatus
from api.problems import ApiProblem
from api.services import require_scopes
from api.v1.schemas import Problem

router = Router(tags=["exports"])

ERRORS = {400: Problem, 401: Problem, 403: Problem, 404: Problem, 429: Problem}
CURSOR_SALT = "api.v1.exports.cursor"
# The scope every operation here needs, in the schema (read by the API's authorisation matrix).
X_SCOPE = {"x-scope": ["export"]}
MaritalCode = Literal["NEVER", "MARRIED", "WIDOWED", "DIVORCED", "SEPARATED"]


# An LGD code as the geography import takes it: letters, digits and hyphens, 20 at most.
LGD_CODE = r"^[A-Za-z0-9-]{1,20}$"


class ExportCriteria(Schema):
    """Who is on the list. Every criterion narrows it; an unknown one is refused (400).
    Only members in use (active, or under a notice of deactivation) of families in use are
    listed, within the client's districts."""

    model_config = ConfigDict(extra="forbid")

    district: str | None = Field(
        None, pattern=LGD_CODE, description="LGD code of a district of the client's."
    )
    local_body: str | None = Field(
        None, pattern=LGD_CODE, description="LGD code of a local body in the client's districts."
    )
    min_age: int | None = Field(
        None,
        ge=0,
        le=150,
        description="Age in whole years today at least (by the year of birth when the date is "
        "not known). Needs the identity scope.",
    )
    max_age: int | None = Field(
        None, ge=0, le=150, description="Age in whole years today at most. Needs identity."
    )
    gender: list[Literal["F", "M", "T"]] | None = Field(
        None, min_length=1, description="Any of these genders. Needs identity."
    )
    marital_status: list[MaritalCode] | None = Field(
        None,
        min_length=1,
        description="Any of these marital statuses (WIDOWED: widowhood). Needs social.",
    )
    has_disability: bool | None = Field(None, description="Needs the disability scope.")
    children_under_six: bool | None = Field(
        None,
        description="true: only families with a living child under six; false: only those "
        "without. Needs the family scope.",
    )
    living_only: bool = Field(True, description="false to list deceased members too.")


class ExportIn(Schema):
    model_config = ConfigDict(extra="forbid")

    purpose: str = Field(..., description="One of the purposes registered for the client.")
    format: Literal["csv", "parquet"] = Field(
        "csv", description="csv: UTF-8 with a byte order mark (for Excel); parquet."
    )
    criteria: ExportCriteria = Field(default_factory=lambda: ExportCriteria.model_validate({}))


class Progress(Schema):
    rows_done: int
    rows_total: int | None = Field(None, description="Counted when the worker starts.")
    percent: float | None


class ExportOut(Schema):
    id: str
    status: Literal["queued", "running", "done", "failed", "expired"]
    format: Literal["csv", "parquet"]
    purpose: str
    criteria: dict[str, Any]
    progress: Progress
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    expires_at: datetime | None = Field(None, description="The file is deleted after this.")
    file_size: int | None = Field(None, description="In bytes, when done.")
    status_url: str
    download_url: str | None = Field(None, description="When done and not yet expired.")
    error: str | None = None


class ExportList(Schema):
    items: list[ExportOut]
    next_cursor: str | None = Field(None, description="Give it as cursor for the next page.")


def _out(request: HttpRequest, export: ApiExport) -> ExportOut:
    state = export_state(export)
    total = export.rows_total
    percent = None
    if state in (ExportStatus.DONE, ExportStatus.EXPIRED):
        percent = 100.0
    elif total:
        percent = round(100 * export.rows_done / total, 1)
    elif total == 0:
        percent = 0.0
    # The API's namespace as this request reached it (the URLconf may nest it).
    namespace = request.resolver_match.namespace if request.resolver_match else "api-v1"
    kwargs = {"export_id": export.public_id}
    url = reverse(f"{namespace}:api_export", kwargs=kwargs)
    file_url = reverse(f"{namespace}:api_export_file", kwargs=kwargs)
    return ExportOut(
        id=export.public_id,
        status=state,  # type: ignore[arg-type]
        format=export.format,  # type: ignore[arg-type]
        purpose=export.purpose,
        criteria=export.criteria,
        progress=Progress(rows_done=export.rows_done, rows_total=total, percent=percent),
        created_at=export.created_at,
        started_at=export.started_at,
        finished_at=export.finished_at,
        expires_at=export.expires_at,
        file_size=export.file_size,
        status_url=request.build_absolute_uri(url),
        download_url=request.build_absolute_uri(file_url) if state == ExportStatus.DONE else None,
        error=_(
            "The export could not be written. Ask for it again; if it fails again, tell the "
            "state administrator."
        )
        if state == ExportStatus.FAILED
        else None,
    )


def _own(client: DepartmentClient, export_id: str) -> ApiExport:
    require_scopes(client, "export")
    # Another client's export is not found: its existence is not that client's to know.
    return get_object_or_404(ApiExport, client=client, public_id=export_id[:32])


@router.post(
    "/exports",
    response={202: ExportOut, **ERRORS},
    summary="Ask for an eligibility list",
    openapi_extra=X_SCOPE,
)
def export_create(request: HttpRequest, body: ExportIn, response: HttpResponse) -> Status:
    """Queue a list of the members who meet the criteria, with the field groups granted to
    the client (never an Aadhaar number). Answers 202 at once; follow ``status_url`` until
    the status is ``done``, then download from ``download_url`` before ``expires_at``. Every
    family written to the list is logged as read, with the purpose. Needs the ``export``
    scope."""
    client = client_of(request)
    export = export_request(
        client=client,
        purpose=body.purpose,
        export_format=body.format,
        criteria=body.criteria.model_dump(exclude_none=True),
    )
    out = _out(request, export)
    response["Location"] = out.status_url
    return Status(202, out)


@router.get(
    "/exports",
    response={200: ExportList, **ERRORS},
    summary="List the client's exports",
    openapi_extra=X_SCOPE,
)
def export_list(
    request: HttpRequest,
    cursor: str = Query("", description="next_cursor of the previous page."),
    limit: int = Query(20, ge=1, le=100),
) -> ExportList:
    """The client's own exports, newest first, by cursor."""
    client = client_of(request)
    require_scopes(client, "export")
    exports = ApiExport.objects.filter(client=client).order_by("-pk")
    if cursor:
        exports = exports.filter(pk__lt=_cursor_pk(client, cursor))
    page = list(exports[: limit + 1])
    more = len(page) > limit
    page = page[:limit]
    return ExportList(
        items=[_out(request, e) for e in page],
        next_cursor=signing.dumps([client.pk, page[-1].pk], salt=CURSOR_SALT) if more else None,
    )


def _cursor_pk(client: DepartmentClient, cursor: str) -> int:
    try:
        client_pk, pk = signing.loads(cursor[:200], salt=CURSOR_SALT)
    except (signing.BadSignature, TypeError, ValueError):
        raise ApiProblem("invalid-cursor") from None
    if client_pk != client.pk or not isinstance(pk, int):
        raise ApiProblem("invalid-cursor")
    return pk


@router.get(
    "/exports/{export_id}",
    response={200: ExportOut, **ERRORS},
    summary="An export's status and progress",
    url_name="api_export",
    openapi_extra=X_SCOPE,
)
def export_status(request: HttpRequest, export_id: str) -> ExportOut:
    """Status (queued, running, done, failed, expired), rows written of the rows counted,
    and, when done, the download URL and when the file expires."""
    return _out(request, _own(client_of(request), export_id))


@router.get(
    "/exports/{export_id}/file",
    response={409: Problem, 410: Problem, **ERRORS},
    summary="Download an export",
    url_name="api_export_file",
    openapi_extra={
        **X_SCOPE,
        "responses": {
            "200": {
                "description": "The list (CSV or Parquet).",
                "content": {
                    "text/csv": {"schema": {"type": "string", "format": "binary"}},
                    "application/vnd.apache.parquet": {
                        "schema": {"type": "string", "format": "binary"}
                    },
                },
            }
        },
    },
)
def export_file(request: HttpRequest, export_id: str) -> FileResponse:
    """The file, while the export is done and not expired: 409 before (queued, running or
    failed), 410 after."""
    export = _own(client_of(request), export_id)
    response = FileResponse(
        export_file_open(export),
        as_attachment=True,
        filename=f"samagra-export-{export.public_id}.{export.format}",
        content_type=CONTENT_TYPES[export.format],  # type: ignore[index]
    )
    response["X-Request-Id"] = request_id(request)
    response["Cache-Control"] = "no-store"
    return response
