"""Delete the files of the department API's exports that have expired and mark them EXPIRED.
Run it hourly from cron (or enqueue it for the worker with --enqueue); running it twice does
nothing more."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from api.exports import exports_expire
from api.tasks import api_exports_expire


class Command(BaseCommand):
    help = "Delete the files of expired API exports and mark the exports expired."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--enqueue", action="store_true", help="hand the work to the background worker"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            api_exports_expire.enqueue()
            self.stdout.write("Queued for the worker.")
            return
        done = exports_expire()
        self.stdout.write(f"Expired {done} export(s) and deleted their files.")
