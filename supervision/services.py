"""Exports of the supervisors' lists: asking for one (``list_export_request``: at most one
running per official, list, format and filters), writing it (``list_export_write``, the
worker's part), giving the file to the official who asked (``list_export_download``) and
deleting the files that have expired (``list_exports_expire``).

The worker walks the list in its keyset order, ``ROWS_PER_CHUNK`` rows at a time, and saves its
progress after each chunk: memory stays the same for a ward or a state. The file is written to
a temporary file and moved into the ``list_exports`` storage when complete, so a half-written
file is never downloadable.
"""

import logging
import os
import secrets
import tempfile
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.files import File
from django.core.files.storage import Storage, storages
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone, translation

from api.exports import done_exports_expire
from api.models import ExportStatus
from audit.services import audit_record
from officials.models import Official
from supervision.files import WRITERS
from supervision.forms import ListFilters, filters_from_params, scope_key
from supervision.models import RUNNING, ListExport
from supervision.rows import headers, table
from supervision.selectors import QUERIES, after, row_key

logger = logging.getLogger(__name__)

ROWS_PER_CHUNK = 2000
REQUESTED = "lists.export_requested"
DOWNLOADED = "lists.export_downloaded"


def exports_storage() -> Storage:
    return storages["list_exports"]


# --- Asking for one ----------------------------------------------------------------------


def _running(official: Official, key: str) -> ListExport | None:
    return (
        ListExport.objects.filter(official=official, filters_key=key, status__in=RUNNING)
        .order_by("-pk")
        .first()
    )


def list_export_request(
    *, official: Official, filters: ListFilters, export_format: str
) -> tuple[ListExport, bool]:
    """Queue the list for the worker, or give the one of the same list, format and filters
    that this official already has queued or running: (export, whether it is new)."""
    key = filters.key(export_format)
    existing = _running(official, key)
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            export = ListExport.objects.create(
                public_id=secrets.token_hex(12),
                official=official,
                kind=filters.kind,
                format=export_format,
                filters=filters.params(),
                filters_key=key,
                scope_key=scope_key(official),
                language=translation.get_language() or settings.LANGUAGE_CODE,
            )
            audit_record(
                actor=official,
                event_type=REQUESTED,
                subject=export,
                changes={
                    "kind": [None, export.kind],
                    "format": [None, export.format],
                    "filters": [None, _filters_words(filters)],
                },
                local_body=official.local_body,
                district=official.district,
            )
            _enqueue(export.pk)
    except IntegrityError:
        # The same request twice at once (a double click): the unique constraint on running
        # exports let one in; the other shows it.
        existing = _running(official, key)
        if existing is None:
            raise
        return existing, False
    return export, True


def _filters_words(filters: ListFilters) -> str:
    return ", ".join(f"{k}={v}" for k, v in filters.params().items()) or "-"


def _enqueue(export_id: int) -> None:
    """As api.exports: the database queue writes its task in this transaction; any other
    backend gets the task once it commits."""
    from django_tasks_db.backend import DatabaseBackend

    from supervision.tasks import list_export_write_task  # it imports this module

    if isinstance(list_export_write_task.get_backend(), DatabaseBackend):
        list_export_write_task.enqueue(export_id)
    else:
        transaction.on_commit(lambda: list_export_write_task.enqueue(export_id))


def export_state(export: ListExport, now: datetime | None = None) -> str:
    """A finished export past its time is expired even before the sweep deleted its file."""
    now = now or timezone.now()
    if export.status == ExportStatus.DONE and export.expires_at and export.expires_at <= now:
        return ExportStatus.EXPIRED.value
    return str(export.status)


def own_export(official: Official, export_id: str) -> ListExport:
    """The official's own export; another's is not found (404), whoever they are."""
    export = ListExport.objects.filter(official=official, public_id=export_id[:32]).first()
    if export is None:
        raise Http404
    return export


