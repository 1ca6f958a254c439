"""manage.py synth_state --families N --seed 1 --out DIR: write a synthetic state as CSV files."""

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from scale.synth import generate


class Command(BaseCommand):
    help = (
        "Write a deterministic synthetic state: geography (LGD CSV), families.csv, members.csv "
        "(import_register format) and duplicates.csv (planted duplicate pairs)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", required=True, type=Path)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--families", type=int, default=10_000)
        parser.add_argument("--districts", type=int, default=52)
        parser.add_argument("--local-bodies", type=int, default=8, help="per district")
        parser.add_argument("--areas", type=int, default=48, help="per local body")
        parser.add_argument("--duplicate-rate", type=float, default=0.01, help="of members")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        summary = generate(
            options["out"],
            seed=options["seed"],
            families=options["families"],
            districts=options["districts"],
            local_bodies_per_district=options["local_bodies"],
            areas_per_local_body=options["areas"],
            duplicate_rate=options["duplicate_rate"],
        )
        geo = ", ".join(f"{k} {v}" for k, v in summary.geography.items())
        self.stdout.write(
            f"{geo}; families {summary.families}, members {summary.members}, "
            f"planted duplicates {summary.duplicates} "
            f"({time.perf_counter() - started:.1f} s) in {options['out']}"
        )
