"""How well the portal finds one person registered twice, on two labelled sets written apart:

- ``synthetic``: the synthetic state of ``manage.py synth_state`` (scale/synth*), whose planted
  duplicates are one kind, ``planted``;
- ``independent``: ``python -m evaluation.independent``, which shares no code, vocabulary or
  population shape with it, labelled by kind, with hard negatives (brothers and sisters, twins,
  father and son of one name, namesakes of a village, cousins).

    uv run python -m evaluation.measure [--members 160000] [--sets independent,synthetic]
        [--no-sweep] [--out var/eval]

Each set is generated, loaded into a SQLite register of its own (``import_geography``,
``import_register``, ``name_words``) and measured in a process of its own: for every labelled
pair, the registration's duplicate check of the later record as a new applicant at its place
(registration.duplicates, the record itself left out): is the earlier one among the first five
candidates, is it marked likely the same person; then the statewide sweep (scale.sweep): are
the two in one group. Prints recall by kind, the hard negatives marked likely (check) or grouped
(sweep), and the sweep's precision over every pair it grouped.
"""

import argparse
import csv
import json
import os
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SETS = ("independent", "synthetic")


def _generate(name: str, out: Path, members: int) -> None:
    if (out / "members.csv").exists():
        return
    if name == "independent":
        command = ["-m", "evaluation.independent", "--out", str(out), "--members", str(members)]
    else:
        families = max(1000, members * 10 // 42)  # about 4.2 members a family
        command = ["manage.py", "synth_state", "--families", str(families), "--out", str(out)]
        command += ["--districts", "6", "--local-bodies", "5"]
    subprocess.run([sys.executable, *command], cwd=ROOT, check=True)  # noqa: S603


def labels_of(folder: Path) -> list[tuple[str, str, bool, str]]:
    """(earlier member, later member, same person?, kind)."""
    if (folder / "labels.csv").exists():
        with (folder / "labels.csv").open(newline="", encoding="utf-8") as handle:
            return [
                (r["member_id"], r["other_member_id"], r["label"] == "SAME", r["kind"])
                for r in csv.DictReader(handle)
            ]
    with (folder / "duplicates.csv").open(newline="", encoding="utf-8") as handle:
        return [(a, b, True, "planted") for a, b in list(csv.reader(handle))[1:]]


def _load(folder: Path) -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("import_geography", str(folder / "geography"), verbosity=0)
    call_command(
        "import_register",
        str(folder / "families.csv"),
        str(folder / "members.csv"),
        "--workers",
        "0",
        verbosity=0,
    )
    call_command("name_words", verbosity=0)


def check_pairs(labels: list[tuple[str, str, bool, str]]) -> list[dict[str, Any]]:
    from registration import duplicates
    from registration.models import Application, ApplicationMember
    from registry.models import Member

    ids = {m for a, b, _s, _k in labels for m in (a, b)}
    members = {
        m.member_id: m
        for m in Member.objects.filter(member_id__in=ids).select_related(
            "family__area__local_body", "family__village"
        )
    }
    results = []
    for earlier, later, same, kind in labels:
        if earlier not in members or later not in members:
            continue
        new = members[later]
        applicant = ApplicationMember(
            application=Application(area=new.family.area, village=new.family.village),
            name_en=new.name_en,
            name_hi=new.name_hi,
            gender=new.gender,
            date_of_birth=new.date_of_birth,
            birth_year=new.birth_year,
            mobile=new.mobile,
            father_or_husband_name=new.father_or_husband_name,
            marital_status=new.marital_status,
            relation=new.relation,
        )
        (found,) = duplicates.family_candidates([applicant], exclude={new.pk})
        target = members[earlier].pk
        hit = next((c for c in found if c.member and c.member.pk == target), None)
        results.append(
            {
                "kind": kind,
                "same": same,
                "shown": hit is not None,
                "likely": hit is not None and hit.is_likely,
                "score": hit.score if hit else None,
            }
        )
    return results


def sweep_pairs(labels: list[tuple[str, str, bool, str]]) -> dict[str, Any]:
    from registry.models import Member
    from scale.services import member_places
    from scale.sweep import pairs_of, run

    started = time.perf_counter()
    result = run()
    places = member_places([pk for c in result.clusters for pk in c])
    grouped = pairs_of([[places[pk][0] for pk in c if pk in places] for c in result.clusters])
    same_pairs = {frozenset((a, b)) for a, b, s, _k in labels if s}
    # A person entered three times is three true pairs.
    from scale.sweep import components

    true_pairs = pairs_of(components([(*sorted(p), 1.0) for p in same_pairs], 1.0))
    hits = len(grouped & true_pairs)
    labelled = {frozenset((a, b)) for a, b, _s, _k in labels} | true_pairs
    false_labelled = len(grouped & (labelled - true_pairs))
    unlabelled = grouped - labelled
    families = dict(
        Member.objects.filter(member_id__in={m for p in unlabelled for m in p}).values_list(
            "member_id", "family_id"
        )
    )
    return {
        "labelled_precision": hits / (hits + false_labelled) if hits + false_labelled else 1.0,
        "unlabelled": len(unlabelled),
        "unlabelled_one_family": sum(
            1 for p in unlabelled if len({families.get(m) for m in p}) == 1
        ),
        "seconds": time.perf_counter() - started,
        "members": result.members,
        "precision": hits / len(grouped) if grouped else 1.0,
        "recall": hits / len(true_pairs) if true_pairs else 1.0,
        "grouped": len(grouped),
        "pairs": [
            {"kind": k, "same": s, "grouped": frozenset((a, b)) in grouped} for a, b, s, k in labels
        ],
    }


def measure_set(folder: Path, *, sweep: bool) -> dict[str, Any]:
    """In a process whose DATABASE_URL is this set's register."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samagra.settings")
    django.setup()
    started = time.perf_counter()
    _load(folder)
    loaded = time.perf_counter() - started
    labels = labels_of(folder)
    started = time.perf_counter()
    check = check_pairs(labels)
    checked = time.perf_counter() - started
    return {
        "load_seconds": loaded,
        "check_seconds": checked,
        "check": check,
        "sweep": sweep_pairs(labels) if sweep else None,
    }


def _kind_group(kind: str) -> str:
    return "combinations" if kind.startswith("combo:") else kind


def _table(name: str, result: dict[str, Any]) -> list[str]:
    check, sweep = result["check"], result["sweep"]
    rows: dict[str, dict[str, list[bool]]] = defaultdict(lambda: defaultdict(list))
    for r in check:
        group = rows["same" if r["same"] else "different"][r["kind"]]
        group.append(r["likely"] if not r["same"] else r["shown"])
    swept: dict[str, list[bool]] = defaultdict(list)
    for p in sweep["pairs"] if sweep else []:
        swept[p["kind"]].append(p["grouped"])
    lines = [f"## {name}", ""]
    lines.append("| kind | pairs | check: among first five | check: likely | sweep: grouped |")
    lines.append("| --- | ---: | ---: | ---: | ---: |")

    def pct(values: list[bool]) -> str:
        return f"{100 * sum(values) / len(values):.1f} %" if values else "-"

    same = [r for r in check if r["same"]]
    combos = [r for r in same if r["kind"].startswith("combo:")]
    singles = [r for r in same if not r["kind"].startswith("combo:")]
    for kind in sorted(rows["same"]):
        likely = [r["likely"] for r in same if r["kind"] == kind]
        lines.append(
            f"| {kind} | {len(rows['same'][kind])} | {pct(rows['same'][kind])} | "
            f"{pct(likely)} | {pct(swept.get(kind, []))} |"
        )
    if combos:
        lines.append(
            f"| **all combinations** | {len(combos)} | {pct([r['shown'] for r in combos])} | "
            f"{pct([r['likely'] for r in combos])} | "
            f"{pct([g for k, v in swept.items() if k.startswith('combo:') for g in v])} |"
        )
    if singles and combos:
        lines.append(
            f"| **all single kinds** | {len(singles)} | {pct([r['shown'] for r in singles])} | "
            f"{pct([r['likely'] for r in singles])} | "
            f"{pct([g for k, v in swept.items() if not k.startswith('combo:') for g in v if k in rows['same']])} |"
        )
    lines.append(
        f"| **all true pairs** | {len(same)} | {pct([r['shown'] for r in same])} | "
        f"{pct([r['likely'] for r in same])} | "
        f"{pct([g for k, v in swept.items() if k in rows['same'] for g in v])} |"
    )
    if rows["different"]:
        lines += ["", "| hard negative | pairs | check: marked likely | sweep: grouped |"]
        lines.append("| --- | ---: | ---: | ---: |")
        for kind in sorted(rows["different"]):
            lines.append(
                f"| {kind} | {len(rows['different'][kind])} | {pct(rows['different'][kind])} | "
                f"{pct(swept.get(kind, []))} |"
            )
        everything = [v for values in rows["different"].values() for v in values]
        lines.append(
            f"| **all hard negatives** | {len(everything)} | {pct(everything)} | "
            f"{pct([g for k, v in swept.items() if k in rows['different'] for g in v])} |"
        )
    if sweep:
        lines += [
            "",
            f"Sweep: {sweep['members']:,} members in {sweep['seconds']:.0f} s, "
            f"{sweep['grouped']:,} pairs grouped: precision {sweep['precision']:.3f} over all "
            f"of them, {sweep['labelled_precision']:.3f} over the labelled pairs; recall "
            f"{sweep['recall']:.3f}. Grouped pairs no label names: {sweep['unlabelled']:,} "
            f"({sweep['unlabelled_one_family']:,} of them two members of one family).",
        ]
    lines.append(
        f"Load {result['load_seconds']:.0f} s; check of {len(check)} records "
        f"{result['check_seconds']:.1f} s."
    )
    return [*lines, ""]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--members", type=int, default=160_000)
    parser.add_argument("--sets", default=",".join(SETS))
    parser.add_argument("--out", type=Path, default=ROOT / "var" / "eval")
    parser.add_argument("--no-sweep", action="store_true")
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)  # a child's set
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure_set(args.one, sweep=not args.no_sweep)))
        return
    output = []
    for name in args.sets.split(","):
        folder = args.out / f"{name}-{args.members}"
        _generate(name, folder, args.members)
        database = folder / "register.sqlite3"
        database.unlink(missing_ok=True)
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "SAMAGRA_DEBUG": "1"}
        command = [sys.executable, "-m", "evaluation.measure", "--one", str(folder)]
        if args.no_sweep:
            command.append("--no-sweep")
        child = subprocess.run(  # noqa: S603
            command, cwd=ROOT, env=env, check=True, capture_output=True, text=True
        )
        result = json.loads(child.stdout.strip().splitlines()[-1])
        output += _table(f"{name} ({args.members:,} members asked)", result)
        print("\n".join(output[-40:]), flush=True)
    (args.out / "report.md").write_text("\n".join(output), encoding="utf-8")
    print(f"\nReport: {args.out / 'report.md'}")


if __name__ == "__main__":
    main()
