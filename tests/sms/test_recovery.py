"""A RUNNING task whose worker is gone goes back to READY; one whose worker lives is left alone.
(The same with real processes killed: test_worker_crash.py.)"""

from datetime import timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from sms.models import WorkerHeartbeat
from sms.recovery import MAX_CLAIMS, tasks_recover, worker_beat, worker_gone
from sms.tasks import sms_deliver

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("db_task_queue")]

LEASE = 300


@pytest.fixture(autouse=True)
def lease(settings: Any) -> None:
    settings.TASK_LEASE_SECONDS = LEASE


def _running(*, worker_ids: list[str], claimed_seconds_ago: float) -> DBTaskResult:
    task = DBTaskResult.objects.get(id=sms_deliver.enqueue(1).id)
    task.status = "RUNNING"
    task.worker_ids = worker_ids
    task.started_at = timezone.now() - timedelta(seconds=claimed_seconds_ago)
    task.save()
    return task


def _heard_from(worker_id: str, seconds_ago: float) -> None:
    worker_beat(worker_id=worker_id)
    WorkerHeartbeat.objects.filter(worker_id=worker_id).update(
        last_seen=timezone.now() - timedelta(seconds=seconds_ago)
    )


def _status(task: DBTaskResult) -> str:
    task.refresh_from_db()
    return task.status


def test_it_runs_again_a_task_whose_worker_fell_silent() -> None:
    # given: worker w1 claimed the task 10 minutes ago and was last heard from 6 minutes ago
    task = _running(worker_ids=["w1"], claimed_seconds_ago=600)
    _heard_from("w1", seconds_ago=LEASE + 60)

    # when
    taken = tasks_recover()

    # then: back to READY, the dead worker still on its record
    assert taken == 1
    assert _status(task) == "READY"
    assert task.worker_ids == ["w1"]
    assert DBTaskResult.objects.ready().filter(id=task.id).exists()


def test_it_leaves_a_long_task_whose_worker_is_alive() -> None:
    # given: claimed long ago, but the worker says it lives
    task = _running(worker_ids=["w1"], claimed_seconds_ago=3600)
    _heard_from("w1", seconds_ago=5)

    assert tasks_recover() == 0
    assert _status(task) == "RUNNING"


def test_it_waits_a_lease_for_a_worker_that_writes_no_heartbeat() -> None:
    # given: plain db_worker workers write no heartbeat; one claimed this task a minute ago
    recent = _running(worker_ids=["plain"], claimed_seconds_ago=60)
    old = _running(worker_ids=["plain"], claimed_seconds_ago=LEASE + 1)

    tasks_recover()

    assert _status(recent) == "RUNNING"
    assert _status(old) == "READY"


def test_a_worker_restarted_under_the_same_id_takes_back_its_own_tasks_at_once() -> None:
    # given: worker w1 claimed the task a second ago, died, and starts again
    task = _running(worker_ids=["w1"], claimed_seconds_ago=1)
    worker_beat(worker_id="w1")

    # when
    taken = tasks_recover(restarted_worker_id="w1")

    # then
    assert taken == 1
    assert _status(task) == "READY"


def test_it_gives_up_on_a_task_whose_workers_kept_dying() -> None:
    # given: the task's worker died on it MAX_CLAIMS times
    task = _running(worker_ids=[f"w{i}" for i in range(MAX_CLAIMS)], claimed_seconds_ago=600)

    tasks_recover()

    assert _status(task) == "FAILED"
    assert task.exception_class_path == "sms.recovery.WorkerLost"
    assert f"died {MAX_CLAIMS} times" in task.traceback


def test_a_worker_that_stops_cleanly_leaves_no_heartbeat() -> None:
    worker_beat(worker_id="w1")

    worker_gone(worker_id="w1")

    assert not WorkerHeartbeat.objects.exists()


def test_the_command_takes_back_what_it_finds(capsys: pytest.CaptureFixture[str]) -> None:
    task = _running(worker_ids=["gone"], claimed_seconds_ago=LEASE + 1)

    call_command("tasks_recover")

    assert _status(task) == "READY"
    assert "1 task(s) taken back" in capsys.readouterr().out
