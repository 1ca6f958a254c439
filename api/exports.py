"""Eligibility lists for department clients, written by the worker: which members an export's
criteria select, asking for one (``export_request``), writing it (``export_write``, the task's
body) and deleting the files that have expired (``exports_expire``).

An export walks the selected families in keyset order (by primary key, ``FAMILIES_PER_CHUNK``
at a time) and reads their selected members per chunk: memory stays the same for a local body
or a whole state, and each family's members are written once. The file is written to a
temporary file and moved into the ``api_exports`` storage when complete, so a half-written file
is never downloadable.

The families written are spooled to a second temporary file and logged as read in the one
transaction that makes the export DONE: a list that never becomes downloadable (it failed, or
its worker died and sms.recovery runs it again) has been read by nobody and logs nothing, and
a rerun logs each family once. Only the latest claim of an export may finish it: a worker
thought dead that comes back after the export was claimed again finds itself superseded.
"""

import json
import logging
import os
import secrets
import tempfile
from collections.abc import Callable, Iterator
from contextlib import suppress
from datetime import date, datetime, timedelta
from operator import itemgetter
from typing import IO, Any

from django.conf import settings
from django.core.files import File
from django.core.files.storage import Storage, storages
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from api.export_files import FAMILY_VALUES, WRITERS, Column, export_columns, export_groups
from api.models import ApiExport, DepartmentClient, ExportStatus
from api.problems import ApiProblem
from api.services import area_filter, log_reads, require_area, require_purpose, require_scopes
from geography.models import District, LocalBody
from registry.models import Family, FamilyStatus, Member, MemberStatus

logger = logging.getLogger(__name__)

FAMILIES_PER_CHUNK = 2000
OPERATION = "export"
IN_USE = [MemberStatus.ACTIVE, MemberStatus.TO_BE_DEACTIVATED]
# A criterion narrows by data of a field group: asking for it needs that group's scope, or
# the list itself would tell who is, say, disabled.
CRITERIA_SCOPES = {
    "min_age": "identity",
    "max_age": "identity",
    "gender": "identity",
    "marital_status": "social",
    "has_disability": "disability",
    "children_under_six": "family",
}


def exports_storage() -> Storage:
    return storages["api_exports"]


# --- Which members -----------------------------------------------------------------------


def _years_before(today: date, years: int) -> date:
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February in a year without it
        return today.replace(year=today.year - years, day=28)


def _age_at_least(years: int, today: date) -> models.Q:
    """Age in whole years at ``today``; by the year of birth when the date is not known."""
    return models.Q(date_of_birth__lte=_years_before(today, years)) | models.Q(
        date_of_birth__isnull=True, birth_year__lte=today.year - years
    )


def _age_at_most(years: int, today: date) -> models.Q:
    return models.Q(date_of_birth__gt=_years_before(today, years + 1)) | models.Q(
        date_of_birth__isnull=True, birth_year__gte=today.year - years
    )


def selected_families(
    client: DepartmentClient, criteria: dict[str, Any], today: date
) -> models.QuerySet[Family]:
    """The families in use, within the client's districts and the criteria's area (and, when
    asked, with a living child under six)."""
    families = Family.objects.filter(
        area_filter(client, "area__local_body__district"), status=FamilyStatus.ACTIVE
    )
    if criteria.get("district"):
        families = families.filter(area__local_body__district__lgd_code=criteria["district"])
    if criteria.get("local_body"):
        families = families.filter(area__local_body__lgd_code=criteria["local_body"])
    if criteria.get("children_under_six") is not None:
        child = Member.objects.filter(
            _age_at_most(5, today),
            family=models.OuterRef("pk"),
            status__in=IN_USE,
            is_deceased=False,
        )
        with_child = models.Exists(child)
        families = families.filter(with_child if criteria["children_under_six"] else ~with_child)
    return families


