"""manage.py import_register FAMILIES.csv MEMBERS.csv: load an existing register, keeping its IDs."""

import sys
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from scale.import_rows import RowError
from scale.import_summary import NOTHING_LOADED, OK, exit_status, summary_lines, verdict
from scale.importer import DEFAULT_BATCH, Progress, run_import


class Command(BaseCommand):
    help = (
        "Import families and members from CSV (README: 'Bulk import'), keeping their "
        "Samagra IDs. Rejected rows are printed as file:line: reason, then a summary (rows "
        "read, loaded, rejected by reason, batches). Run it again with the same files to "
        "resume after an interruption. Exit status: 0 every row is in the register; 1 rows "
        "were rejected, the rest loaded; 2 nothing could be loaded (every batch rejected, a "
        "file missing or with the wrong columns, wrong arguments)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("families", type=Path)
        parser.add_argument("members", type=Path)
        parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH, help="families")
        parser.add_argument(
            "--skip-bad-families",
            action="store_true",
            help="load a batch's good families even when some of its rows are rejected",
        )
        parser.add_argument("--report", type=Path, help="also write the rejected rows here")
        parser.add_argument("--language", default=settings.LANGUAGE_CODE, choices=["hi", "en"])
        parser.add_argument("--quiet-progress", action="store_true")
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            help="processes checking rows (default: one a core; 0: none)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(options["language"]):
            self._run(options)

    def _run(self, options: dict[str, Any]) -> None:
        started = time.perf_counter()
        tty = sys.stderr.isatty()

        def show(p: Progress) -> None:
            if options["quiet_progress"]:
                return
            if p.indexes:
                self.stderr.write(
                    ("\n" if tty else "")
                    + _("Rebuilding %(count)d indexes and foreign keys of the register …")
                    % {"count": p.indexes}
                )
                return
            rate = p.members / max(time.perf_counter() - started, 1e-9)
            line = _(
                "batch %(batch)d/%(batches)d: %(families)d families, %(members)d members, "
                "%(rejected)d rejected, %(rate)d members/s"
            ) % {
                "batch": p.batch,
                "batches": p.batches,
                "families": p.families,
                "members": p.members,
                "rejected": p.rejected,
                "rate": rate,
            }
            self.stderr.write(("\r" + line) if tty else line, ending="" if tty else "\n")

        try:
            report = run_import(
                options["families"],
                options["members"],
                batch_size=options["batch_size"],
                skip_bad_families=options["skip_bad_families"],
                progress=show,
                workers=options["workers"],
            )
        except (RowError, FileNotFoundError) as exc:
            raise CommandError(str(exc), returncode=NOTHING_LOADED) from exc
        if tty:
            self.stderr.write("")
        for line in report.rejected:
            self.stdout.write(line)
        if options["report"]:
            options["report"].write_text(
                "".join(f"{line}\n" for line in report.rejected), encoding="utf-8"
            )
        seconds = time.perf_counter() - started
        self.stdout.write(
            _(
                "Loaded %(families)d families and %(members)d members in %(seconds).1f s "
                "(%(loaded)d batches loaded, %(skipped)d already done, %(bad)d rejected)."
            )
            % {
                "families": report.families,
                "members": report.members,
                "seconds": seconds,
                "loaded": report.batches_loaded,
                "skipped": report.batches_skipped,
                "bad": report.batches_rejected,
            }
        )
        if report.indexes_rebuilt:
            self.stdout.write(
                _("Of which %(seconds).1f s rebuilding %(count)d indexes and foreign keys.")
                % {"seconds": report.indexes_seconds, "count": report.indexes_rebuilt}
            )
        for line in summary_lines(report):
            self.stdout.write(line)
        status = exit_status(report)
        if status != OK:
            raise CommandError(verdict(report), returncode=status)
        self.stdout.write(self.style.SUCCESS(verdict(report)))
