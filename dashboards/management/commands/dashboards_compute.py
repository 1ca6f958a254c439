from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from dashboards.compute import figures_compute, figures_compute_recent


class Command(BaseCommand):
    help = (
        "Compute the dashboards' figures per area for today (and the days before it with "
        "--days), or for one --day (YYYY-MM-DD). Idempotent: a day computed again is replaced. "
        "Cron: hourly for today, and '--days 2' after midnight to close yesterday."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--day", help="one day, YYYY-MM-DD")
        parser.add_argument("--days", type=int, default=1, help="today and the days before it")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["day"]:
            try:
                day = date.fromisoformat(options["day"])
            except ValueError:
                raise CommandError("--day must be a date as YYYY-MM-DD") from None
            written = figures_compute(day=day)
        else:
            if options["days"] < 1:
                raise CommandError("--days must be 1 or more")
            written = figures_compute_recent(days=options["days"])
        self.stdout.write(f"{written} area-day rows computed")