def member_filter(criteria: dict[str, Any], today: date) -> models.Q:
    """The criteria on the member: in use always; living unless ``living_only`` is false."""
    q = models.Q(status__in=IN_USE)
    if criteria.get("living_only", True):
        q &= models.Q(is_deceased=False)
    if criteria.get("min_age") is not None:
        q &= _age_at_least(criteria["min_age"], today)
    if criteria.get("max_age") is not None:
        q &= _age_at_most(criteria["max_age"], today)
    if criteria.get("gender"):
        q &= models.Q(gender__in=criteria["gender"])
    if criteria.get("marital_status"):
        q &= models.Q(marital_status__in=criteria["marital_status"])
    if criteria.get("has_disability") is not None:
        q &= models.Q(has_disability=criteria["has_disability"])
    return q


# --- Asking for one ----------------------------------------------------------------------


def _require_area(client: DepartmentClient, criteria: dict[str, Any]) -> None:
    district_id = None
    if criteria.get("district"):
        district = District.objects.filter(lgd_code=criteria["district"]).first()
        if district is None:
            raise ApiProblem(
                "invalid-request",
                _("No district has the LGD code %(code)s.") % {"code": criteria["district"]},
            )
        require_area(client, district.pk)
        district_id = district.pk
    if criteria.get("local_body"):
        local_body = LocalBody.objects.filter(lgd_code=criteria["local_body"]).first()
        if local_body is None:
            raise ApiProblem(
                "invalid-request",
                _("No local body has the LGD code %(code)s.") % {"code": criteria["local_body"]},
            )
        require_area(client, local_body.district_id)
        if district_id is not None and local_body.district_id != district_id:
            raise ApiProblem("invalid-request", _("The local body is not in the district."))


def export_request(
    *, client: DepartmentClient, purpose: str, export_format: str, criteria: dict[str, Any]
) -> ApiExport:
    """Queue an eligibility list for the worker. The criteria are already well-formed (the
    API's schema); here: the client's purpose, its scopes for the criteria, its areas."""
    require_scopes(client, "export")
    require_purpose(client, purpose)
    needed = sorted({CRITERIA_SCOPES[k] for k in criteria if k in CRITERIA_SCOPES})
    require_scopes(client, *needed)
    if (
        criteria.get("min_age") is not None
        and criteria.get("max_age") is not None
        and criteria["min_age"] > criteria["max_age"]
    ):
        raise ApiProblem("invalid-request", _("The minimum age is above the maximum age."))
    _require_area(client, criteria)
    with transaction.atomic():
        export = ApiExport.objects.create(
            public_id=secrets.token_hex(12),
            client=client,
            purpose=purpose,
            criteria=criteria,
            format=export_format,
        )
        _enqueue(export.pk)
    return export


def _enqueue(export_id: int) -> None:
    """The database queue writes its task row in this transaction (the export and its task
    are kept together or not at all); any other backend gets the task once it commits."""
    from django_tasks_db.backend import DatabaseBackend

    from api.tasks import api_export_write  # api.tasks imports this module

    if isinstance(api_export_write.get_backend(), DatabaseBackend):
        api_export_write.enqueue(export_id)
    else:
        transaction.on_commit(lambda: api_export_write.enqueue(export_id))


def export_state(export: ApiExport, now: datetime | None = None) -> str:
    """The status as the client sees it: a finished export past its time is expired even
    before the hourly sweep has deleted its file."""
    now = now or timezone.now()
    if export.status == ExportStatus.DONE and export.expires_at and export.expires_at <= now:
        return ExportStatus.EXPIRED.value
    return str(export.status)


def export_file_open(export: ApiExport) -> Any:
    """The finished file, opened; 409 while it is being made (or failed), 410 once expired."""
    state = export_state(export)
    if state == ExportStatus.EXPIRED:
        raise ApiProblem("export-expired")
    if state != ExportStatus.DONE:
        raise ApiProblem("export-not-ready", _not_ready_detail(state))
    return exports_storage().open(export.file_name, "rb")


def _not_ready_detail(state: str) -> str:
    if state == ExportStatus.QUEUED:
        return _("The export is waiting for the worker; ask for its status again later.")
    if state == ExportStatus.RUNNING:
        return _("The export is being written; ask for its status again later.")
    return _("The export failed: ask for it again.")


# --- Writing -----------------------------------------------------------------------------


