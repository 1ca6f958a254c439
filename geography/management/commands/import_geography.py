"""manage.py import_geography PATH...: load the state's geography from CSV files."""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from geography.services import ImportReport, geography_import

EXAMPLES = 5  # rejected or skipped rows shown in the summary


class Command(BaseCommand):
    help = (
        "Import the geography from CSV files: the Local Government Directory's downloads "
        "(State Code, District Code, Local Body Code, Ward Code, Village Code ... columns; "
        "the mapping is in geography/lgd.py and the README, 'Geography from LGD files') or "
        "this project's own columns (state_code, ...). Every row is checked first; nothing is "
        "imported unless every row is good. Exit status: 0 imported, 1 rows rejected (nothing "
        "imported), 2 a file or folder that does not exist, or wrong arguments."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "paths", nargs="+", type=Path, help="CSV files, or folders holding them"
        )
        parser.add_argument("--language", default=None, choices=["hi", "en"])

    def handle(self, *args: Any, paths: list[Path], **options: Any) -> None:
        language = options.get("language") or translation.get_language() or settings.LANGUAGE_CODE
        with translation.override(language):
            self._run(paths)

    def _run(self, paths: list[Path]) -> None:
        files: list[Path] = []
        for path in paths:
            if path.is_dir():
                files += sorted(path.glob("*.csv"))
            elif path.is_file():
                files.append(path)
            else:
                raise CommandError(
                    _("No such file or folder: %(path)s") % {"path": path}, returncode=2
                )
        report = geography_import(files)
        for rejection in report.rejected:
            self.stderr.write(str(rejection))
        self._summary(files, report)
        if report.rejected:
            raise CommandError(
                _("%(count)d row(s) rejected; nothing was imported.")
                % {"count": len(report.rejected)},
                returncode=1,
            )
        self.stdout.write(self.style.SUCCESS(_("Geography imported.")))

    def _summary(self, files: list[Path], report: ImportReport) -> None:
        write = self.stdout.write
        write(
            _(
                "%(files)d file(s), %(rows)d row(s) read, %(rejected)d rejected, %(skipped)d skipped."
            )
            % {
                "files": len(files),
                "rows": report.read,
                "rejected": len(report.rejected),
                "skipped": len(report.skipped),
            }
        )
        for level, count in report.created.items():
            write(
                _("%(level)s: %(created)d created, %(updated)d updated")
                % {"level": level, "created": count, "updated": report.updated[level]}
            )
        if report.skipped:
            write(_("Skipped (read, not stored):"))
            for skipped in report.skipped[:EXAMPLES]:
                write(f"  {skipped}")
        if report.rejected:
            write(_("First rejected rows:"))
            for rejection in report.rejected[:EXAMPLES]:
                write(f"  {rejection}")
