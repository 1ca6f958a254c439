"""The sweep's grouped and missed pairs of one measured set, counted by what the two records
share: where the two live (one family, area, local body, district, or the state), how their
births compare, and whether they share a mobile number. What scale.sweep_rules' rules are
weighed on (README, "Finding duplicates").

    DATABASE_URL=sqlite:///var/eval/independent-160000/register.sqlite3 SAMAGRA_DEBUG=1 \\
        uv run python -m evaluation.breakdown var/eval/independent-160000

The register is the one ``python -m evaluation.measure`` loaded for the set (it stays in the
set's folder); the sweep runs again on it, as it is now.
"""

import argparse
import os
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from registry.models import Member


def where(a: "Member", b: "Member") -> str:
    fa, fb = a.family, b.family
    if fa.pk == fb.pk:
        return "family"
    if fa.area_id == fb.area_id:
        return "area"
    if fa.area.local_body_id == fb.area.local_body_id:
        return "local body"
    return (
        "district" if fa.area.local_body.district_id == fb.area.local_body.district_id else "state"
    )


def births(a: "Member", b: "Member") -> str:
    from registry import matching

    def full(m: "Member") -> bool:
        return bool(m.date_of_birth) and not matching.is_placeholder(m.date_of_birth)

    if full(a) and full(b):
        return "full, same" if a.date_of_birth == b.date_of_birth else "full, differ"
    if full(a) or full(b):
        return "one full"
    return "years" if a.birth_year and b.birth_year else "one missing"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="the set's folder (var/eval/<set>-<members>)")
    args = parser.parse_args()
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samagra.settings")
    django.setup()
    from evaluation.measure import labels_of
    from registry.models import Member
    from scale.services import member_places
    from scale.sweep import components, pairs_of, run

    labels = labels_of(args.folder)
    result = run()
    places = member_places([pk for c in result.clusters for pk in c])
    grouped = pairs_of([[places[pk][0] for pk in c if pk in places] for c in result.clusters])
    same = {frozenset((a, b)) for a, b, s, _k in labels if s}
    true_pairs = pairs_of(components([(*sorted(p), 1.0) for p in same], 1.0))
    members = {
        m.member_id: m
        for m in Member.objects.filter(
            member_id__in={i for p in grouped | true_pairs for i in p}
        ).select_related("family__area__local_body")
    }

    def shape(pair: frozenset[str]) -> tuple[str, str, str]:
        a, b = (members[i] for i in sorted(pair))
        shared = "mobile" if a.mobile and a.mobile == b.mobile else "-"
        return where(a, b), births(a, b), shared

    found = Counter((shape(p), p in true_pairs) for p in grouped)
    missed = Counter(shape(p) for p in true_pairs - grouped)
    print(f"{'where':<11} {'births':<13} {'shares':<7} {'true':>5} {'false':>6} {'missed':>7}")
    for key in sorted({k for k, _ in found} | set(missed)):
        print(
            f"{key[0]:<11} {key[1]:<13} {key[2]:<7} {found[(key, True)]:>5} "
            f"{found[(key, False)]:>6} {missed[key]:>7}"
        )
    hits = sum(n for (_k, true), n in found.items() if true)
    print(
        f"grouped {len(grouped)}: {hits} true, {len(grouped) - hits} false; "
        f"missed {len(true_pairs - grouped)} of {len(true_pairs)} true pairs"
    )


if __name__ == "__main__":
    main()
