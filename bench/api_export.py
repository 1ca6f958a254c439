"""An eligibility export of the department API (api.exports): time and peak memory.

    uv run python bench/api_export.py --members 200000 [--format csv|parquet]

Uses the bench database (BENCH_DB, default scale_bench) when it holds enough members, or
builds it as bench/import_register.py does (synth_state, import_geography, import_register).
Then exports, each in a fresh process, the districts holding about a quarter of ``--members``
and about ``--members`` (a client of those districts, every field group granted, no criterion
but the living members in use), and prints rows, seconds, rows/s, the file's size and the
process's peak RSS above what it held before the export. Constant memory shows as the same
peak for both sizes. Target (issue 17): 1 M members in ≤ 2 minutes.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import _common as c

FILES = Path(os.environ.get("BENCH_EXPORT_FILES", "/tmp/samagra-bench-exports"))  # noqa: S108


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu_seconds() -> float:
    """This process's CPU time: what the export costs the worker on a machine shared with others
    (the database's own time is not in it)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def ensure_register(members: int) -> None:
    c.setup_django()
    try:
        have = c.member_count()
    except Exception:
        have = 0
    if have >= members * 0.98:
        return
    from django.db import connections

    connections.close_all()
    state = c.state_dir(members)
    c.psql(f"DROP DATABASE IF EXISTS {c.DB} WITH (FORCE)")
    c.psql(f"CREATE DATABASE {c.DB}")
    c.manage("migrate", "-v0")
    c.manage("import_geography", str(state / "geography"))
    c.manage(
        "import_register",
        str(state / "families.csv"),
        str(state / "members.csv"),
        "--language",
        "en",
        "--quiet-progress",
    )
    c.psql("VACUUM ANALYZE", c.DB)


def districts_for(members: int) -> list[int]:
    """The first districts (by id) that together hold at least ``members`` members in use."""
    from django.db.models import Count

    from registry.models import Member

    counts = (
        Member.objects.filter(status="ACTIVE", is_deceased=False)
        .values("family__area__local_body__district_id")
        .annotate(n=Count("pk"))
        .order_by("family__area__local_body__district_id")
    )
    chosen, total = [], 0
    for row in counts:
        chosen.append(row["family__area__local_body__district_id"])
        total += row["n"]
        if total >= members:
            break
    return chosen


def run_one(district_ids: list[int], export_format: str) -> dict[str, float]:
    """In this process: one export of those districts, measured."""
    os.environ["SAMAGRA_API_EXPORTS_ROOT"] = str(FILES)
    c.setup_django()
    import secrets
    from datetime import timedelta

    from django.utils import timezone

    from api.exports import export_write, exports_storage
    from api.models import ApiExport, DepartmentClient, Scope

    client = DepartmentClient.objects.create(
        name="Bench pension system",
        department="Bench",
        client_id=f"dept-bench-{secrets.token_hex(6)}",
        secret_hash="0" * 64,
        scopes=list(Scope.values),
        purposes=["bench"],
        expires_on=timezone.localdate() + timedelta(days=1),
    )
    client.districts.set(district_ids)
    export = ApiExport.objects.create(
        public_id=secrets.token_hex(12),
        client=client,
        purpose="bench",
        criteria={"living_only": True},
        format=export_format,
    )
    before = _rss_mb()
    cpu_before = _cpu_seconds()
    started = time.perf_counter()
    outcome = export_write(export_id=export.pk)
    seconds = time.perf_counter() - started
    cpu = _cpu_seconds() - cpu_before
    peak = _rss_mb()
    export.refresh_from_db()
    if outcome != "done":
        raise SystemExit(f"export {outcome}: {export.error}")
    exports_storage().delete(export.file_name)
    return {
        "rows": export.rows_done,
        "seconds": seconds,
        "cpu_seconds": cpu,
        "file_mb": (export.file_size or 0) / 1e6,
        "rss_before_mb": before,
        "rss_peak_mb": peak,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=200_000)
    parser.add_argument("--format", choices=["csv", "parquet"], default="csv")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # internal: district ids, comma-separated
    args = parser.parse_args()
    if args.one:
        ids = [int(i) for i in args.one.split(",")]
        print(json.dumps(run_one(ids, args.format)))
        return
    ensure_register(args.members)
    print(f"database {c.DB}: {c.member_count():,} members; format {args.format}")
    results = []
    for size in (args.members // 4, args.members):
        ids = districts_for(size)
        out = subprocess.run(  # noqa: S603 - this script
            [sys.executable, __file__, "--one", ",".join(map(str, ids)), "--format", args.format],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        result = json.loads(out.strip().splitlines()[-1])
        results.append(result)
        grew = result["rss_peak_mb"] - result["rss_before_mb"]
        print(
            f"{len(ids):3d} districts  {result['rows']:>10,.0f} rows  {result['seconds']:7.1f} s "
            f"(worker CPU {result['cpu_seconds']:6.1f} s)  "
            f"{result['rows'] / result['seconds']:>9,.0f} rows/s  file {result['file_mb']:7.1f} MB  "
            f"peak RSS {result['rss_peak_mb']:6.1f} MB (+{grew:5.1f} MB during the export)",
            flush=True,
        )
    small, large = results
    rate = large["rows"] / large["seconds"]
    print(
        f"peak RSS {small['rss_peak_mb']:.1f} MB at {small['rows']:,.0f} rows vs "
        f"{large['rss_peak_mb']:.1f} MB at {large['rows']:,.0f} rows; "
        f"1 M members would take {1_000_000 / rate:.0f} s at this rate (target ≤ 120 s)"
    )


if __name__ == "__main__":
    main()
