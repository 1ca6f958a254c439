from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from geography.services import geography_import


class Command(BaseCommand):
    help = (
        "Import the geography from LGD-style CSV files (states, divisions, districts, local "
        "bodies, areas, villages; see the README for the columns). Every rejected row is "
        "reported; nothing is imported unless every row is good."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "paths", nargs="+", type=Path, help="CSV files, or folders holding them"
        )

    def handle(self, *args: Any, paths: list[Path], **options: Any) -> None:
        files: list[Path] = []
        for path in paths:
            if path.is_dir():
                files += sorted(path.glob("*.csv"))
            elif path.is_file():
                files.append(path)
            else:
                raise CommandError(f"No such file or folder: {path}")
        report = geography_import(files)
        if report.rejected:
            for rejection in report.rejected:
                self.stderr.write(str(rejection))
            raise CommandError(f"{len(report.rejected)} row(s) rejected; nothing was imported.")
        for level, count in report.created.items():
            self.stdout.write(f"{level}: {count} created, {report.updated[level]} updated")
        self.stdout.write(self.style.SUCCESS("Geography imported."))
