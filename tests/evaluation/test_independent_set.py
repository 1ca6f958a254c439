"""The independent labelled set: deterministic, its labels point at its members, every kind has
pairs, and the portal's own import commands load it with nothing rejected."""

import csv
from collections import Counter
from pathlib import Path

import pytest
from django.core.management import call_command

from evaluation.independent.population import DIFFERENT_KINDS, SAME_KINDS, generate
from registry.models import Family, Member

SMALL = 4000


@pytest.fixture(scope="module")
def small_set(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("independent")
    generate(out, seed=7, members=SMALL)
    return out


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*.csv"))}


def test_the_same_seed_writes_the_same_bytes(small_set: Path, tmp_path: Path) -> None:
    generate(tmp_path / "again", seed=7, members=SMALL)
    generate(tmp_path / "other", seed=8, members=SMALL)

    again = files(tmp_path / "again")
    assert again == files(small_set)
    assert len(again) == 9  # six geography files, families, members, labels
    assert files(tmp_path / "other")["members.csv"] != again["members.csv"]


def test_the_size_asked_for_and_one_head_a_family(small_set: Path) -> None:
    members = rows(small_set / "members.csv")
    families = rows(small_set / "families.csv")

    assert len(members) == SMALL
    heads = Counter(m["family_id"] for m in members if m["relation"] == "HEAD")
    assert set(heads) == {f["family_id"] for f in families}
    assert set(heads.values()) == {1}


def test_every_label_names_two_members_of_the_set(small_set: Path) -> None:
    members = {m["member_id"]: m for m in rows(small_set / "members.csv")}
    labels = rows(small_set / "labels.csv")

    assert labels
    used: set[str] = set()
    for label in labels:
        first, other = members[label["member_id"]], members[label["other_member_id"]]
        assert label["label"] in ("SAME", "DIFFERENT")
        assert first["member_id"] != other["member_id"]
        if label["label"] == "SAME":
            assert first["gender"] == other["gender"]
            assert first["family_id"] != other["family_id"]
        assert not {first["member_id"], other["member_id"]} & used  # one pair a person
        used |= {first["member_id"], other["member_id"]}


def test_every_kind_has_pairs(small_set: Path) -> None:
    labels = rows(small_set / "labels.csv")
    kinds = Counter((lb["label"], lb["kind"]) for lb in labels)

    for kind in SAME_KINDS:
        assert kinds[("SAME", kind)] >= 3, kind
    for kind in DIFFERENT_KINDS:
        assert kinds[("DIFFERENT", kind)] >= 3, kind
    combos = [k for (label, k) in kinds if k.startswith("combo:")]
    assert sum(kinds[("SAME", k)] for k in combos) >= 10
    for combo in combos:
        parts = combo.removeprefix("combo:").split("+")
        assert 2 <= len(parts) <= 3 and set(parts) <= set(SAME_KINDS), combo


def test_the_pairs_are_what_their_kind_says(small_set: Path) -> None:
    members = {m["member_id"]: m for m in rows(small_set / "members.csv")}
    families = {f["family_id"]: f for f in rows(small_set / "families.csv")}
    pairs: dict[str, list[tuple[dict[str, str], dict[str, str]]]] = {}
    for lb in rows(small_set / "labels.csv"):
        pairs.setdefault(lb["kind"], []).append(
            (members[lb["member_id"]], members[lb["other_member_id"]])
        )

    def area(m: dict[str, str]) -> str:
        return families[m["family_id"]]["area_code"]

    for a, b in pairs["twins"]:
        assert (a["date_of_birth"], a["birth_year"]) == (b["date_of_birth"], b["birth_year"])
        assert a["family_id"] == b["family_id"] and a["name_en"] != b["name_en"]
    for a, b in pairs["father_son_same_name"]:
        assert a["name_en"] == b["name_en"].replace(" Kumar", "")
    for a, b in pairs["namesakes_village"]:
        assert a["name_en"] == b["name_en"] and area(a) == area(b)
        assert a["father_or_husband_name"] != b["father_or_husband_name"]
    for a, b in pairs["married_woman"]:
        assert a["gender"] == "F" and a["relation"] == "DAUGHTER"
        assert b["relation"] in ("SPOUSE", "DIL")
    for a, b in pairs["moved_district"]:
        assert area(a)[:3] != area(b)[:3]  # the area codes start with their district's
    for a, b in pairs["dob_year_only"]:
        assert a["date_of_birth"][:4] == b["birth_year"] and not b["date_of_birth"]
    for a, b in pairs["dob_day_month_swapped"]:
        y, m, d = a["date_of_birth"].split("-")
        assert b["date_of_birth"] == f"{y}-{d}-{m}"
    for kind in ("script", "spelling", "typo", "matra", "initials", "honorific"):
        for a, b in pairs[kind]:
            assert (a["name_en"], a["name_hi"]) != (b["name_en"], b["name_hi"]), kind


@pytest.mark.django_db
def test_the_import_commands_load_it_all(
    small_set: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    call_command("import_geography", str(small_set / "geography"))
    call_command(
        "import_register",
        str(small_set / "families.csv"),
        str(small_set / "members.csv"),
        "--workers",
        "0",
        "--language",
        "en",
        "--quiet-progress",
    )

    out = capsys.readouterr().out
    assert ", 0 rejected)" in out, out[-2000:]
    assert Member.objects.count() == SMALL
    assert Family.objects.count() == len(rows(small_set / "families.csv"))