def _rows(
    families: models.QuerySet[Family],
    members_q: models.Q,
    columns: list[Column],
    cell: Callable[[Column], Callable[[Any], Any] | None],
) -> Iterator[tuple[list[list[Any]], list[tuple[str, list[str]]]]]:
    """Chunks of (rows, the families written with their member IDs), in keyset order. A row
    is picked from the member's values and its family's at C speed (itemgetter); only the
    columns that need it are converted in Python."""
    member_paths = list(dict.fromkeys(c.member for c in columns if c.member))
    paths = ["family_id", "member_id", *[p for p in member_paths if p != "member_id"]]
    family_at = {key: len(paths) + i for i, key in enumerate(FAMILY_VALUES)}
    at = {p: i for i, p in enumerate(paths)}
    pick = itemgetter(*(family_at[c.family] if c.family else at[c.member] for c in columns))
    converts = [(i, f) for i, c in enumerate(columns) if (f := _converter(c, cell)) is not None]
    family_id_at = family_at["family_id"]
    last = 0
    while True:
        chunk = list(
            families.filter(pk__gt=last)
            .order_by("pk")
            .values_list("pk", *FAMILY_VALUES.values())[:FAMILIES_PER_CHUNK]
        )
        if not chunk:
            return
        last = chunk[-1][0]
        by_pk = {row[0]: row[1:] for row in chunk}
        members = (
            Member.objects.filter(members_q, family_id__in=list(by_pk))
            .order_by("family_id", "pk")
            .values_list(*paths)
        )
        rows: list[list[Any]] = []
        read: dict[str, list[str]] = {}
        for member in members:
            values = member + by_pk[member[0]]
            row = list(pick(values))
            for i, convert in converts:
                row[i] = convert(row[i])
            rows.append(row)
            read.setdefault(values[family_id_at], []).append(member[1])
        yield rows, list(read.items())


def _converter(
    column: Column, cell: Callable[[Column], Callable[[Any], Any] | None]
) -> Callable[[Any], Any] | None:
    first, then = column.convert, cell(column)
    if first is None or then is None:
        return first or then
    return lambda value: then(first(value))


class _Written(File):  # type: ignore[type-arg]
    """A finished temporary file: the file system storage moves it rather than copying it."""

    def temporary_file_path(self) -> str:
        return str(self.name)


def _claim(export_id: int) -> ApiExport | None:
    # Locked so that two workers given the same task (a worker thought dead, run again by
    # sms.recovery) do not both start it; a rerun of a running one starts it afresh.
    with transaction.atomic():
        export = (
            ApiExport.objects.select_for_update()
            .select_related("client")
            .filter(pk=export_id, status__in=[ExportStatus.QUEUED, ExportStatus.RUNNING])
            .first()
        )
        if export is None:
            return None
        export.status = ExportStatus.RUNNING
        export.started_at = timezone.now()
        export.rows_done = 0
        export.save(update_fields=["status", "started_at", "rows_done"])
    return export


def export_write(*, export_id: int) -> str:
    """The worker's part: count, write, and store the file, logging every family written as
    read. Progress is saved after each chunk, in its own short transaction."""
    export = _claim(export_id)
    if export is None:
        return "not queued"
    fd, path = tempfile.mkstemp(
        prefix="samagra-export-", suffix=f".{export.format}", dir=settings.FILE_UPLOAD_TEMP_DIR
    )
    os.close(fd)
    try:
        with tempfile.TemporaryFile(
            "w+",
            encoding="utf-8",
            prefix="samagra-export-reads-",
            dir=settings.FILE_UPLOAD_TEMP_DIR,
        ) as spool:
            _write(export, path, spool)
    except Superseded:
        logger.warning("export %s was claimed again while this worker wrote it", export.public_id)
        return "superseded"
    except Exception as exc:
        logger.exception("export %s failed", export.public_id)
        _this_claim(export).update(
            status=ExportStatus.FAILED,
            error=type(exc).__name__,
            finished_at=timezone.now(),
        )
        return "failed"
    finally:
        if os.path.exists(path):
            os.unlink(path)
    return "done"


