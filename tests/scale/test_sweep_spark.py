"""The sweep on Spark gives the pairs the sweep on DuckDB gives: one SQL (sweep.block_steps,
sweep_rules.CROWD_QUERY) on both engines, one scoring function (sweep.score_rows)."""

import csv
import io
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from django.conf import settings as django_settings
from django.core.management import CommandError, call_command
from django.utils import timezone

from scale import sweep
from scale.import_rows import member_row, member_values
from scale.sweep_engines import DuckDbEngine, Swept, sweep_pairs, write_people
from scale.synth import generate

# CI runs the Spark engine: there a missing pyspark or Java fails the run, elsewhere skips.
CI = os.environ.get("CI") == "true"
try:
    import pyspark  # noqa: F401
except ImportError:
    if CI:
        raise
    pytest.skip(
        "pyspark is not installed (uv sync installs the dev group)", allow_module_level=True
    )
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    if CI:
        raise RuntimeError("Java is needed for the Spark engine's test (JAVA_HOME or java)")
    pytest.skip("Java is not installed: Spark cannot start", allow_module_level=True)

from scale.sweep_spark import SparkEngine, main, spark_session  # noqa: E402

FLOOR = 0.5
# Nothing here reads the register's database: the SQLite pass of the suite compares the engines,
# the PostgreSQL pass does not start Spark again.
pytestmark = pytest.mark.skipif(
    django_settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
    reason="the engines are compared in the SQLite pass",
)


def _csv(path: Path) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))[1:]


def export_rows(state: Path) -> list[tuple[Any, ...]]:
    """The members of a generated state shaped like sweep.EXPORT_SQL's rows (what the register
    would give after importing it): the search columns derived as the import derives them,
    LGD codes standing for the primary keys."""
    geography = state / "geography"
    districts = {lb: d for lb, _en, _hi, _kind, d in _csv(geography / "4_local_bodies.csv")}
    areas = {a: lb for a, _en, _hi, _kind, lb in _csv(geography / "5_areas.csv")}
    families = {f[0]: (f[1], f[2] or None) for f in _csv(state / "families.csv")}
    rows, today = [], timezone.localdate()
    for row in _csv(state / "members.csv"):
        member_id, family_id, _relation, rest = member_row(row, today, escape=False)
        v = member_values(rest)
        area, village = families[family_id]
        rows.append(
            (
                int(member_id),
                int(family_id),
                v["name_latin"],
                v["name_hi_latin"],
                v["relative_latin"],
                v["name_key"],
                v["surname_key"],
                v["relative_key"],
                v["gender"],
                v["date_of_birth"],
                v["birth_year"],
                v["mobile"],
                v["marital_status"],
                v["relation"],
                int(area),
                int(village) if village else None,
                int(areas[area]),
                int(districts[areas[area]]),
            )
        )
    return rows


@pytest.fixture(scope="module")
def rows(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Any, ...]]:
    out = tmp_path_factory.mktemp("spark-state")
    generate(
        out,
        seed=21,
        families=700,
        duplicate_rate=0.04,
        districts=3,
        local_bodies_per_district=2,
        areas_per_local_body=3,
    )
    return export_rows(out)


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    session = spark_session("local[2]", partitions=2, memory="1g")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def on_duckdb(rows: list[tuple[Any, ...]]) -> Swept:
    return sweep_pairs(DuckDbEngine(), rows, floor=FLOOR, workers=1)


def _same(a: Swept, b: Swept) -> None:
    assert (a.members, a.pairs) == (b.members, b.pairs)
    left = {(x, y): p for x, y, p in a.scored}
    right = {(x, y): p for x, y, p in b.scored}
    assert left.keys() == right.keys()
    assert max(abs(left[k] - right[k]) for k in left) <= 1e-9
    assert sweep.groups(a.scored, sweep.THRESHOLD) == sweep.groups(b.scored, sweep.THRESHOLD)


def test_spark_and_duckdb_give_the_same_pairs(
    rows: list[tuple[Any, ...]], on_duckdb: Swept, spark: Any
) -> None:
    on_spark = sweep_pairs(SparkEngine(spark), rows, floor=FLOOR)
    assert len(rows) >= 2500
    # Not a trivial agreement: many pairs blocked, many scored, groups found.
    assert on_duckdb.pairs > len(on_duckdb.scored) >= 100
    assert len(sweep.groups(on_duckdb.scored, sweep.THRESHOLD)) >= 20
    assert on_spark.counts == on_duckdb.counts
    _same(on_duckdb, on_spark)


def test_spark_submit_reads_a_parquet_export_and_writes_the_pairs(
    rows: list[tuple[Any, ...]], on_duckdb: Swept, spark: Any, tmp_path: Path
) -> None:
    people = tmp_path / "people.parquet"
    assert write_people(people, rows) == len(rows)
    out = tmp_path / "pairs.parquet"
    # The entry point of spark-submit, in the session already started (it stops it when done:
    # the module's last test). The words are counted by the executors, from the file.
    main(["sweep", "--people", str(people), "--out", str(out), "--partitions", "2"])
    written = pq.read_table(out).to_pylist()
    assert {(p["l"], p["r"], p["probability"]) for p in written} == set(on_duckdb.scored)
    # The portal groups them as it groups its own.
    output = io.StringIO()
    call_command("duplicate_sweep", "--pairs", str(out), "--dry-run", stdout=output)
    assert f"{len(sweep.groups(on_duckdb.scored, sweep.THRESHOLD))} groups (0 stored)" in (
        output.getvalue()
    )


def test_the_sweep_command_refuses_an_unknown_engine(settings: Any) -> None:
    settings.SWEEP_ENGINE = "splink"
    with pytest.raises(CommandError, match="SAMAGRA_SWEEP_ENGINE"):
        call_command("duplicate_sweep", "--dry-run")
