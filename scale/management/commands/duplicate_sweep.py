"""manage.py duplicate_sweep: the statewide duplicate sweep (on DuckDB, or on Spark:
SAMAGRA_SWEEP_ENGINE, scale.sweep_engines)."""

import csv
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from scale.services import member_places, store_clusters
from scale.sweep import THRESHOLD, SweepResult, clustered, run, score
from scale.sweep_engines import ENGINES, Engine, engine_named


class Command(BaseCommand):
    help = (
        "Sweep the whole register for probable duplicates (on DuckDB, or Spark) and put the "
        "groups in the portal for the local body officers."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--threshold", type=float, default=THRESHOLD)
        parser.add_argument("--score", type=Path, help="duplicates.csv of a synthetic state")
        parser.add_argument("--dry-run", action="store_true", help="do not store the groups")
        parser.add_argument(
            "--pairs",
            type=Path,
            help="group and store the pairs a Spark run wrote (python -m scale.sweep_spark)",
        )
        parser.add_argument(
            "--engine",
            choices=ENGINES,
            help="where the SQL runs (default: SAMAGRA_SWEEP_ENGINE, else duckdb)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        if options["pairs"]:
            result = scored_elsewhere(options["pairs"], options["threshold"])
        else:
            result = run(threshold=options["threshold"], engine=self.engine(options["engine"]))
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

    def engine(self, name: str | None) -> Engine:
        name = name or settings.SWEEP_ENGINE
        if name not in ENGINES:
            raise CommandError(f"SAMAGRA_SWEEP_ENGINE is {name!r}: one of {', '.join(ENGINES)}")
        try:
            return engine_named(name)
        except ImportError as error:  # pyspark is not installed here
            raise CommandError(f"The {name} engine is not available: {error}") from error


def scored_elsewhere(path: Path, threshold: float) -> SweepResult:
    """The groups of the pairs (l, r, probability) of a Parquet file or folder."""
    import pyarrow.parquet as pq

    started = time.perf_counter()
    table = pq.read_table(path, columns=["l", "r", "probability"])
    scored = list(
        zip(*(table.column(c).to_pylist() for c in ("l", "r", "probability")), strict=True)
    )
    read = {"read": time.perf_counter() - started}
    members = len({pk for a, b, _p in scored for pk in (a, b)})
    return clustered(members, len(scored), scored, threshold, read)


def score_against(path: Path, clusters: list[list[int]]) -> tuple[float, float, int]:
    with path.open(newline="", encoding="utf-8") as handle:
        planted = {frozenset(row) for row in list(csv.reader(handle))[1:]}
    ids = member_places([pk for c in clusters for pk in c])
    found = [[ids[pk][0] for pk in c if pk in ids] for c in clusters]
    precision, recall = score(found, planted)
    return precision, recall, len(planted)
