"""How the sweep's blocks grow with the register: pairs (each block's and in all), the blocking's
time and the process's peak memory, on synthetic states of several sizes, each read from its
CSVs straight into DuckDB (no PostgreSQL: the blocks are what is measured, not the export).

    uv run python bench/sweep_blocks.py --members 250000,1000000,2000000 [--cap 250]

Prints, per size, the pairs per member (flat when the sweep grows linearly) and the ratio of
pairs to the smallest size's against the ratio of members. ``--cap 0`` measures the blocks
without buckets (scale.sweep.BLOCK_CAP), as they were before.
"""

import argparse
import csv
import resource
import time
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import _common as c


def _geography(state: Path) -> tuple[dict[str, int], dict[str, int]]:
    """Local body and district of each area code."""
    with (state / "geography" / "4_local_bodies.csv").open(encoding="utf-8") as handle:
        district_of = {
            r["local_body_code"]: int(r["district_code"]) for r in csv.DictReader(handle)
        }
    local_body, district = {}, {}
    with (state / "geography" / "5_areas.csv").open(encoding="utf-8") as handle:
        for r in csv.DictReader(handle):
            local_body[r["area_code"]] = int(r["local_body_code"])
            district[r["area_code"]] = district_of[r["local_body_code"]]
    return local_body, district


def rows(state: Path) -> Iterator[tuple[Any, ...]]:
    """The members as scale.sweep.EXPORT_SQL gives them, their search columns derived as the
    bulk import derives them."""
    from registry.names import member_keys, normalize_name
    from registry.search_columns import member_name_columns

    spelling = lru_cache(maxsize=200_000)(normalize_name)
    local_body, district = _geography(state)
    families = {}
    with (state / "families.csv").open(encoding="utf-8") as handle:
        for r in csv.DictReader(handle):
            families[r["family_id"]] = (r["area_code"], r["village_code"])
    with (state / "members.csv").open(encoding="utf-8") as handle:
        for pk, r in enumerate(csv.DictReader(handle), start=1):
            area, village = families[r["family_id"]]
            names = member_name_columns(
                r["name_en"], r["name_hi"], r["father_or_husband_name"], spelling
            )
            keys = member_keys(r["name_en"], r["name_hi"], r["father_or_husband_name"])
            year = r["birth_year"] or (r["date_of_birth"][:4] if r["date_of_birth"] else "")
            yield (
                pk,
                int(r["family_id"]),
                names.name_latin,
                names.name_hi_latin,
                names.relative_latin,
                keys[0],
                keys[1],
                keys[2],
                r["gender"],
                r["date_of_birth"] or None,
                int(year) if year else None,
                r["mobile"] or None,
                r["marital_status"],
                r["relation"],
                int(area),
                int(village) if village else None,
                local_body[area],
                district[area],
            )


def measure(members: int, cap: int) -> dict[str, Any]:
    import duckdb

    from scale import sweep

    state = c.state_dir(members)
    con = duckdb.connect()
    started = time.perf_counter()
    count, _words = sweep.export(con, rows(state))
    loaded = time.perf_counter() - started
    if cap:
        sweep.BLOCK_CAP = cap
    else:
        sweep.BLOCK_CAP = 10**9
    started = time.perf_counter()
    pairs = sweep.block_pairs(con)
    blocked = time.perf_counter() - started
    per_block = []
    for join, where in sweep.BLOCKS:
        sql = (
            f"SELECT count(*) FROM blocked l JOIN blocked r ON {join} "  # noqa: S608
            f"AND l.unique_id < r.unique_id" + (f" WHERE ({where})" if where else "")
        )
        per_block.append(int(con.execute(sql).fetchall()[0][0]))
    largest = con.execute(
        "SELECT max(n) FROM (SELECT count(*) AS n FROM people GROUP BY name_key, relative_key, "
        "gender)"
    ).fetchall()[0][0]
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "members": count,
        "pairs": pairs,
        "per_block": per_block,
        "load_s": loaded,
        "block_s": blocked,
        "peak_mb": peak_mb,
        "largest_name_relative_block": largest,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", default="250000,1000000")
    parser.add_argument("--cap", type=int, default=None, help="default: scale.sweep.BLOCK_CAP")
    args = parser.parse_args()
    c.setup_django()
    from scale.sweep import BLOCK_CAP

    cap = BLOCK_CAP if args.cap is None else args.cap
    first: dict[str, Any] | None = None
    for size in (int(s) for s in args.members.split(",")):
        result = measure(size, cap)
        first = first or result
        print(
            f"{result['members']:,} members (cap {cap or 'none'}): {result['pairs']:,} pairs "
            f"({result['pairs'] / result['members']:.2f} a member; x{result['pairs'] / first['pairs']:.2f} "
            f"for x{result['members'] / first['members']:.2f} the members); blocks "
            f"{result['block_s']:.1f} s (read {result['load_s']:.0f} s); peak {result['peak_mb']:,.0f} MB; "
            f"largest name+relative block {result['largest_name_relative_block']:,}; per block "
            + ", ".join(f"{n:,}" for n in result["per_block"]),
            flush=True,
        )


if __name__ == "__main__":
    main()
