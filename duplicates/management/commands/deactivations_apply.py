"""Deactivate the members whose notice has ended with no objection. Run it daily from cron (or
enqueue it for the worker with --enqueue); running it twice does nothing more."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from duplicates.services import deactivations_due_apply
from duplicates.tasks import deactivations_apply


class Command(BaseCommand):
    help = "Deactivate members whose deactivation notice has ended without an objection."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--enqueue", action="store_true", help="hand the work to the background worker"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            deactivations_apply.enqueue()
            self.stdout.write("Queued for the worker.")
            return
        done = deactivations_due_apply()
        self.stdout.write(f"Deactivated {done} member(s) whose notice had ended.")
