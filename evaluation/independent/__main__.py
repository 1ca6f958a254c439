"""uv run python -m evaluation.independent --out DIR [--seed 7] [--members 160000]"""

import argparse
import time
from pathlib import Path

from evaluation.independent.population import DEFAULT_MEMBERS, generate


def main() -> None:
    parser = argparse.ArgumentParser(
        prog="python -m evaluation.independent",
        description="Write an independent labelled population for measuring duplicate detection.",
    )
    parser.add_argument("--out", type=Path, required=True, help="folder to write into")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--members", type=int, default=DEFAULT_MEMBERS)
    args = parser.parse_args()
    started = time.perf_counter()
    summary = generate(args.out, seed=args.seed, members=args.members)
    seconds = time.perf_counter() - started
    print(f"{summary.families} families, {summary.members} members in {seconds:.1f} s → {args.out}")
    width = max(len(k) for k in summary.kinds)
    for kind, count in sorted(summary.kinds.items()):
        print(f"  {kind:<{width}}  {count}")
    print(f"  {'pairs':<{width}}  {sum(summary.kinds.values())}")


if __name__ == "__main__":
    main()
