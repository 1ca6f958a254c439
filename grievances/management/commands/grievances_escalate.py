"""Move every open grievance whose deadline has passed up one level, and accept every closure
the family has not answered within SAMAGRA_GRIEVANCE_ACCEPT_DAYS. Run it hourly from cron (or
enqueue it for the worker with --enqueue); running it twice does nothing more."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from grievances.rules import accept_days
from grievances.services import grievances_accept_unanswered, grievances_escalate
from grievances.tasks import grievances_escalate_task


class Command(BaseCommand):
    help = (
        "Move open grievances past their deadline up one level (field → local body → district) "
        "and accept closures the family has not answered in time."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--enqueue", action="store_true", help="hand the work to the background worker"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            grievances_escalate_task.enqueue()
            self.stdout.write("Queued for the worker.")
            return
        moved = grievances_escalate()
        self.stdout.write(f"Moved {moved} grievance(s) past their deadline up one level.")
        accepted = grievances_accept_unanswered()
        self.stdout.write(
            f"Accepted {accepted} closure(s) the family did not answer in {accept_days()} days."
        )
