"""The sweep's export a batch at a time (scale.sweep_export): bounded batches, and the same
table, word counts and pairs as the register taken at once."""

from collections import Counter
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from registry.models import Member
from scale import sweep, sweep_export
from scale.importer import run_import
from scale.sweep_engines import DuckDbEngine, Swept, sweep_pairs, write_people

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(geography: None, small_state: Path) -> list[tuple[Any, ...]]:
    """The small state imported; the rows of the sweep's export (PostgreSQL's COPY, or the
    ORM's)."""
    assert not run_import(small_state / "families.csv", small_state / "members.csv").rejected
    return list(sweep._rows())


def _swept(rows: list[tuple[Any, ...]]) -> Swept:
    return sweep_pairs(DuckDbEngine(), rows, floor=0.5, workers=1)


def test_the_members_come_in_bounded_batches_that_make_the_one_table(
    register: list[tuple[Any, ...]], monkeypatch: pytest.MonkeyPatch
) -> None:
    whole, counts = sweep.people_table(register)
    assert whole.num_rows == len(register) == Member.objects.count() > 300
    monkeypatch.setattr(sweep_export, "BATCH", 100)
    counted: Counter[str] = Counter()
    batches = list(sweep_export.people_batches(iter(register), counted))
    assert len(batches) == -(-len(register) // 100) >= 4
    assert all(b.num_rows <= 100 and b.schema == sweep_export.SCHEMA for b in batches)
    assert pa.Table.from_batches(batches).equals(whole)
    assert counted == counts and counts["kumar"] > 0
    # Every column typed, whatever the values: no mobile anywhere is still text.
    unknown = [(*row[:11], None, *row[12:]) for row in register[:5]]
    assert sweep.people_table(unknown)[0].schema.field("mobile").type == pa.string()


def test_the_sweep_gives_the_same_pairs_batch_by_batch(
    register: list[tuple[Any, ...]], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    at_once = _swept(register)
    assert at_once.pairs > len(at_once.scored) > 0
    monkeypatch.setattr(sweep_export, "BATCH", 37)
    monkeypatch.setattr(sweep_export, "ROW_GROUP", 100)
    batched = _swept(register)
    assert (batched.members, batched.pairs, batched.counts) == (
        at_once.members,
        at_once.pairs,
        at_once.counts,
    )
    assert sorted(batched.scored) == sorted(at_once.scored)
    # The Parquet file for an engine elsewhere: row groups of ROW_GROUP people, the same table.
    people = tmp_path / "people.parquet"
    assert write_people(people, iter(register)) == len(register)
    assert pq.ParquetFile(people).metadata.num_row_groups == -(-len(register) // 111)
    assert pq.read_table(people).equals(sweep.people_table(register)[0])
    from_file = sweep_pairs(DuckDbEngine(), floor=0.5, workers=1, parquet=str(people))
    assert sorted(from_file.scored) == sorted(at_once.scored)


def test_duckdb_works_in_a_temporary_file_within_the_memory_set(settings: Any) -> None:
    settings.SWEEP_MEMORY = "300MB"
    engine = DuckDbEngine()
    folder = Path(engine.folder.name)
    assert (folder / "sweep.duckdb").exists()
    limit = engine.con.execute("SELECT current_setting('memory_limit')").fetchall()[0][0]
    assert limit.startswith("286") and "MiB" in limit, limit  # 300 MB in DuckDB's MiB
    engine.close()
    assert not folder.exists()
