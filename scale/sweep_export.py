"""The sweep's members out of the register a batch at a time: the rows of sweep._rows
(PostgreSQL's COPY, or the ORM's iterator) become Arrow record batches of BATCH people, which
go into DuckDB (``load_people``) or a Parquet file (``write_batches``) one after the other. No
step holds the whole register in Python: at 85 million members a table built at once would need
some 150 GB, a batch needs tens of MB whatever the register's size.
"""

from collections import Counter
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from registry.word_counts import member_words_count
from scale.sweep import COLUMNS, _nullable_int
from scale.sweep_rules import CROWD_SQL, first_word

# People a record batch holds (read at each call: the tests make it small). Made of Python
# objects, some 3 KB a person (the batch's peak); 20,000 people hold about 60 MB.
BATCH = 20_000
# People a row group of write_batches holds: batches gathered in Arrow (some 200 bytes a person,
# 20 MB), so that the file is not cut into many small groups.
ROW_GROUP = 100_000
NUMBERS = {
    "unique_id",
    "family_id",
    "birth_year",
    "area_id",
    "village_id",
    "local_body_id",
    "district_id",
}
# Declared, not inferred from the values: every batch alike, and a column without a value in
# the register (no mobile anywhere) still text or a number.
SCHEMA = pa.schema([(c, pa.int64() if c in NUMBERS else pa.string()) for c in COLUMNS])


def _batch(rows: list[tuple[Any, ...]], counts: Counter[str] | None) -> pa.RecordBatch:
    data: dict[str, list[Any]] = {c: [] for c in COLUMNS}
    for row in rows:
        pk, family, latin, hindi, relative, key, surname, rel_key, gender, dob, year = row[:11]
        mobile, marital, relation_, area, village, lb, district = row[11:]
        if counts is not None:
            member_words_count(counts, latin, hindi, relative)
        data["unique_id"].append(int(pk))
        data["family_id"].append(int(family))
        data["name_latin"].append(latin)
        data["name_hi_latin"].append(hindi)
        data["relative_latin"].append(relative)
        data["name_key"].append(key or None)
        data["surname_key"].append(surname or "")
        data["relative_key"].append(rel_key or None)
        data["gender"].append(gender)
        data["dob"].append(str(dob) if dob else None)
        data["birth_year"].append(_nullable_int(year))
        data["mobile"].append(mobile or None)
        data["marital_status"].append(marital or "")
        data["relation"].append(relation_ or "")
        data["area_id"].append(int(area))
        data["village_id"].append(_nullable_int(village))
        data["local_body_id"].append(int(lb))
        data["district_id"].append(int(district))
        data["given_word"].append(first_word(latin or hindi or ""))
        data["relative_word"].append(first_word(relative or ""))
    return pa.RecordBatch.from_pydict(data, schema=SCHEMA)


def people_batches(
    rows: Iterable[tuple[Any, ...]], counts: Counter[str] | None = None
) -> Iterator[pa.RecordBatch]:
    """Members (``rows`` shaped like sweep.EXPORT_SQL's) as record batches of the table
    ``people`` (SCHEMA), BATCH people each; the words of their names are counted into
    ``counts`` on the way (complete once the batches are)."""
    rows = iter(rows)
    while chunk := list(islice(rows, BATCH)):
        yield _batch(chunk, counts)


def load_people(
    con: duckdb.DuckDBPyConnection, rows: Iterable[tuple[Any, ...]]
) -> tuple[int, Counter[str]]:
    """Members (``rows`` shaped like sweep.EXPORT_SQL's) into the DuckDB table ``people``, a
    batch at a time, with each one's crowd (sweep_rules.CROWD_SQL); how many, and how often
    each word of a name occurs."""
    counts: Counter[str] = Counter()
    con.register("people_batch", SCHEMA.empty_table())
    con.execute("CREATE OR REPLACE TABLE people AS SELECT * FROM people_batch")
    count = 0
    for batch in people_batches(rows, counts):
        con.register("people_batch", batch)
        con.execute("INSERT INTO people SELECT * FROM people_batch")
        count += batch.num_rows
    con.unregister("people_batch")
    con.execute(CROWD_SQL)
    return count, counts


def write_batches(path: Path | str, batches: Iterable[pa.RecordBatch]) -> int:
    """The batches as one Parquet file, gathered into row groups of ROW_GROUP people or a
    batch more; how many people."""
    count = 0
    gathered: list[pa.RecordBatch] = []
    with pq.ParquetWriter(str(path), SCHEMA, compression="zstd") as writer:
        for batch in batches:
            gathered.append(batch)
            count += batch.num_rows
            if sum(b.num_rows for b in gathered) >= ROW_GROUP:
                _row_group(writer, gathered)
                gathered = []
        if gathered:
            _row_group(writer, gathered)
    return count


def _row_group(writer: pq.ParquetWriter, batches: list[pa.RecordBatch]) -> None:
    table = pa.Table.from_batches(batches, schema=SCHEMA)
    writer.write_table(table, row_group_size=table.num_rows)