def list_export_download(*, official: Official, export: ListExport) -> Any:
    """The finished file, opened, for the official who asked while their place is the same
    (else 404); the download is recorded in the audit log."""
    if export.official_id != official.pk or export.scope_key != scope_key(official):
        raise Http404
    if export_state(export) != ExportStatus.DONE:
        raise Http404
    handle = exports_storage().open(export.file_name, "rb")
    with transaction.atomic():
        audit_record(
            actor=official,
            event_type=DOWNLOADED,
            subject=export,
            local_body=official.local_body,
            district=official.district,
        )
    return handle


# --- Writing -----------------------------------------------------------------------------


class _Written(File):  # type: ignore[type-arg]
    """A finished temporary file: the file system storage moves it rather than copying it."""

    def temporary_file_path(self) -> str:
        return str(self.name)


class NoLongerAllowed(Exception):
    """The official is deactivated or moved, or a filter left their jurisdiction."""


def _claim(export_id: int) -> ListExport | None:
    # Locked so that two workers given the same task (one thought dead and run again) do not
    # both start it; a rerun of a running one starts afresh.
    with transaction.atomic():
        export = (
            ListExport.objects.select_for_update().filter(pk=export_id, status__in=RUNNING).first()
        )
        if export is None:
            return None
        export.status = ExportStatus.RUNNING
        export.started_at = timezone.now()
        export.rows_done = 0
        export.save(update_fields=["status", "started_at", "rows_done"])
    return export


def list_export_write(*, export_id: int) -> str:
    """The worker's part: count, write chunk by chunk (saving progress), store the file."""
    export = _claim(export_id)
    if export is None:
        return "not queued"
    fd, path = tempfile.mkstemp(
        prefix="samagra-list-", suffix=f".{export.format}", dir=settings.FILE_UPLOAD_TEMP_DIR
    )
    os.close(fd)
    try:
        with translation.override(export.language):
            _write(export, path)
    except Exception as exc:
        logger.exception("list export %s failed", export.public_id)
        ListExport.objects.filter(pk=export.pk).update(
            status=ExportStatus.FAILED, error=type(exc).__name__, finished_at=timezone.now()
        )
        return "failed"
    finally:
        if os.path.exists(path):
            os.unlink(path)
    return "done"


def _write(export: ListExport, path: str) -> None:
    official = Official.objects.select_related("district", "local_body").get(pk=export.official_id)
    if not official.is_active or scope_key(official) != export.scope_key:
        raise NoLongerAllowed
    try:
        filters = filters_from_params(official, export.kind, export.filters)
    except ValueError:
        raise NoLongerAllowed from None
    kind = export.kind
    rows = QUERIES[kind](official, filters)
    ListExport.objects.filter(pk=export.pk).update(rows_total=rows.count())
    writer = WRITERS[export.format](path, headers(kind))
    done, key = 0, None
    try:
        while True:
            chunk = list((after(kind, rows, key) if key else rows)[:ROWS_PER_CHUNK])
            if not chunk:
                break
            writer.write(table(kind, chunk, for_file=True).rows)
            done += len(chunk)
            key = row_key(kind, chunk[-1])
            ListExport.objects.filter(pk=export.pk).update(rows_done=done)
    finally:
        writer.close()
    size = os.path.getsize(path)
    name = exports_storage().save(f"{export.public_id}.{export.format}", _Written(None, path))
    now = timezone.now()
    ListExport.objects.filter(pk=export.pk).update(
        status=ExportStatus.DONE,
        rows_done=done,
        file_name=name,
        file_size=size,
        finished_at=now,
        expires_at=now + timedelta(hours=settings.LIST_EXPORT_KEEP_HOURS),
    )


# --- Expiry ------------------------------------------------------------------------------


def list_exports_expire(*, now: datetime | None = None) -> int:
    """Mark finished exports past their time EXPIRED and delete their files; an export queued
    or running for longer than the keeping time (its worker lost) FAILED, so that the official
    can ask again. Idempotent; the rows are kept (who exported what, and when)."""
    now = now or timezone.now()
    stale = now - timedelta(hours=settings.LIST_EXPORT_KEEP_HOURS)
    ListExport.objects.filter(status__in=RUNNING, created_at__lt=stale).update(
        status=ExportStatus.FAILED, error="stale", finished_at=now
    )
    return done_exports_expire(ListExport, exports_storage(), now)
