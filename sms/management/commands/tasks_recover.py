from typing import Any

from django.core.management.base import BaseCommand

from sms.recovery import tasks_recover


class Command(BaseCommand):
    help = (
        "Run again the tasks whose worker died (RUNNING longer than SAMAGRA_TASK_LEASE_SECONDS "
        "under a worker that is not heard from). Workers started with run_worker do it by "
        "themselves; this is for cron beside plain db_worker workers."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        taken = tasks_recover()
        if options["verbosity"]:
            self.stdout.write(f"{taken} task(s) taken back from dead workers.")
