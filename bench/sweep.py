"""The statewide duplicate sweep (DuckDB blocks, registry.matching scores) on the register in BENCH_DB, scored against
the planted duplicates of the synthetic state it was loaded from.

    uv run python bench/sweep.py --members 1000000 [--threshold 0.95]

The floor is the export alone (reading every member out of PostgreSQL into DuckDB), measured in
the same run; the groups are not stored (the register is left as it is).
"""

import argparse
import os
import time

import _common as c


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=100_000, help="which generated state")
    parser.add_argument("--threshold", type=float, help="default: scale.sweep.THRESHOLD")
    args = parser.parse_args()
    state = c.state_dir(args.members)
    c.setup_django()
    from scale.management.commands.duplicate_sweep import score_against
    from scale.sweep import THRESHOLD, components, run

    threshold = args.threshold or THRESHOLD
    started = time.perf_counter()
    result = run(threshold=threshold, keep_pairs=True)
    seconds = time.perf_counter() - started
    precision, recall, planted = score_against(state / "duplicates.csv", result.clusters)
    export = result.seconds["export"]
    print(
        f"register: {result.members:,} members; load average {os.getloadavg()[0]:.1f}; "
        f"threshold {threshold}"
    )
    print(f"floor (export only): {export:.1f} s")
    print(
        "sweep: "
        + ", ".join(f"{k} {v:.1f} s" for k, v in result.seconds.items())
        + f"; total {seconds:.1f} s = x{seconds / export:.1f} the floor; "
        f"{result.members / seconds * 60:,.0f} members/min (target 1,000,000 in ≤ 5 min: "
        f"{'met' if result.members / seconds * 300 >= 1_000_000 else 'MISSED'})"
    )
    print(
        f"{result.pairs:,} pairs scored, {len(result.clusters):,} groups; planted {planted:,}: "
        f"precision {precision:.3f} (target ≥ 0.95), recall {recall:.3f} (target ≥ 0.90)"
    )
    for other in (0.5, 0.8, 0.9, 0.95, 0.97, 0.99):
        p, r, _n = score_against(state / "duplicates.csv", components(result.scored, other))
        print(f"  at threshold {other}: precision {p:.3f}, recall {r:.3f}")


if __name__ == "__main__":
    main()
