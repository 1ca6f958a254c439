"""A synthetic state, the same every time for the same seed: the geography in the LGD CSV files
that ``import_geography`` reads, families and members in the bulk-import CSV format
(``import_register``), and the planted duplicates (the same person entered twice, with the small
differences real registers hold) as pairs of Member IDs.

Nothing here touches the database. IDs come from an affine permutation of the ID space chosen
by the seed, so they are unique, spread out and reproducible without remembering them.
"""

import csv
import math
import random
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from stdnum import verhoeff

from scale import synth_names as names
from scale import synth_vocab as vocab
from scale.import_rows import FAMILY_COLUMNS, MEMBER_COLUMNS  # the import's format, exactly

GEO_FILES = ("state", "divisions", "districts", "local_bodies", "areas", "villages")
ID_SPACE = 9 * 10**7  # 8-digit bodies 10000000..99999999
TODAY = date(2026, 1, 1)  # ages are counted from a fixed day, so output never depends on when


@dataclass
class Geography:
    areas: list[tuple[str, str, list[str]]] = field(default_factory=list)  # code, lb, villages
    counts: dict[str, int] = field(default_factory=dict)


@dataclass
class Summary:
    geography: dict[str, int]
    families: int
    members: int
    duplicates: int


class _Ids:
    """The i-th ID of a seeded permutation of the 8-digit space (gcd(step, space) == 1)."""

    def __init__(self, rng: random.Random) -> None:
        step = rng.randrange(10**6, ID_SPACE)
        while math.gcd(step, ID_SPACE) != 1:
            step += 1
        self.step, self.offset, self.count = step, rng.randrange(ID_SPACE), 0

    def next_body(self) -> str:
        value = (self.offset + self.step * self.count) % ID_SPACE + 10**7
        self.count += 1
        return str(value)


def _place(rng: random.Random) -> tuple[str, str]:
    start, end = rng.choice(names.PLACE_START), rng.choice(names.PLACE_END)
    return start[0] + end[0], start[1] + end[1]


