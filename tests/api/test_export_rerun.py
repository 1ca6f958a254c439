"""An export's task run again (sms.recovery: its worker died, or was only thought dead) logs
each family written as read once, and only for the run whose file became downloadable; a
failed export logs no read."""

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings

from api import exports
from api.models import ApiExport, ApiRead, ExportStatus
from tests import factories as f
from tests.api.support import PURPOSE, Api, register
from tests.conftest import World

pytestmark = pytest.mark.django_db


class WorkerKilled(BaseException):
    """The worker's process ending (kill -9, out of memory): no ``except Exception`` runs, and
    the open transaction is rolled back, as the database does when the connection drops."""


@pytest.fixture(autouse=True)
def export_dir(settings: Any, tmp_path: Path) -> Path:
    folder = tmp_path / "api-exports"
    storages = dict(django_settings.STORAGES)
    storages["api_exports"] = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(folder), "base_url": None},
    }
    settings.STORAGES = storages
    return folder


@pytest.fixture
def queued(world: World, monkeypatch: pytest.MonkeyPatch) -> tuple[Api, ApiExport]:
    """An export of district d_a (family_a1 with two members, family_b1 with one), one family
    a chunk, queued and not yet written."""
    f.MemberFactory(family=world.family_a1, relation="SON")
    monkeypatch.setattr(exports, "FAMILIES_PER_CHUNK", 1)
    api = Api(register(world.sam, districts=[world.d_a], scopes=["export", "identity"]))
    export_id = api.post("/exports", {"purpose": PURPOSE}).json()["id"]
    return api, ApiExport.objects.get(public_id=export_id)


def _expected(world: World) -> dict[str, list[str]]:
    return {
        family.family_id: list(family.members.order_by("pk").values_list("member_id", flat=True))
        for family in (world.family_a1, world.family_b1)
    }


def _reads_of(export: ApiExport) -> list[ApiRead]:
    return list(ApiRead.objects.filter(request_id=export.public_id).order_by("pk"))


def _assert_read_once(world: World, api: Api, export: ApiExport) -> None:
    reads = _reads_of(export)
    assert Counter(r.family_id for r in reads) == {
        world.family_a1.family_id: 1,
        world.family_b1.family_id: 1,
    }
    assert {r.family_id: r.member_ids for r in reads} == _expected(world)
    export.refresh_from_db()
    assert (export.status, export.rows_done) == (ExportStatus.DONE, 3)
    response = api.get(f"/exports/{export.public_id}/file")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).count(b"\n") == 1 + 3  # the header and 3 rows


def _die_after_the_first_chunk(monkeypatch: pytest.MonkeyPatch) -> None:
    real = exports._rows

    def rows(*args: Any, **kwargs: Any) -> Iterator[Any]:
        chunks = real(*args, **kwargs)
        yield next(chunks)
        raise WorkerKilled

    monkeypatch.setattr(exports, "_rows", rows)


def _die_after_logging_the_reads(monkeypatch: pytest.MonkeyPatch) -> None:
    real = exports.log_reads

    def log_reads(*args: Any, **kwargs: Any) -> int:
        count = real(*args, **kwargs)
        assert count == 2  # both families were logged when the worker died
        raise WorkerKilled

    monkeypatch.setattr(exports, "log_reads", log_reads)


@pytest.mark.parametrize("crash", [_die_after_the_first_chunk, _die_after_logging_the_reads])
def test_an_export_run_again_after_its_worker_died_logs_each_family_once(
    world: World, queued: tuple[Api, ApiExport], monkeypatch: pytest.MonkeyPatch, crash: Any
) -> None:
    api, export = queued
    # given a worker that dies while writing the export (after the file was stored and the
    # reads logged, at the latest)
    with monkeypatch.context() as patched:
        crash(patched)
        with pytest.raises(WorkerKilled):
            exports.export_write(export_id=export.pk)
    export.refresh_from_db()
    assert export.status == ExportStatus.RUNNING
    # then nothing was logged as read: the list was never downloadable
    assert _reads_of(export) == []
    # when sms.recovery runs its task again
    assert exports.export_write(export_id=export.pk) == "done"
    # then each family written is logged as read once, with the members written
    _assert_read_once(world, api, export)
    # and a third run (a task run twice) finds it done and logs nothing
    assert exports.export_write(export_id=export.pk) == "not queued"
    assert len(_reads_of(export)) == 2


def test_a_worker_thought_dead_that_comes_back_logs_nothing(
    world: World, queued: tuple[Api, ApiExport], monkeypatch: pytest.MonkeyPatch
) -> None:
    api, export = queued
    real = exports._rows
    rerun: list[str] = []
    runs = 0

    def rows(*args: Any, **kwargs: Any) -> Iterator[Any]:
        nonlocal runs
        runs += 1
        chunks = real(*args, **kwargs)
        yield next(chunks)
        if runs == 1:
            # while the first worker is slow, its task is run again by another, to the end
            rerun.append(exports.export_write(export_id=export.pk))
        yield from chunks

    monkeypatch.setattr(exports, "_rows", rows)
    # when the first worker goes on and comes to finish the export
    outcome = exports.export_write(export_id=export.pk)
    # then it finds the export claimed again and finished: its file and reads are dropped
    assert (rerun, outcome) == (["done"], "superseded")
    _assert_read_once(world, api, export)


def test_a_failed_export_logs_no_read(
    world: World, queued: tuple[Api, ApiExport], monkeypatch: pytest.MonkeyPatch
) -> None:
    api, export = queued
    real = exports._rows

    def rows(*args: Any, **kwargs: Any) -> Iterator[Any]:
        chunks = real(*args, **kwargs)
        yield next(chunks)
        raise RuntimeError("disk full")

    monkeypatch.setattr(exports, "_rows", rows)
    assert exports.export_write(export_id=export.pk) == "failed"
    export.refresh_from_db()
    assert export.status == ExportStatus.FAILED
    assert _reads_of(export) == []
    assert api.get(f"/exports/{export.public_id}/file").status_code == 409


def test_a_file_left_by_a_run_that_died_is_replaced(
    world: World, queued: tuple[Api, ApiExport], monkeypatch: pytest.MonkeyPatch, export_dir: Path
) -> None:
    api, export = queued
    with monkeypatch.context() as patched:
        _die_after_logging_the_reads(patched)
        with pytest.raises(WorkerKilled):
            exports.export_write(export_id=export.pk)
    assert [p.name for p in export_dir.iterdir()] == [f"{export.public_id}.csv"]
    assert exports.export_write(export_id=export.pk) == "done"
    export.refresh_from_db()
    assert export.file_name == f"{export.public_id}.csv"
    assert [p.name for p in export_dir.iterdir()] == [export.file_name]
    _assert_read_once(world, api, export)
