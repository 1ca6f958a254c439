"""Delete the files of the supervisors' list exports that have expired and mark them EXPIRED.
Run it hourly from cron (or enqueue it for the worker with --enqueue); twice does no more."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from supervision.services import list_exports_expire
from supervision.tasks import list_exports_expire_task


class Command(BaseCommand):
    help = "Delete the files of expired list exports and mark the exports expired."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--enqueue", action="store_true", help="hand the work to the background worker"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            list_exports_expire_task.enqueue()
            self.stdout.write("Queued for the worker.")
            return
        done = list_exports_expire()
        self.stdout.write(f"Expired {done} list export(s) and deleted their files.")