def _write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def write_geography(
    out: Path,
    rng: random.Random,
    *,
    districts: int,
    local_bodies_per_district: int,
    areas_per_local_body: int,
) -> Geography:
    out.mkdir(parents=True, exist_ok=True)
    geo = Geography()
    rows: dict[str, list[list[str]]] = {name: [] for name in GEO_FILES}
    rows["state"].append(["23", "Madhya Pradesh", "मध्य प्रदेश"])
    for number, (en, hi) in enumerate(names.DIVISIONS, start=1):
        rows["divisions"].append([str(number), en, hi, "23"])
    lb_code, area_code, village_code = 10000, 100000, 500000
    for d in range(districts):
        en, hi = _place(rng)
        district = str(400 + d)
        rows["districts"].append([district, en, hi, str(d % len(names.DIVISIONS) + 1)])
        for b in range(local_bodies_per_district):
            lb_code += 1
            rural = b < max(1, local_bodies_per_district * 3 // 4)
            kind = (
                "JP"
                if rural
                else (
                    "NN"
                    if d % 6 == 0 and b == local_bodies_per_district - 1
                    else ("NPP" if b % 2 else "NP")
                )
            )
            en, hi = _place(rng)
            rows["local_bodies"].append([str(lb_code), en, hi, kind, district])
            for a in range(areas_per_local_body):
                area_code += 1
                villages: list[str] = []
                if rural:
                    en, hi = _place(rng)
                    rows["areas"].append([str(area_code), en, hi, "GP", str(lb_code)])
                    for _v in range(rng.randint(1, 3)):
                        village_code += 1
                        ven, vhi = _place(rng)
                        rows["villages"].append([str(village_code), ven, vhi, str(area_code)])
                        villages.append(str(village_code))
                else:
                    rows["areas"].append(
                        [str(area_code), f"Ward {a + 1}", f"वार्ड {a + 1}", "WARD", str(lb_code)]
                    )
                geo.areas.append((str(area_code), str(lb_code), villages))
    headers = {
        "state": ["state_code", "state_name_en", "state_name_hi"],
        "divisions": ["division_code", "division_name_en", "division_name_hi", "state_code"],
        "districts": ["district_code", "district_name_en", "district_name_hi", "division_code"],
        "local_bodies": [
            "local_body_code",
            "local_body_name_en",
            "local_body_name_hi",
            "local_body_type",
            "district_code",
        ],
        "areas": ["area_code", "area_name_en", "area_name_hi", "area_type", "local_body_code"],
        "villages": ["village_code", "village_name_en", "village_name_hi", "area_code"],
    }
    for number, name in enumerate(GEO_FILES, start=1):
        _write(out / f"{number}_{name}.csv", headers[name], rows[name])
        geo.counts[name] = len(rows[name])
    return geo


@dataclass
class _Person:
    first: names.Name
    middle: tuple[str, str] | None
    surname: names.Name

    @property
    def en(self) -> str:
        return " ".join(
            p for p in (self.first[0], self.middle and self.middle[0], self.surname[0]) if p
        )

    @property
    def hi(self) -> str:
        return " ".join(
            p for p in (self.first[1], self.middle and self.middle[1], self.surname[1]) if p
        )


class _Families:
    """Families area by area, with members and planted duplicates."""

    def __init__(self, rng: random.Random, geo: Geography, families: int, dup_rate: float) -> None:
        self.rng, self.geo, self.total, self.dup_rate = rng, geo, families, dup_rate
        self.family_ids, self.member_ids = _Ids(rng), _Ids(rng)
        self.recent: deque[tuple[str, list[str]]] = deque(maxlen=60)  # (local body, member row)
        self.duplicates: list[tuple[str, str]] = []
        self.taken: set[str] = set()  # first names given in the current family

    def _person(self, gender: str, surname: names.Name) -> _Person:
        (pool, weights), middles = (
            (vocab.male(), names.MALE_MIDDLE)
            if gender == "M"
            else (vocab.female(), names.FEMALE_MIDDLE)
        )
        middle = self.rng.choice(middles) if self.rng.random() < 0.3 else None
        first = self.rng.choices(pool, cum_weights=weights)[0]
        while first[0] in self.taken:  # a family does not give one first name twice
            first = self.rng.choices(pool, cum_weights=weights)[0]
        self.taken.add(first[0])
        return _Person(first, middle, surname)

    def _mobile(self) -> str:
        return str(self.rng.choice("6789")) + f"{self.rng.randrange(10**9):09d}"

    def _birth(self, age: int) -> tuple[str, str]:
        born = TODAY - timedelta(days=age * 365 + self.rng.randrange(365))
        if self.rng.random() < 0.1:  # only the age was known: a year, no date
            return "", str(born.year)
        return born.isoformat(), str(born.year)

    def _member(
        self,
        family_id: str,
        person: _Person,
        gender: str,
        age: int,
        relation: str,
        relative: str,
        marital: str,
        category: str,
        mobile: bool,
    ) -> list[str]:
        dob, year = self._birth(age)
        disabled = self.rng.random() < 0.02
        return [
            self._new_member_id(),
            family_id,
            person.hi,
            person.en,
            gender,
            dob,
            year,
            relation,
            self._mobile() if mobile else "",
            relative,
            marital,
            category,
            "1" if disabled else "0",
            "Locomotor" if disabled else "",
        ]

    def _new_member_id(self) -> str:
        body = self.member_ids.next_body()
        return body + verhoeff.calc_check_digit(body)

    def family(self, index: int) -> tuple[list[list[str]], list[list[str]]]:
        rng = self.rng
        area, local_body, villages = self.geo.areas[index * len(self.geo.areas) // self.total]
        family_id = self.family_ids.next_body()
        category = rng.choices(["GEN", "OBC", "SC", "ST"], weights=[20, 50, 16, 14])[0]
        surnames, weights = vocab.surnames()
        surname = rng.choices(surnames, cum_weights=weights)[0]
        families = [
            [
                family_id,
                area,
                rng.choice(villages) if villages else "",
                str(rng.randrange(1, 400)),
                "",
                f"4{rng.randrange(50000, 89999)}",
            ]
        ]
        head_gender = "M" if rng.random() < 0.88 else "F"
        head_age = rng.randint(22, 80)
        self.taken = set()
        head = self._person(head_gender, surname)
        head_father = self._person("M", surname).en
        members: list[list[str]] = []

        def add(
            person: _Person,
            gender: str,
            age: int,
            relation: str,
            relative: str,
            marital: str,
            mobile: bool,
        ) -> None:
            members.append(
                self._member(
                    family_id, person, gender, age, relation, relative, marital, category, mobile
                )
            )

        add(
            head,
            head_gender,
            head_age,
            "HEAD",
            head_father,
            "MARRIED" if head_age > 25 else "NEVER",
            True,
        )
        spouse_gender = "F" if head_gender == "M" else "M"
        if head_gender == "M" and rng.random() < 0.85:
            add(
                self._person("F", surname),
                "F",
                max(18, head_age - rng.randint(0, 6)),
                "SPOUSE",
                head.en,
                "MARRIED",
                rng.random() < 0.3,
            )
        elif spouse_gender == "M" and rng.random() < 0.2:
            add(
                self._person("M", surname),
                "M",
                head_age + rng.randint(0, 5),
                "SPOUSE",
                self._person("M", surname).en,
                "MARRIED",
                True,
            )
        if head_age < 45 and rng.random() < 0.35:
            add(
                self._person("M", surname),
                "M",
                head_age + rng.randint(22, 32),
                "FATHER",
                self._person("M", surname).en,
                "MARRIED",
                rng.random() < 0.2,
            )
        if head_age < 50 and rng.random() < 0.4:
            add(
                self._person("F", surname),
                "F",
                head_age + rng.randint(20, 30),
                "MOTHER",
                head_father,
                "WIDOWED",
                False,
            )
        for _child in range(rng.choice([0, 1, 2, 2, 3, 3, 4])):
            age = rng.randint(0, max(0, min(head_age - 18, 30)))
            gender = rng.choice("MF")
            child = self._person(gender, surname)
            add(
                child,
                gender,
                age,
                "SON" if gender == "M" else "DAUGHTER",
                head.en,
                "NEVER" if age < 21 else rng.choice(["NEVER", "MARRIED"]),
                age >= 18 and rng.random() < 0.4,
            )
        if rng.random() < self.dup_rate * 4.3:
            self._plant(local_body, family_id, members, families, area, villages)
        for row in members:
            self.recent.append((local_body, row))
        return families, members

    def _plant(
        self,
        local_body: str,
        family_id: str,
        members: list[list[str]],
        families: list[list[str]],
        area: str,
        villages: list[str],
    ) -> None:
        """Enter someone from a recent family of this local body again, with small differences:
        in this family as a relative, or as a family of their own."""
        rng = self.rng
        pool = [row for lb, row in self.recent if lb == local_body and row[1] != family_id]
        if not pool:
            return
        original = rng.choice(pool)
        copy = list(original)
        copy[3], copy[2] = _variant_en(rng, original[3]), _variant_hi(rng, original[2])
        if copy[3] == original[3] and copy[2] == original[2]:
            copy[3] = _variant_en(rng, original[3], force=True)
        shape = rng.random()
        if shape < 0.3 and original[5]:
            copy[5] = ""  # only the age this time
        elif shape < 0.45:
            year = int(original[6]) + rng.choice([-1, 1])
            copy[5], copy[6] = "", str(year)
        copy[9] = (
            _variant_en(rng, original[9]) if original[9] and rng.random() < 0.4 else original[9]
        )
        copy[8] = rng.choice([original[8], original[8], "", self._mobile()])
        copy[0] = self._new_member_id()
        if rng.random() < 0.5:
            new_family = self.family_ids.next_body()
            families.append(
                [
                    new_family,
                    area,
                    rng.choice(villages) if villages else "",
                    str(rng.randrange(1, 400)),
                    "",
                    f"4{rng.randrange(50000, 89999)}",
                ]
            )
            copy[1], copy[7] = new_family, "HEAD"
        else:
            copy[1], copy[7] = family_id, "OTHER"
        members.append(copy)
        self.duplicates.append((original[0], copy[0]))


def _variant_en(rng: random.Random, name: str, *, force: bool = False) -> str:
    words = name.split()
    spots = [i for i, w in enumerate(words) if _LATIN_VARIANTS.get(w)]
    if not spots:
        return name + ("a" if force else "")
    if not force and rng.random() < 0.3:
        return name
    i = rng.choice(spots)
    words[i] = rng.choice(_LATIN_VARIANTS[words[i]])
    return " ".join(words)


def _variant_hi(rng: random.Random, name: str) -> str:
    words = name.split()
    spots = [i for i, w in enumerate(words) if _DEVANAGARI_VARIANTS.get(w)]
    if not spots or rng.random() < 0.5:
        return name
    i = rng.choice(spots)
    words[i] = rng.choice(_DEVANAGARI_VARIANTS[words[i]])
    return " ".join(words)


_LATIN_VARIANTS, _DEVANAGARI_VARIANTS = vocab.variants()


def generate(
    out: Path,
    *,
    seed: int,
    families: int,
    districts: int = 52,
    local_bodies_per_district: int = 8,
    areas_per_local_body: int = 48,
    duplicate_rate: float = 0.01,
) -> Summary:
    """Write geography/*.csv, families.csv, members.csv and duplicates.csv under ``out``."""
    rng = random.Random(seed)  # noqa: S311 - synthetic data must be reproducible, not secret
    geo = write_geography(
        out / "geography",
        rng,
        districts=districts,
        local_bodies_per_district=local_bodies_per_district,
        areas_per_local_body=areas_per_local_body,
    )
    maker = _Families(rng, geo, families, duplicate_rate)
    family_count = member_count = 0
    with (
        (out / "families.csv").open("w", newline="", encoding="utf-8") as fam_file,
        (out / "members.csv").open("w", newline="", encoding="utf-8") as mem_file,
    ):
        fam_writer, mem_writer = csv.writer(fam_file), csv.writer(mem_file)
        fam_writer.writerow(FAMILY_COLUMNS)
        mem_writer.writerow(MEMBER_COLUMNS)
        for fams, members in _iterate(maker, families):
            fam_writer.writerows(fams)
            # Members are grouped by family, families in the order of families.csv.
            order = {row[0]: i for i, row in enumerate(fams)}
            members.sort(key=lambda row: order[row[1]])
            mem_writer.writerows(members)
            family_count += len(fams)
            member_count += len(members)
    _write(
        out / "duplicates.csv",
        ["member_id", "duplicate_member_id"],
        [list(pair) for pair in maker.duplicates],
    )
    return Summary(geo.counts, family_count, member_count, len(maker.duplicates))


def _iterate(maker: _Families, families: int) -> Iterator[tuple[list[list[str]], list[list[str]]]]:
    for index in range(families):
        yield maker.family(index)