class ClientNoLongerAllowed(Exception):
    """Revoked, expired, or no longer given exports or the purpose since the export was asked
    for: nothing is read."""


class Superseded(Exception):
    """The export was claimed again (its task run again by sms.recovery) or finished by
    another worker since this one claimed it: this worker's file and reads are dropped."""


def _this_claim(export: ApiExport) -> models.QuerySet[ApiExport]:
    """The export's row while it is still running under this worker's claim."""
    return ApiExport.objects.filter(
        pk=export.pk, status=ExportStatus.RUNNING, started_at=export.started_at
    )


def _spooled(spool: IO[str]) -> Iterator[tuple[str, list[str]]]:
    spool.seek(0)
    for line in spool:
        family_id, member_ids = json.loads(line)
        yield family_id, member_ids


def _write(export: ApiExport, path: str, spool: IO[str]) -> None:
    client = export.client
    if not (client.is_usable and "export" in client.scopes and export.purpose in client.purposes):
        raise ClientNoLongerAllowed
    today = timezone.localdate()
    families = selected_families(client, export.criteria, today)
    members_q = member_filter(export.criteria, today)
    total = Member.objects.filter(members_q, family__in=families).count()
    _this_claim(export).update(rows_total=total)
    groups = export_groups(client)
    columns = export_columns(groups)
    writer = WRITERS[export.format](path, columns)
    done = 0
    try:
        for rows, read in _rows(families, members_q, columns, writer.cell):
            writer.write(rows)
            spool.writelines(json.dumps(family) + "\n" for family in read)
            done += len(rows)
            _this_claim(export).update(rows_done=done)
    finally:
        writer.close()
    spool.flush()
    _finish(export, path, spool, groups=groups, done=done)


def _finish(export: ApiExport, path: str, spool: IO[str], *, groups: list[str], done: int) -> None:
    """Store the file, log the reads and mark the export DONE, at once and only under this
    worker's claim (the row locked: a second worker finishing the same export waits, then
    finds it DONE)."""
    storage = exports_storage()
    name = f"{export.public_id}.{export.format}"
    size = os.path.getsize(path)
    with transaction.atomic():
        if not list(_this_claim(export).select_for_update().values_list("pk", flat=True)):
            raise Superseded
        # A run that died after storing its file and before this commit left it behind.
        with suppress(FileNotFoundError):
            storage.delete(name)
        name = storage.save(name, _Written(None, path))
        log_reads(
            export.client,
            purpose=export.purpose,
            operation=OPERATION,
            scopes=groups,
            families=_spooled(spool),
            request_id=export.public_id,
        )
        now = timezone.now()
        ApiExport.objects.filter(pk=export.pk).update(
            status=ExportStatus.DONE,
            rows_done=done,
            file_name=name,
            file_size=size,
            finished_at=now,
            expires_at=now + timedelta(hours=settings.API_EXPORT_KEEP_HOURS),
        )


# --- Expiry ------------------------------------------------------------------------------


def exports_expire(*, now: datetime | None = None) -> int:
    """Mark the finished exports past their time EXPIRED and delete their files (hourly, from
    cron or the worker). Idempotent; the row is kept: it says what was exported, and when."""
    return done_exports_expire(ApiExport, exports_storage(), now or timezone.now())


def done_exports_expire(model: Any, storage: Storage, now: datetime) -> int:
    """Each DONE row of ``model`` (an export: status, expires_at, file_name) past its time made
    EXPIRED, then its file deleted from ``storage``; the department API's exports and the
    supervisors' lists (supervision.services) both."""
    due = model.objects.filter(status=ExportStatus.DONE, expires_at__lte=now)
    count = 0
    for export_id in list(due.values_list("pk", flat=True)):
        with transaction.atomic():
            export = (
                model.objects.select_for_update()
                .filter(pk=export_id, status=ExportStatus.DONE)
                .first()
            )
            if export is None:
                continue
            export.status = ExportStatus.EXPIRED
            export.save(update_fields=["status"])
        # After the commit: a file deleted while its row still said DONE would be a 500.
        if export.file_name and storage.exists(export.file_name):
            storage.delete(export.file_name)
        count += 1
    return count
