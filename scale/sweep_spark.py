"""The statewide duplicate sweep on Spark: the same SQL as on DuckDB (scale.sweep_engines) over
DataFrames, the pairs scored by scale.sweep.score_rows in the executors' Python workers
(mapPartitions over the pair rows, in score_rows' column order). pyspark and Java are needed
only where this runs.

From the portal: ``SAMAGRA_SWEEP_ENGINE=spark manage.py duplicate_sweep`` (Spark in local mode
unless SAMAGRA_SPARK_MASTER names a cluster). Off the portal, from a replica or a nightly dump
(docs/deployment.md, "The sweep on Spark")::

    python -m scale.sweep_spark export --out people.parquet      # the portal's settings
    spark-submit --master 'local[*]' --driver-memory 8g scale/sweep_spark.py \\
        sweep --people people.parquet --out pairs.parquet

The pairs written (l, r: Member pks; probability) are those at 0.5 or above; the portal groups
and stores them with ``manage.py duplicate_sweep --pairs pairs.parquet``.

Executors import scale.sweep, which needs Django's settings (registry.matching reads the date
through django.utils.timezone): a worker sets Django up once (DJANGO_SETTINGS_MODULE, default
samagra.settings), from the environment the driver was started with in local mode, and from
``spark.executorEnv.*`` on a cluster. Nothing is read from or written to a database there.
"""

import argparse
import logging
import math
import os
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import partial
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pyspark import Broadcast
    from pyspark.sql import DataFrame, SparkSession

    from registry.names import WordCounts

ROOT = Path(__file__).resolve().parent.parent  # the project, on the workers' PYTHONPATH
PARTITIONS = 8  # spark.sql.shuffle.partitions in local mode (Spark's 200 suit a cluster)
DRIVER_MEMORY = "4g"


def spark_session(
    master: str | None = None, *, partitions: int = PARTITIONS, memory: str = DRIVER_MEMORY
) -> "SparkSession":
    """The session the sweep runs in: spark-submit's (its --master and --conf decide), or one
    this process starts, in local mode unless ``master`` names a cluster: the workers are this
    Python, the project on their path, the driver's memory ``memory``, no web UI."""
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("samagra-duplicate-sweep")
    settings = {
        "spark.sql.shuffle.partitions": str(partitions),
        "spark.sql.session.timeZone": "UTC",
        "spark.executorEnv.DJANGO_SETTINGS_MODULE": os.environ.get(
            "DJANGO_SETTINGS_MODULE", "samagra.settings"
        ),
        # Added to the executors' path (after --py-files): the project where it is deployed.
        "spark.executorEnv.PYTHONPATH": str(ROOT),
    }
    submitted = "PYSPARK_GATEWAY_PORT" in os.environ  # spark-submit started the JVM
    if master:
        builder = builder.master(master)
    if not submitted:
        settings |= {"spark.ui.enabled": "false", "spark.driver.memory": memory}
        if not master or master.startswith("local"):
            settings |= {
                "spark.pyspark.python": sys.executable,
                "spark.pyspark.driver.python": sys.executable,
            }
    for key, value in settings.items():
        builder = builder.config(key, value)
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("WARN")
    logging.getLogger("py4j").setLevel(logging.WARNING)  # a line per closed connection
    return session


def _django_ready() -> None:
    """Django set up in this process (an executor's Python worker), once."""
    from django.apps import apps

    if apps.ready:
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samagra.settings")
    import django

    django.setup()


def score_partition(
    rows: Iterator[Any],
    *,
    counts: "Broadcast[WordCounts]",
    shared: "Broadcast[frozenset[str]]",
    floor: float,
) -> Iterator[tuple[int, int, float]]:
    """One partition of pair rows (sweep.pair_rows_sql) scored by sweep.score_rows, as the
    DuckDB engine's workers score theirs (CHUNK rows at a time); those at ``floor`` or above."""
    _django_ready()
    from scale import sweep

    sweep._use_counts(counts.value, shared.value)
    while chunk := list(islice(rows, sweep.CHUNK)):
        yield from (pair for pair in sweep.score_rows(chunk) if pair[2] >= floor)


def count_partition(rows: Iterable[tuple[str, str, str]]) -> Iterator[Counter[str]]:
    _django_ready()
    from scale.sweep_engines import count_words

    yield count_words(rows)


def _merge(a: Counter[str], b: Counter[str]) -> Counter[str]:
    a.update(b)
    return a


