"""manage.py duplicate_sweep: the statewide duplicate sweep (Splink on DuckDB)."""

import csv
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from scale.services import member_places, store_clusters
from scale.sweep import THRESHOLD, run, score


class Command(BaseCommand):
    help = (
        "Sweep the whole register for probable duplicates with Splink on DuckDB and put the "
        "groups in the portal for the local body officers."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--threshold", type=float, default=THRESHOLD)
        parser.add_argument("--score", type=Path, help="duplicates.csv of a synthetic state")
        parser.add_argument("--dry-run", action="store_true", help="do not store the groups")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        result = run(threshold=options["threshold"])
        stored = 0
        if not options["dry_run"]:
            sweep = timezone.now().strftime("sweep-%Y%m%d-%H%M%S")
            stored = store_clusters(actor=None, sweep=sweep, result=result)
        timings = ", ".join(f"{k} {v:.1f} s" for k, v in result.seconds.items())
        self.stdout.write(
            f"{result.members} members, {result.pairs} scored pairs, {len(result.clusters)} "
            f"groups ({stored} stored) in {time.perf_counter() - started:.1f} s ({timings})"
        )
        if options["score"]:
            precision, recall, planted = score_against(options["score"], result.clusters)
            self.stdout.write(
                f"planted duplicates {planted}: precision {precision:.3f}, recall {recall:.3f}"
            )


def score_against(path: Path, clusters: list[list[int]]) -> tuple[float, float, int]:
    with path.open(newline="", encoding="utf-8") as handle:
        planted = {frozenset(row) for row in list(csv.reader(handle))[1:]}
    ids = member_places([pk for c in clusters for pk in c])
    found = [[ids[pk][0] for pk in c if pk in ids] for c in clusters]
    precision, recall = score(found, planted)
    return precision, recall, len(planted)
