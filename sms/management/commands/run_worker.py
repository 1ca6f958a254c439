import os
from typing import Any

from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from sms import recovery


class Command(DbWorkerCommand):
    help = (
        "Run a database background worker (db_worker's options) that writes a heartbeat and "
        "runs again the tasks of workers that died (sms/recovery.py)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        if (
            options["reload"]
            and not options["batch"]
            and os.environ.get(DJANGO_AUTORELOAD_ENV) != "true"
        ):
            # The reloader's parent only watches the files; its child runs this again and works.
            super().handle(*args, **options)
            return
        worker_id = options["worker_id"]
        recovery.worker_beat(worker_id=worker_id)
        recovery.tasks_recover(restarted_worker_id=worker_id)
        heartbeat = recovery.Heartbeat(worker_id=worker_id)
        heartbeat.start()
        try:
            super().handle(*args, **options)
        finally:
            heartbeat.stop()
            recovery.worker_gone(worker_id=worker_id)
