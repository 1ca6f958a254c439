"""Bulk import vs raw COPY of the same rows into unindexed tables.

    uv run python bench/import_register.py --members 1000000

Recreates the bench database (BENCH_DB, default scale_bench), loads the generated geography,
COPYs families.csv and members.csv as they are into two unindexed text tables (the floor),
drops them, then runs import_register on the same files (validation, COPY, indexes and their
rebuild after a first load, journal, audit). Prints members/s for both and the ratio. Leaves the register loaded for the other benches.
"""

import argparse
import time
from pathlib import Path

import _common as c


def raw_copy(state: Path) -> float:
    import psycopg

    started = time.perf_counter()
    with psycopg.connect(c.database_url(), autocommit=False) as conn:
        cur = conn.cursor()
        cur.execute(
            "CREATE TABLE bench_raw_family (" + ", ".join(f"c{i} text" for i in range(6)) + ")"
        )
        cur.execute(
            "CREATE TABLE bench_raw_member (" + ", ".join(f"c{i} text" for i in range(14)) + ")"
        )
        for table, name in (
            ("bench_raw_family", "families.csv"),
            ("bench_raw_member", "members.csv"),
        ):
            with (
                (state / name).open("rb") as handle,
                cur.copy(f"COPY {table} FROM STDIN WITH (FORMAT csv, HEADER true)") as copy,
            ):
                while chunk := handle.read(1 << 20):
                    copy.write(chunk)
        conn.commit()
    seconds = time.perf_counter() - started
    with psycopg.connect(c.database_url(), autocommit=True) as conn:
        conn.execute("DROP TABLE bench_raw_family, bench_raw_member")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--batch-size", type=int, default=10_000)
    parser.add_argument("--keep", action="store_true", help="keep the database if it is loaded")
    args = parser.parse_args()
    state = c.state_dir(args.members)
    members = sum(1 for _ in (state / "members.csv").open(encoding="utf-8")) - 1
    c.psql(f"DROP DATABASE IF EXISTS {c.DB} WITH (FORCE)")
    c.psql(f"CREATE DATABASE {c.DB}")
    c.manage("migrate", "-v0")
    c.manage("import_geography", str(state / "geography"))
    copy_seconds = raw_copy(state)
    started = time.perf_counter()
    c.manage(
        "import_register",
        str(state / "families.csv"),
        str(state / "members.csv"),
        "--batch-size",
        str(args.batch_size),
        "--language",
        "en",
        "--quiet-progress",
    )
    import_seconds = time.perf_counter() - started
    c.psql("VACUUM ANALYZE", c.DB)
    copy_rate, import_rate = members / copy_seconds, members / import_seconds
    print(f"rows: {members} members in {state}")
    print(f"floor  raw COPY (no indexes):  {copy_seconds:8.1f} s  {copy_rate:10,.0f} members/s")
    print(f"import_register (everything):  {import_seconds:8.1f} s  {import_rate:10,.0f} members/s")
    print(f"ratio import/raw COPY: {import_rate / copy_rate:.1%}  (target ≥ 40 %, ≥ 100,000/s)")


if __name__ == "__main__":
    main()
