"""A task whose worker died is run again.

django-tasks-db marks a task RUNNING when a worker claims it and writes the worker's id, but keeps
no heartbeat: a worker killed mid-task (kill -9, out of memory, a lost machine) leaves its task
RUNNING for good, and no other worker takes it up. Workers started with `manage.py run_worker`
write a WorkerHeartbeat row every quarter lease; a RUNNING task whose worker has not been heard
from for settings.TASK_LEASE_SECONDS and that was claimed longer ago than that is put back to
READY (the worker's id stays in its worker_ids), and a worker runs it again. A worker that starts
under the id of one that died takes back that one's tasks at once. Tasks must be safe to run
twice: sms_deliver is (sms/delivery.py). A task whose workers died MAX_CLAIMS times is marked
FAILED instead of being run for ever.

Both run at a worker's start and at every heartbeat; `manage.py tasks_recover` runs it once
(for cron, beside workers started with plain `db_worker`, which write no heartbeat).
"""

import logging
import os
import socket
import threading
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, connection
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction

from sms.models import WorkerHeartbeat

logger = logging.getLogger(__name__)

MAX_CLAIMS = 5
# Heartbeat rows of workers silent this long are deleted.
FORGET_AFTER = timedelta(days=1)


class WorkerLost(Exception):
    """Recorded as the error of a task given up on because its workers kept dying."""


def worker_beat(*, worker_id: str) -> None:
    """Write down that the worker is alive now."""
    now = timezone.now()
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={"last_seen": now, "hostname": socket.gethostname()[:255], "pid": os.getpid()},
        create_defaults={
            "started_at": now,
            "last_seen": now,
            "hostname": socket.gethostname()[:255],
            "pid": os.getpid(),
        },
    )


def worker_gone(*, worker_id: str) -> None:
    """A worker that stops cleanly says so: its tasks (none, once it stopped) need no lease."""
    WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()


def tasks_recover(*, restarted_worker_id: str = "") -> int:
    """Put back the RUNNING tasks whose worker is gone; the number taken back or given up on.

    `restarted_worker_id` is the id of a worker starting now: what that id had claimed before
    was claimed by an earlier process, which is dead.
    """
    now = timezone.now()
    lease_start = now - timedelta(seconds=settings.TASK_LEASE_SECONDS)
    alive = set(
        WorkerHeartbeat.objects.filter(last_seen__gte=lease_start).values_list(
            "worker_id", flat=True
        )
    )
    alive.discard(restarted_worker_id)
    WorkerHeartbeat.objects.filter(last_seen__lt=now - FORGET_AFTER).delete()
    taken = 0
    # As the worker claims a task: exclusive on SQLite, the rows locked on PostgreSQL, so that a
    # task is not taken back while a worker claims it.
    with exclusive_transaction(DBTaskResult.objects.db):
        for task in DBTaskResult.objects.running().select_for_update(skip_locked=True):
            owner = task.worker_ids[-1] if task.worker_ids else ""
            started = task.started_at or now
            if owner == restarted_worker_id or (owner not in alive and started < lease_start):
                _take_back(task, owner)
                taken += 1
    return taken


def _take_back(task: DBTaskResult, owner: str) -> None:
    claims = len(task.worker_ids)
    if claims >= MAX_CLAIMS:
        task.set_failed(WorkerLost(f"its worker died {claims} times"))
        logger.error(
            "Task %s (%s) given up: its worker died %s times (last %s)",
            task.id,
            task.task_path,
            claims,
            owner,
        )
        return
    task.status = TaskResultStatus.READY
    task.save(update_fields=["status"])
    logger.warning(
        "Task %s (%s) claimed by worker %s at %s is run again: that worker is gone",
        task.id,
        task.task_path,
        owner or "(unknown)",
        task.started_at,
    )


class Heartbeat(threading.Thread):
    """Beside a worker's loop: says every quarter lease that the worker lives, and takes back
    the tasks of workers that do not. A daemon thread, so it dies with the worker."""

    def __init__(self, *, worker_id: str) -> None:
        super().__init__(name=f"heartbeat-{worker_id}", daemon=True)
        self.worker_id = worker_id
        self.stopping = threading.Event()

    def run(self) -> None:
        interval = settings.TASK_LEASE_SECONDS / 4
        try:
            while not self.stopping.wait(interval):
                try:
                    worker_beat(worker_id=self.worker_id)
                    tasks_recover()
                except DatabaseError as exc:
                    # A busy SQLite file or a dropped connection: the next beat tries again.
                    logger.warning("Worker %s: heartbeat not written: %s", self.worker_id, exc)
                    connection.close()
        finally:
            connection.close()

    def stop(self) -> None:
        self.stopping.set()
        self.join(timeout=10)
