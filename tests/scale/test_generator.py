import hashlib
from pathlib import Path

from rapidfuzz import fuzz

from registry.ids import is_valid_family_id, is_valid_member_id
from registry.names import normalize_name
from scale.synth import generate, write_geography
from tests.scale.conftest import SMALL, read


def _digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*.csv"))
    }


def test_the_same_seed_gives_the_same_state(tmp_path: Path) -> None:
    for name in ("a", "b"):
        generate(tmp_path / name, seed=3, families=80, **SMALL)
    generate(tmp_path / "c", seed=4, families=80, **SMALL)
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b")
    assert _digest(tmp_path / "a")["members.csv"] != _digest(tmp_path / "c")["members.csv"]


def test_ids_are_valid_and_unique(small_state: Path) -> None:
    families = read(small_state / "families.csv")[1:]
    members = read(small_state / "members.csv")[1:]
    family_ids = [r[0] for r in families]
    member_ids = [r[0] for r in members]
    assert all(is_valid_family_id(f) for f in family_ids)
    assert all(is_valid_member_id(m) for m in member_ids)
    assert len(set(family_ids)) == len(family_ids)
    assert len(set(member_ids)) == len(member_ids)
    heads = [r[1] for r in members if r[7] == "HEAD"]
    assert sorted(heads) == sorted(family_ids)  # one head each


def test_planted_duplicates_are_the_same_person_written_differently(small_state: Path) -> None:
    members = {r[0]: r for r in read(small_state / "members.csv")[1:]}
    pairs = read(small_state / "duplicates.csv")[1:]
    assert len(pairs) >= 0.03 * len(members)
    for original, copy in pairs:
        a, b = members[original], members[copy]
        assert a[1] != b[1]  # entered in another family
        assert a[4] == b[4]  # same gender
        assert (a[2], a[3]) != (b[2], b[3])  # but not written the same way
        # (word order kept: a surname variant must not reorder the words)
        assert (
            max(
                fuzz.ratio(normalize_name(x), normalize_name(y))
                for x, y in ((a[2], b[2]), (a[3], b[3]))
            )
            >= 75
        )
        assert abs(int(a[6]) - int(b[6])) <= 1


def test_the_default_geography_is_state_sized(tmp_path: Path) -> None:
    import random

    geo = write_geography(
        tmp_path,
        random.Random(1),
        districts=52,
        local_bodies_per_district=8,
        areas_per_local_body=48,
    )
    assert geo.counts["districts"] == 52
    assert geo.counts["local_bodies"] == 416
    assert 19_000 < geo.counts["areas"] < 21_000
    assert geo.counts["villages"] > 20_000
