"""Where the sweep's SQL runs: DuckDB in the portal's own process (the default), or Spark for a
register beyond one machine (scale.sweep_spark). One code path, ``sweep_pairs``: the engine
loads the people and counts their namesakes (sweep_rules.CROWD_QUERY), makes the pairs of
sweep.BLOCKS (sweep.block_steps), and hands the pairs, each side's SIDE columns in order, to
sweep.score_rows, the one scoring function; what differs between engines is only how a query
becomes a table and how the rows reach Python.

The queries are written once, in SQL both engines read (``GROUP BY ALL``, ``FILTER (WHERE …)``,
window functions, no parameters); an engine names the tables they make (``people``,
``blocked``, ``pairs``) in its own way (a DuckDB table, a Spark view of a checkpointed frame).

manage.py duplicate_sweep picks the engine with SAMAGRA_SWEEP_ENGINE (``duckdb`` or ``spark``).
"""

import tempfile
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import duckdb

from registry.names import TOTAL, WordCounts
from registry.word_counts import member_words_count
from scale import sweep
from scale.sweep_export import load_people, people_batches, write_batches
from scale.sweep_rules import CROWD_SQL

ENGINES = ("duckdb", "spark")


class Engine(Protocol):
    """The steps of the sweep an engine runs; the tables live in the engine until ``close``."""

    name: str

    def load_rows(self, rows: Iterable[tuple[Any, ...]]) -> tuple[int, Counter[str]]:
        """Members shaped like sweep.EXPORT_SQL's into ``people``, with each one's crowd;
        how many, and the words of their names counted."""
        ...

    def load_parquet(self, path: str) -> int:
        """A ``people`` table written by write_people (COLUMNS) into ``people``, with the
        crowd; how many."""
        ...

    def word_counts(self) -> Counter[str]:
        """The words of the names of ``people`` counted (as load_rows counts them)."""
        ...

    def block(self) -> int:
        """The tables of sweep.block_steps, the last ``pairs``; how many pairs."""
        ...

    def shared_mobiles(self) -> frozenset[str]: ...

    def score(
        self, counts: WordCounts, *, floor: float, workers: int, shared: frozenset[str]
    ) -> list[tuple[int, int, float]]:
        """Every pair scored by sweep.score_rows; those at ``floor`` or above."""
        ...

    def close(self) -> None: ...


def write_people(path: Path | str, rows: Iterable[tuple[Any, ...]]) -> int:
    """Members shaped like sweep.EXPORT_SQL's as a Parquet file of the table ``people``
    (COLUMNS, without the crowd), for an engine elsewhere (load_parquet), written a batch at
    a time (scale.sweep_export); how many."""
    return write_batches(path, people_batches(rows))


def count_words(names: Iterable[tuple[str, str, str]]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for latin, hindi, relative in names:
        member_words_count(counts, latin or "", hindi or "", relative or "")
    return counts


NAMES_SQL = "SELECT name_latin, name_hi_latin, relative_latin FROM people"
PEOPLE_COLUMNS = ", ".join(sweep.COLUMNS)


class DuckDbEngine:
    """The sweep in this process: DuckDB tables, scored by worker processes (sweep.score_pairs)."""

    name = "duckdb"

    def __init__(self, memory: str | None = None) -> None:
        """The tables in a database file of a temporary folder (removed by ``close``), so that
        DuckDB can write out to disk what does not fit in ``memory`` (a DuckDB size, "8GB";
        default SAMAGRA_SWEEP_MEMORY, else DuckDB's own: 80% of the machine's memory). Too
        little for the crowd's query still fails, with DuckDB's "Out of Memory Error"."""
        from django.conf import settings

        self.folder = tempfile.TemporaryDirectory(prefix="samagra-sweep-")
        memory = memory or settings.SWEEP_MEMORY
        self.con = duckdb.connect(
            str(Path(self.folder.name) / "sweep.duckdb"),
            config={"memory_limit": memory} if memory else {},
        )

    def load_rows(self, rows: Iterable[tuple[Any, ...]]) -> tuple[int, Counter[str]]:
        return load_people(self.con, rows)

    def load_parquet(self, path: str) -> int:
        self.con.execute(
            f"CREATE OR REPLACE TABLE people AS SELECT {PEOPLE_COLUMNS} "  # noqa: S608
            "FROM read_parquet(?)",
            [str(path)],
        )
        self.con.execute(CROWD_SQL)
        return int(self.con.execute("SELECT count(*) FROM people").fetchall()[0][0])

    def word_counts(self) -> Counter[str]:
        cursor = self.con.execute(NAMES_SQL)
        counts: Counter[str] = Counter()
        while chunk := cursor.fetchmany(sweep.CHUNK):
            counts += count_words(chunk)
        return counts

    def block(self) -> int:
        return sweep.block_pairs(self.con)

    def shared_mobiles(self) -> frozenset[str]:
        return sweep.shared_mobiles(self.con)

    def score(
        self, counts: WordCounts, *, floor: float, workers: int, shared: frozenset[str]
    ) -> list[tuple[int, int, float]]:
        return sweep.score_pairs(self.con, counts, floor=floor, workers=workers, shared=shared)

    def close(self) -> None:
        self.con.close()
        self.folder.cleanup()


def engine_named(name: str) -> Engine:
    """The engine SAMAGRA_SWEEP_ENGINE names; Spark in local mode unless SAMAGRA_SPARK_MASTER
    names a cluster (pyspark and Java installed)."""
    if name == "duckdb":
        return DuckDbEngine()
    if name == "spark":
        from scale.sweep_spark import SparkEngine

        return SparkEngine()
    raise ValueError(f"unknown sweep engine {name!r}: one of {', '.join(ENGINES)}")


@dataclass
class Swept:
    members: int
    counts: Counter[str]
    pairs: int
    scored: list[tuple[int, int, float]]  # (l, r, probability) at the floor or above
    seconds: dict[str, float] = field(default_factory=dict)


def frequencies(counts: Counter[str]) -> WordCounts:
    """The word counts as the model reads them (with their total)."""
    return WordCounts({**counts, TOTAL: sum(counts.values())})


def sweep_pairs(
    engine: Engine,
    rows: Iterable[tuple[Any, ...]] | None = None,
    *,
    floor: float,
    workers: int = sweep.WORKERS,
    parquet: str | None = None,
) -> Swept:
    """The sweep's pairs on ``engine``, from ``rows`` shaped like EXPORT_SQL's or a Parquet
    file of write_people: load, block, score (the engine is closed after)."""
    seconds: dict[str, float] = {}
    started = time.perf_counter()
    try:
        if parquet is not None:
            members = engine.load_parquet(parquet)
            counts = engine.word_counts()
        else:
            members, counts = engine.load_rows(rows if rows is not None else ())
        seconds["export"] = time.perf_counter() - started
        step = time.perf_counter()
        pairs = engine.block()
        seconds["block"] = time.perf_counter() - step
        step = time.perf_counter()
        many = workers if pairs > 4 * sweep.CHUNK else 1
        scored = engine.score(
            frequencies(counts), floor=floor, workers=many, shared=engine.shared_mobiles()
        )
        seconds["score"] = time.perf_counter() - step
    finally:
        engine.close()
    return Swept(members, counts, pairs, scored, seconds)