class SparkEngine:
    """The sweep on Spark: each table a temporary view of a checkpointed DataFrame (computed
    once, its lineage cut, so a query may read the table it replaces: CROWD_QUERY)."""

    name = "spark"

    def __init__(self, session: "SparkSession | None" = None, *, master: str | None = None):
        if session is None:
            from django.conf import settings

            session = spark_session(master or settings.SPARK_MASTER)
        self.spark = session
        self.tables: dict[str, DataFrame] = {}

    def _table(self, name: str, frame: "DataFrame") -> "DataFrame":
        frame = frame.localCheckpoint(eager=True)
        frame.createOrReplaceTempView(name)
        self.tables[name] = frame
        return frame

    def _people(self, frame: "DataFrame") -> int:
        from scale.sweep_rules import CROWD_QUERY

        frame.createOrReplaceTempView("people")
        return self._table("people", self.spark.sql(CROWD_QUERY)).count()

    def load_rows(self, rows: Iterable[tuple[Any, ...]]) -> tuple[int, Counter[str]]:
        """As DuckDbEngine.load_rows: the members written a batch at a time to a Parquet file
        of a temporary folder (scale.sweep_export), which Spark reads (in local mode, the
        portal's; a cluster reads the file of ``python -m scale.sweep_spark export``)."""
        from scale.sweep_export import people_batches, write_batches

        counts: Counter[str] = Counter()
        with tempfile.TemporaryDirectory(prefix="samagra-sweep-") as folder:
            path = Path(folder) / "people.parquet"
            write_batches(path, people_batches(rows, counts))
            return self.load_parquet(str(path)), counts

    def load_parquet(self, path: str) -> int:
        from scale.sweep import COLUMNS

        return self._people(self.spark.read.parquet(str(path)).select(*COLUMNS))

    def word_counts(self) -> Counter[str]:
        from scale.sweep_engines import NAMES_SQL

        parts = self.spark.sql(NAMES_SQL).rdd.mapPartitions(count_partition)
        return parts.fold(Counter(), _merge)

    def block(self) -> int:
        from scale.sweep import block_steps

        for name, query in block_steps():
            self._table(name, self.spark.sql(query))
        return self.tables["pairs"].count()

    def shared_mobiles(self) -> frozenset[str]:
        from scale.sweep import SHARED_MOBILES_SQL

        return frozenset(row[0] for row in self.spark.sql(SHARED_MOBILES_SQL).collect())

    def scored(self, counts: "WordCounts", *, floor: float, shared: frozenset[str]) -> "DataFrame":
        """The pairs scored (l, r, probability), at ``floor`` or above, as a DataFrame. The
        pair rows are spread over the cores, a partition per CHUNK pairs at least."""
        from scale import sweep

        context = self.spark.sparkContext
        pairs = self.tables["pairs"].count()
        slices = max(context.defaultParallelism, math.ceil(pairs / sweep.CHUNK))
        score = partial(
            score_partition,
            counts=context.broadcast(counts),
            shared=context.broadcast(shared),
            floor=floor,
        )
        rows = self.spark.sql(sweep.pair_rows_sql()).repartition(slices).rdd.mapPartitions(score)
        return self.spark.createDataFrame(rows, "l long, r long, probability double")

    def score(
        self, counts: "WordCounts", *, floor: float, workers: int, shared: frozenset[str]
    ) -> list[tuple[int, int, float]]:
        """As DuckDbEngine.score; ``workers`` is Spark's (the executors' cores)."""
        frame = self.scored(counts, floor=floor, shared=shared)
        return [(int(a), int(b), float(p)) for a, b, p in frame.collect()]

    def close(self) -> None:
        """The tables dropped; the session stays (its owner stops it)."""
        for name, frame in self.tables.items():
            self.spark.catalog.dropTempView(name)
            frame.unpersist()
        self.tables.clear()


def _export(out: Path) -> None:
    _django_ready()
    from scale.sweep import _rows
    from scale.sweep_engines import write_people

    started = time.perf_counter()
    count = write_people(out, _rows())
    print(f"{count} members written to {out} in {time.perf_counter() - started:.1f} s")


def _sweep(args: argparse.Namespace) -> None:
    _django_ready()
    from scale.sweep import THRESHOLD
    from scale.sweep_engines import frequencies

    started = time.perf_counter()
    session = spark_session(args.master, partitions=args.partitions, memory=args.driver_memory)
    engine = SparkEngine(session)
    try:
        members = engine.load_parquet(args.people)
        counts = frequencies(engine.word_counts())
        pairs = engine.block()
        scored = engine.scored(counts, floor=min(0.5, THRESHOLD), shared=engine.shared_mobiles())
        scored.write.mode("overwrite").parquet(str(args.out))
        written = session.read.parquet(str(args.out))
        likely = written.filter(written.probability >= THRESHOLD).count()
        print(
            f"{members} members, {pairs} pairs, {written.count()} at 0.5 or above "
            f"({likely} at {THRESHOLD}) written to {args.out} in "
            f"{time.perf_counter() - started:.1f} s"
        )
    finally:
        engine.close()
        session.stop()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    export = commands.add_parser("export", help="the register's members into a Parquet file")
    export.add_argument("--out", type=Path, required=True)
    run = commands.add_parser("sweep", help="score the pairs of a Parquet file of members")
    run.add_argument("--people", type=Path, required=True, help="written by `export`")
    run.add_argument("--out", type=Path, required=True, help="the pairs (a Parquet directory)")
    run.add_argument("--master", help="spark-submit's, or local[*] when run with python")
    run.add_argument("--partitions", type=int, default=PARTITIONS)
    run.add_argument("--driver-memory", default=DRIVER_MEMORY)
    args = parser.parse_args(argv)
    if args.command == "export":
        _export(args.out)
    else:
        _sweep(args)


if __name__ == "__main__":
    if str(ROOT) not in sys.path:  # spark-submit scale/sweep_spark.py puts scale/ first
        sys.path.insert(0, str(ROOT))
    from scale.sweep_spark import main as sweep_main  # the workers import the functions by name

    sweep_main()
