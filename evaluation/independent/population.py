"""A labelled population of six districts of Madhya Pradesh, written as the LGD geography files,
the register's families.csv and members.csv (the bulk import's formats) and labels.csv.

The shape is this set's own: households of one to a dozen (nuclear, joint with married sons,
with an old parent), surnames clustered by village, a few given names very common, dates of
birth often missing, often a year only, often 1 January, one mobile shared by a household.
The labelled pairs are built into it:

* SAME: an existing member (the original) registered again in another family, the later record
  varied by one kind of clerk's variation, or by a combination of two or three of them;
* DIFFERENT: two people a duplicate check could take for one (siblings, twins, a father and
  his son of the same name, namesakes of one village, cousins).

Everything comes from one random.Random seeded by the seed: the same seed writes the same
bytes."""

import csv
import random
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from itertools import accumulate
from pathlib import Path

from stdnum import verhoeff

from evaluation.independent import variations as v
from evaluation.independent import vocab
from evaluation.independent.variations import Name, Tok
from evaluation.independent.vocab import Clan, Entry

REF = date(2026, 3, 31)  # the register's "today": nobody is born after it
STATE = ("23", "Madhya Pradesh", "मध्य प्रदेश")

NAME_KINDS = (
    "honorific",
    "kumar_kumari",
    "bai_devi",
    "surname_omitted",
    "surname_first",
    "initials",
    "script",
    "spelling",
    "typo",
    "matra",
)
DOB_KINDS = ("dob_missing", "dob_year_only", "dob_plus_minus_one", "dob_day_month_swapped")
PLACE_KINDS = ("married_woman", "moved_area", "moved_local_body", "moved_district")
SAME_KINDS = NAME_KINDS + DOB_KINDS + PLACE_KINDS
DIFFERENT_KINDS = ("siblings", "twins", "father_son_same_name", "namesakes_village", "cousins")

# Pairs at the default size (160,000 members); scaled with --members, never below the minimum.
DEFAULT_MEMBERS = 160_000
SAME_EACH = (30, 3)
COMBOS = (100, 10)
DIFFERENT_EACH = (64, 3)
MOST_ADDED_PER_PAIR = 8  # the most members one labelled pair adds (an in-law household)

LABEL_HEADER = ["member_id", "other_member_id", "label", "kind"]
FAMILY_HEADER = ["family_id", "area_code", "village_code", "house_number", "locality", "pin_code"]
MEMBER_HEADER = [
    "member_id",
    "family_id",
    "name_hi",
    "name_en",
    "gender",
    "date_of_birth",
    "birth_year",
    "relation",
    "mobile",
    "father_or_husband_name",
    "marital_status",
    "caste_category",
    "has_disability",
    "disability_kind",
]


# ---------------------------------------------------------------------------------------------
# Geography


@dataclass(eq=False)
class District:
    code: str
    spec: vocab.DistrictSpec
    division_code: str
    bodies: list["Body"] = field(default_factory=list)


@dataclass(eq=False)
class Body:
    code: str
    lat: str
    dev: str
    kind: str  # JP, NN, NPP, NP
    district: District
    pin: str
    areas: list["Area"] = field(default_factory=list)

    @property
    def urban(self) -> bool:
        return self.kind != "JP"


@dataclass(eq=False)
class Area:
    code: str
    lat: str
    dev: str
    kind: str  # GP or WARD
    body: Body
    locality: Entry | None = None  # a ward's neighbourhood
    villages: list["Village"] = field(default_factory=list)
    weight: float = 1.0
    clans: list[Clan] = field(default_factory=list)  # a ward's common surnames


@dataclass(eq=False)
class Village:
    code: str
    lat: str
    dev: str
    area: Area
    weight: float
    clans: list[Clan] = field(default_factory=list)  # the village's common surnames


@dataclass(frozen=True)
class Place:
    area: Area
    village: Village | None

    @property
    def body(self) -> Body:
        return self.area.body

    @property
    def district(self) -> District:
        return self.area.body.district

    @property
    def clans(self) -> list[Clan]:
        return self.village.clans if self.village else self.area.clans


# ---------------------------------------------------------------------------------------------
# People


@dataclass(eq=False)
class Family:
    family_id: str
    place: Place
    house: str
    locality: str
    pin: str
    community: str
    clan: Clan
    mobile: str
    dev_relatives: bool  # this family's clerk writes the father's or husband's name in Devanagari
    surnames: float  # how often this family's clerk writes the surname
    members: list["Person"] = field(default_factory=list)
    base: bool = True  # part of the ordinary population (not built for a label)


@dataclass(eq=False)
class Person:
    member_id: str
    family: Family
    name: Name
    gender: str
    born: date
    dob: str
    year: str
    relation: str
    relative: str
    relative_name: Name | None
    relative_kind: str  # father or husband
    mobile: str
    marital: str
    category: str
    disability: str
    clan: Clan
    community: str
    referenced: bool = False  # someone's father or husband: keep the name
    labelled: bool = False

    @property
    def age(self) -> int:
        return age_on(self.born, REF)

    @property
    def given(self) -> tuple[Tok, ...]:
        return tuple(t for t in self.name if t.role == v.GIVEN)

    def row(self) -> list[str]:
        return [
            self.member_id,
            self.family.family_id,
            v.render_dev(self.name),
            v.render_lat(self.name),
            self.gender,
            self.dob,
            self.year,
            self.relation,
            self.mobile,
            self.relative,
            self.marital,
            self.category,
            "1" if self.disability else "0",
            self.disability,
        ]


def age_on(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


@dataclass(frozen=True)
class Label:
    first: Person
    other: Person
    label: str
    kind: str


# ---------------------------------------------------------------------------------------------
# Weighted choices


class Pool:
    """Entries with Zipf-like weights by rank (the first very common), optionally merged."""

    def __init__(self, parts: Sequence[tuple[Sequence[Entry], float]], exponent: float = 1.05):
        self.entries: list[Entry] = []
        weights: list[float] = []
        for entries, share in parts:
            raw = [1 / (rank + 3) ** exponent for rank in range(len(entries))]
            total = sum(raw)
            self.entries += entries
            weights += [share * w / total for w in raw]
        self.cum = list(accumulate(weights))

    def draw(self, rng: random.Random) -> Entry:
        return rng.choices(self.entries, cum_weights=self.cum)[0]


MEN = {
    "hindu": Pool([(vocab.MEN_HINDU, 1.0)]),
    "rajput": Pool([(vocab.MEN_HINDU, 1.0)]),
    "gond": Pool([(vocab.MEN_TRIBAL, 0.45), (vocab.MEN_HINDU, 0.55)]),
    "bhil": Pool([(vocab.MEN_TRIBAL, 0.5), (vocab.MEN_HINDU, 0.5)]),
    "muslim": Pool([(vocab.MEN_MUSLIM, 1.0)]),
}
WOMEN = {
    "hindu": Pool([(vocab.WOMEN_HINDU, 1.0)]),
    "rajput": Pool([(vocab.WOMEN_HINDU, 1.0)]),
    "gond": Pool([(vocab.WOMEN_TRIBAL, 0.4), (vocab.WOMEN_HINDU, 0.6)]),
    "bhil": Pool([(vocab.WOMEN_TRIBAL, 0.45), (vocab.WOMEN_HINDU, 0.55)]),
    "muslim": Pool([(vocab.WOMEN_MUSLIM, 1.0)]),
}
CLANS_BY_GROUP: dict[str, list[Clan]] = {}
for _clan in vocab.CLANS:
    CLANS_BY_GROUP.setdefault(_clan.group, []).append(_clan)
CLAN_CUM = {
    group: list(accumulate(1 / (rank + 2) ** 0.9 for rank in range(len(clans))))
    for group, clans in CLANS_BY_GROUP.items()
}
GIVEN_BY_LAT: dict[str, Entry] = {
    e.lat: e
    for e in (
        *vocab.MEN_HINDU,
        *vocab.MEN_TRIBAL,
        *vocab.MEN_MUSLIM,
        *vocab.WOMEN_HINDU,
        *vocab.WOMEN_TRIBAL,
        *vocab.WOMEN_MUSLIM,
    )
}
WOMEN_LAT = {e.lat for e in (*vocab.WOMEN_HINDU, *vocab.WOMEN_TRIBAL, *vocab.WOMEN_MUSLIM)}


def given_toks(entry: Entry) -> tuple[Tok, ...]:
    lats, devs = entry.lat.split(), entry.dev.split()
    if len(lats) != len(devs):
        return (Tok(entry.lat, entry.dev, v.GIVEN),)
    return tuple(Tok(a, b, v.GIVEN) for a, b in zip(lats, devs, strict=True))


def rhyme_of(lat: str, rng: random.Random) -> Entry | None:
    for group in vocab.RHYMES:
        if lat in group:
            others = [x for x in group if x != lat and x in GIVEN_BY_LAT]
            if others:
                return GIVEN_BY_LAT[rng.choice(others)]
    return None


# ---------------------------------------------------------------------------------------------
# The generator


class Generator:
    def __init__(self, seed: int, members: int):
        self.rng = random.Random(f"independent-{seed}")  # noqa: S311 (test data, not secrets)
        self.target = members
        self.family_ids: set[str] = set()
        self.member_ids: set[str] = set()
        self.families: list[Family] = []
        self.count = 0
        self.labels: list[Label] = []
        self.districts: list[District] = []
        self.areas: list[Area] = []
        self.places: list[Place] = []
        self.place_cum: list[float] = []
        self.by_place: dict[Place, list[Family]] = {}

    # -- geography ----------------------------------------------------------------------------

    def build_geography(self) -> None:
        rng = self.rng
        for d_index, spec in enumerate(vocab.DISTRICTS):
            district = District(f"{851 + d_index}", spec, f"{7301 + spec.division}")
            self.districts.append(district)
            used_names: set[str] = set()
            for b_index, (kind, lat, dev) in enumerate(spec.local_bodies):
                code = f"{district.code}{b_index + 1:02d}"
                pin = str(spec.pin + (0 if kind != "JP" else 3 * (b_index + 1)))
                body = Body(code, lat, dev, kind, district, pin)
                district.bodies.append(body)
                if kind == "JP":
                    self._panchayats(body, used_names)
                else:
                    self._wards(body)
        for area in self.areas:
            if area.villages:
                for village in area.villages:
                    self.places.append(Place(area, village))
            else:
                self.places.append(Place(area, None))
        weights = [p.village.weight if p.village else p.area.weight for p in self.places]
        self.place_cum = list(accumulate(weights))
        for place in self.places:
            self.by_place[place] = []
            mix = self.mix(place)
            common = rng.choice((3, 4, 4, 5)) if place.village else rng.choice((2, 3))
            place.clans.extend(self.draw_clan(mix) for _ in range(common))

    def _village_name(self, used: set[str]) -> Entry:
        rng = self.rng
        for _ in range(50):
            stem = rng.choice(vocab.VILLAGE_STEMS)
            if rng.random() < 0.22:
                second = rng.choice(vocab.VILLAGE_SECOND_WORDS)
                entry = Entry(f"{stem.lat} {second.lat}", f"{stem.dev} {second.dev}")
            else:
                entry = stem
            if entry.lat not in used:
                used.add(entry.lat)
                return entry
        return entry

    def _panchayats(self, body: Body, used: set[str]) -> None:
        rng = self.rng
        for g in range(rng.randint(10, 14)):
            villages = [
                self._village_name(used)
                for _ in range(rng.choices((1, 2, 3, 4), (15, 35, 35, 15))[0])
            ]
            area = Area(f"{body.code}{g + 1:02d}", villages[0].lat, villages[0].dev, "GP", body)
            for k, name in enumerate(villages):
                weight = rng.lognormvariate(0, 0.6) * (1.4 if k == 0 else 1.0)
                area.villages.append(
                    Village(f"{area.code}{k + 1}", name.lat, name.dev, area, weight)
                )
            body.areas.append(area)
            self.areas.append(area)

    def _wards(self, body: Body) -> None:
        rng = self.rng
        count = {"NN": 30, "NPP": 18, "NP": 12}[body.kind]
        scale = {"NN": 2.6, "NPP": 1.9, "NP": 1.4}[body.kind]
        localities = rng.sample(vocab.URBAN_LOCALITIES, count)
        for w, loc in enumerate(localities):
            area = Area(
                f"{body.code}{w + 51:02d}",
                f"Ward {w + 1} {loc.lat}",
                f"वार्ड {w + 1} {loc.dev}",
                "WARD",
                body,
                locality=loc,
                weight=rng.lognormvariate(0, 0.4) * scale,
            )
            body.areas.append(area)
            self.areas.append(area)

    def mix(self, place: Place) -> list[tuple[str, float]]:
        shares = dict(place.district.spec.mix)
        if place.body.urban:
            shares = {
                c: s * (2.5 if c == "muslim" else 0.4 if c in ("gond", "bhil") else 1.0)
                for c, s in shares.items()
            }
        return list(shares.items())

    def draw_clan(self, mix: list[tuple[str, float]]) -> Clan:
        group = self.rng.choices([c for c, _ in mix], [s for _, s in mix])[0]
        return self.rng.choices(CLANS_BY_GROUP[group], cum_weights=CLAN_CUM[group])[0]

    def random_place(self) -> Place:
        return self.rng.choices(self.places, cum_weights=self.place_cum)[0]

    def place_in(self, area: Area) -> Place:
        if area.villages:
            weights = [vil.weight for vil in area.villages]
            return Place(area, self.rng.choices(area.villages, weights)[0])
        return Place(area, None)

    # -- IDs and small values -----------------------------------------------------------------

    def new_family_id(self) -> str:
        while True:
            value = str(self.rng.randrange(10**7, 10**8))
            if value not in self.family_ids:
                self.family_ids.add(value)
                return value

    def new_member_id(self) -> str:
        while True:
            body = str(self.rng.randrange(10**7, 10**8))
            value = body + verhoeff.calc_check_digit(body)
            if value not in self.member_ids:
                self.member_ids.add(value)
                return value

    def new_mobile(self) -> str:
        first = self.rng.choices("9876", (45, 20, 20, 15))[0]
        return first + "".join(self.rng.choices("0123456789", k=9))

    def record_birth(self, born: date) -> tuple[str, str]:
        """What the register holds: no date (8 %), a year only (30 %), or a date (often 1
        January; often a year rounded to 0 or 5 when only an age was given)."""
        rng = self.rng
        age = age_on(born, REF)
        if age >= 60:
            none, year_only, new_year = 0.16, 0.56, 0.40
        elif age >= 40:
            none, year_only, new_year = 0.10, 0.44, 0.35
        elif age >= 18:
            none, year_only, new_year = 0.08, 0.31, 0.25
        else:
            none, year_only, new_year = 0.05, 0.16, 0.10
        roll = rng.random()
        if roll < none:
            return "", ""
        if roll < none + year_only:
            year = born.year
            if age >= 35 and rng.random() < 0.35:
                year = REF.year - 5 * round(age / 5)
            return "", str(min(year, REF.year))
        if rng.random() < new_year:
            return date(born.year, 1, 1).isoformat(), ""
        if rng.random() < 0.04:
            day = date(born.year, 7, 1)
            return (day if day <= REF else born).isoformat(), ""
        return born.isoformat(), ""

    def birth_date(self, age_years: float) -> date:
        born = REF - timedelta(days=int(age_years * 365.25) + self.rng.randrange(0, 365))
        return min(born, REF)

    # -- names ----------------------------------------------------------------------------------

    def given(
        self, gender: str, community: str, avoid: Collection[str] = (), born: int = 1985
    ) -> Entry:
        """A given name, not one of ``avoid``, and mostly of the generation born then."""
        pool = MEN[community] if gender == "M" else WOMEN[community]
        rng = self.rng

        def unfit(entry: Entry) -> bool:
            if entry.lat in avoid:
                return True
            if born < 1975 and entry.lat in vocab.MODERN:
                return rng.random() < 0.85
            return born >= 1995 and entry.lat in vocab.OLD and rng.random() < 0.75

        entry = pool.draw(rng)
        for _ in range(12):
            if not unfit(entry):
                break
            entry = pool.draw(rng)
        return entry

    def spelled(self, tok: Tok) -> Tok:
        """Now and then a clerk romanises a word their own way (the register's own noise)."""
        if self.rng.random() < 0.07:
            new = v.romanise(tok.dev, v.random_romanisation(self.rng, 2))
            if new and " " not in new:
                return replace(tok, lat=new)
        return tok

    def person_name(
        self,
        entry: Entry,
        clan: Clan | None,
        *,
        gender: str,
        community: str,
        age: int,
        married: bool,
        district: District | None = None,
    ) -> Name:
        rng = self.rng
        toks: list[Tok] = [self.spelled(t) for t in given_toks(entry)]
        one_word = len(toks) == 1
        if gender == "M":
            lat = entry.lat.lower()
            if community == "rajput" and one_word and rng.random() < 0.6:
                toks.append(Tok(vocab.SINGH.lat, vocab.SINGH.dev, v.MID))
            elif community in ("gond", "bhil") and one_word and "singh" not in lat:
                if rng.random() < 0.22:
                    toks.append(Tok(vocab.SINGH.lat, vocab.SINGH.dev, v.MID))
            elif community == "hindu" and one_word and "kumar" not in lat and rng.random() < 0.12:
                toks.append(Tok(vocab.KUMAR.lat, vocab.KUMAR.dev, v.MID))
        elif community == "muslim":
            if age >= 22 and rng.random() < 0.22:
                e = rng.choice(vocab.MUSLIM_WOMAN_ENDINGS)
                toks.append(Tok(e.lat, e.dev, v.END))
            elif age >= 28 and rng.random() < 0.22:
                e = rng.choice(vocab.MUSLIM_WOMAN_SUFFIXES)
                toks.append(Tok(e.lat, e.dev, v.SFX))
        else:
            west = district is not None and district.spec.lat in ("Jhabua", "Dhar")
            tribal = community in ("gond", "bhil")
            roll = rng.random()
            sfx: Entry | None = None
            if not married and age < 30:
                if roll < 0.08:
                    sfx = vocab.KUMARI
            elif roll < (0.42 if tribal else 0.28 if age >= 30 else 0.14):
                sfx = vocab.WOMAN_SUFFIXES[0]  # Bai
            elif roll < (0.48 if tribal else 0.38 if age >= 30 else 0.24):
                sfx = vocab.WOMAN_SUFFIXES[1]  # Devi
            elif west and roll < 0.55:
                sfx = vocab.WOMAN_SUFFIXES[2]  # Ben
            if sfx is not None:
                glue = sfx.lat != "Kumari" and rng.random() < (0.35 if sfx.lat != "Devi" else 0.1)
                toks.append(Tok(sfx.lat, sfx.dev, v.SFX, glue))
        if clan is not None:
            toks.append(self.spelled(Tok(clan.lat, clan.dev, v.SUR)))
        return tuple(toks)

    def relative_text(self, name: Name | None, dev: bool, surname: bool, late: bool) -> str:
        if not name:
            return ""
        kept = tuple(t for t in name if t.role != v.HON and (surname or t.role != v.SUR))
        if not kept:
            kept = name
        text = v.render_dev(kept) if dev else v.render_lat(kept)
        if late:
            text = ("स्व. " if dev else self.rng.choice(("Late ", "Late ", "Lt. "))) + text
        return text.strip()

    # -- families -------------------------------------------------------------------------------

    def new_family(self, place: Place, community: str, clan: Clan, base: bool = True) -> Family:
        rng = self.rng
        n = rng.randint(1, 350)
        if place.village is None:
            house = rng.choice((f"{n}", f"{n}/{rng.randint(1, 9)}", f"H.No. {n}", f"{n}-A"))
            loc = place.area.locality
            if loc is None:
                raise ValueError(f"ward {place.area.code} has no locality")
            locality = rng.choice((loc.lat, loc.dev, f"{loc.lat}, Gali No. {rng.randint(1, 9)}"))
        else:
            house = rng.choices(("", f"{n}", f"{n}/{rng.randint(1, 5)}"), (30, 55, 15))[0]
            hamlet = rng.choice(vocab.HAMLETS)
            locality = rng.choices(("", hamlet.lat, hamlet.dev), (45, 35, 20))[0]
        surnames = {"hindu": 0.86, "rajput": 0.93, "gond": 0.72, "bhil": 0.74, "muslim": 0.62}
        family = Family(
            family_id=self.new_family_id(),
            place=place,
            house=house,
            locality=locality,
            pin=place.body.pin if rng.random() < 0.85 else "",
            community=community,
            clan=clan,
            mobile=self.new_mobile() if rng.random() < 0.8 else "",
            dev_relatives=rng.random() < 0.4,
            surnames=min(1.0, surnames[community] + rng.uniform(-0.15, 0.15)),
            base=base,
        )
        self.families.append(family)
        self.by_place[place].append(family)
        return family

    def add(
        self,
        family: Family,
        *,
        gender: str,
        born: date,
        relation: str,
        relative_name: Name | None,
        relative_kind: str,
        entry: Entry | None = None,
        name: Name | None = None,
        clan: Clan | None = None,
        married: bool = False,
        marital: str | None = None,
        late_relative: bool = False,
        mobile: str | None = None,
        record: tuple[str, str] | None = None,
        avoid: Collection[str] = (),
    ) -> Person:
        rng = self.rng
        clan = clan or family.clan
        age = age_on(born, REF)
        if name is None:
            entry = entry or self.given(gender, family.community, avoid, born.year)
            written = clan if rng.random() < family.surnames else None
            name = self.person_name(
                entry,
                written,
                gender=gender,
                community=family.community,
                age=age,
                married=married,
                district=family.place.district,
            )
        if marital is None:
            if age < 18:
                marital = "NEVER"
            elif married:
                marital = "MARRIED"
            else:
                marital = "NEVER"
            if rng.random() < 0.08:
                marital = ""
        if mobile is None:
            share = {"HEAD": 1.0, "SPOUSE": 0.6, "FATHER": 0.5, "MOTHER": 0.5}.get(relation, 0.35)
            if age < 18:
                share = 0.25
            roll = rng.random()
            if roll < share:
                mobile = family.mobile
            elif age >= 18 and roll < share + 0.2:
                mobile = self.new_mobile()
            else:
                mobile = ""
        dev_rel = family.dev_relatives if rng.random() < 0.9 else not family.dev_relatives
        person = Person(
            member_id=self.new_member_id(),
            family=family,
            name=name,
            gender=gender,
            born=born,
            dob=record[0] if record else "",
            year=record[1] if record else "",
            relation=relation,
            relative=self.relative_text(
                relative_name, dev_rel, rng.random() < family.surnames, late_relative
            ),
            relative_name=relative_name,
            relative_kind=relative_kind,
            mobile=mobile,
            marital=marital,
            category=clan.category if rng.random() < 0.95 else "",
            disability=rng.choice(vocab.DISABILITIES) if rng.random() < 0.022 else "",
            clan=clan,
            community=family.community,
        )
        if record is None:
            person.dob, person.year = self.record_birth(born)
        family.members.append(person)
        self.count += 1
        return person

    def phantom(self, gender: str, community: str, clan: Clan, age: int, fam: Family) -> Name:
        """The name of someone not in the register (a head's father, a late husband)."""
        entry = self.given(gender, community, born=REF.year - age)
        written = clan if self.rng.random() < fam.surnames else None
        return self.person_name(
            entry, written, gender=gender, community=community, age=age, married=True
        )

    def children(
        self,
        family: Family,
        father: Name,
        mother_age: int,
        count: int,
        relation_son: str = "SON",
        relation_daughter: str = "DAUGHTER",
        leave_home: bool = True,
        father_dead: bool = False,
    ) -> list[Person]:
        rng = self.rng
        out: list[Person] = []
        mother_at = rng.uniform(18.5, 25)
        names = {t.lat for t in father if t.role == v.GIVEN}  # nobody is named as his father
        for _ in range(count):
            age = mother_age - mother_at
            if age < 0:
                break
            gender = "M" if rng.random() < 0.52 else "F"
            mother_at += rng.uniform(1.3, 4.5)
            if leave_home:
                if gender == "F" and age >= 19 and rng.random() < min(0.9, 0.35 + (age - 19) * 0.1):
                    continue
                if gender == "M" and age >= 27 and rng.random() < 0.5:
                    continue
            child = self.add(
                family,
                gender=gender,
                born=self.birth_date(age),
                relation=relation_son if gender == "M" else relation_daughter,
                relative_name=father,
                relative_kind="father",
                married=False,
                late_relative=father_dead and rng.random() < 0.3,
                avoid=names,
            )
            names.add(child.given[0].lat if child.given else "")
            out.append(child)
        return out

    def child_count(self, community: str) -> int:
        weights = (
            (5, 16, 31, 25, 14, 9) if community in ("hindu", "rajput") else (4, 12, 25, 26, 19, 14)
        )
        return self.rng.choices(range(6), weights)[0]

    def base_family(self, place: Place | None = None) -> Family:
        rng = self.rng
        place = place or self.random_place()
        mix = self.mix(place)
        clan = rng.choice(place.clans) if rng.random() < 0.65 else self.draw_clan(mix)
        family = self.new_family(place, clan.group, clan)
        community = family.community
        shape = rng.choices(
            ("single", "couple", "nuclear", "joint_down", "joint_up"), (7, 10, 57, 14, 12)
        )[0]
        if shape == "single":
            young = rng.random() < 0.45
            gender = "M" if (young and rng.random() < 0.85) or rng.random() < 0.35 else "F"
            age = rng.uniform(19, 34) if young else rng.uniform(58, 88)
            if gender == "F" and not young:
                husband = self.phantom("M", community, clan, int(age) + 4, family)
                self.add(
                    family,
                    gender="F",
                    born=self.birth_date(age),
                    relation="HEAD",
                    relative_name=husband,
                    relative_kind="husband",
                    married=True,
                    marital="WIDOWED",
                    late_relative=rng.random() < 0.4,
                )
            else:
                father = self.phantom("M", community, clan, int(age) + 27, family)
                self.add(
                    family,
                    gender=gender,
                    born=self.birth_date(age),
                    relation="HEAD",
                    relative_name=father,
                    relative_kind="father",
                    marital=(
                        rng.choices(("NEVER", "MARRIED", "DIVORCED", "SEPARATED"), (82, 8, 5, 5))[0]
                        if young
                        else rng.choices(("WIDOWED", "DIVORCED", "SEPARATED"), (90, 4, 6))[0]
                    ),
                    late_relative=not young and rng.random() < 0.3,
                )
            return family
        if rng.random() < 0.1 and shape == "nuclear":  # a widow at the head of her children
            age = rng.uniform(32, 70)
            husband = self.phantom("M", community, clan, int(age) + 4, family)
            head = self.add(
                family,
                gender="F",
                born=self.birth_date(age),
                relation="HEAD",
                relative_name=husband,
                relative_kind="husband",
                married=True,
                marital="WIDOWED",
                late_relative=rng.random() < 0.45,
            )
            head.referenced = True
            self.children(family, husband, int(age), self.child_count(community), father_dead=True)
            return family
        if shape == "couple":
            age = rng.uniform(20, 30) if rng.random() < 0.5 else rng.uniform(55, 82)
        elif shape == "nuclear":
            age = rng.triangular(23, 62, 36)
        elif shape == "joint_down":
            age = rng.uniform(50, 78)
        else:
            age = rng.uniform(27, 46)
        grandfather = self.phantom("M", community, clan, int(age) + 28, family)
        head = self.add(
            family,
            gender="M",
            born=self.birth_date(age),
            relation="HEAD",
            relative_name=grandfather,
            relative_kind="father",
            married=True,
            late_relative=age > 50 and rng.random() < 0.2,
            avoid={t.lat for t in grandfather if t.role == v.GIVEN},
        )
        head.referenced = True
        if shape == "nuclear" and rng.random() < 0.05:  # his unmarried brother lives with them
            brother_age = age + rng.choice((-1, 1)) * rng.uniform(3, 12)
            if brother_age >= 16:
                self.add(
                    family,
                    gender="M",
                    born=self.birth_date(brother_age),
                    relation="OTHER",
                    relative_name=grandfather,
                    relative_kind="father",
                    avoid={t.lat for t in head.given} | {t.lat for t in grandfather},
                )
        wife_age = max(18.0, age - rng.uniform(1, 7))
        has_wife = rng.random() < (0.93 if age < 60 else 0.75)
        if has_wife:
            wife_clan = self.draw_clan([(community, 1.0)]) if rng.random() < 0.15 else clan
            self.add(
                family,
                gender="F",
                born=self.birth_date(wife_age),
                relation="SPOUSE",
                relative_name=head.name,
                relative_kind="husband",
                married=True,
                clan=wife_clan if rng.random() < 0.1 else clan,
            )
        elif rng.random() < 0.7:
            head.marital = "WIDOWED"
        if shape == "couple":
            return family
        if shape == "nuclear":
            self.children(family, head.name, int(wife_age), self.child_count(community))
            return family
        if shape == "joint_up":
            self.children(family, head.name, int(wife_age), self.child_count(community))
            parent_age = age + rng.uniform(22, 32)
            if rng.random() < 0.45:
                old_man = self.add(
                    family,
                    gender="M",
                    born=self.birth_date(parent_age),
                    relation="FATHER",
                    relative_name=self.phantom("M", community, clan, int(parent_age) + 28, family),
                    relative_kind="father",
                    name=grandfather,
                    married=True,
                    late_relative=rng.random() < 0.4,
                )
                old_man.referenced = True
            mother_age = parent_age - rng.uniform(1, 6)
            if mother_age < 95:
                self.add(
                    family,
                    gender="F",
                    born=self.birth_date(mother_age),
                    relation="MOTHER",
                    relative_name=grandfather,
                    relative_kind="husband",
                    married=True,
                    marital=rng.choice(("MARRIED", "WIDOWED", "WIDOWED")),
                    late_relative=rng.random() < 0.3,
                )
            return family
        # joint_down: married sons with their wives and children, and the younger children
        sons = rng.choices((1, 2, 3), (50, 38, 12))[0]
        mother_at = rng.uniform(18.5, 24)
        names: set[str] = set()
        for _ in range(sons):
            son_age = wife_age - mother_at
            mother_at += rng.uniform(1.5, 4)
            if son_age < 20:
                break
            son = self.add(
                family,
                gender="M",
                born=self.birth_date(son_age),
                relation="SON",
                relative_name=head.name,
                relative_kind="father",
                married=True,
                avoid=names,
            )
            son.referenced = True
            names.add(son.given[0].lat if son.given else "")
            dil_age = max(18.0, son_age - rng.uniform(1, 6))
            self.add(
                family,
                gender="F",
                born=self.birth_date(dil_age),
                relation="DIL",
                relative_name=son.name,
                relative_kind="husband",
                married=True,
                clan=clan,
            )
            self.children(
                family,
                son.name,
                int(dil_age),
                rng.choices(range(5), (15, 25, 30, 20, 10))[0],
                relation_son="GRANDCHILD",
                relation_daughter="GRANDCHILD",
                leave_home=False,
            )
        remaining = max(0, wife_age - mother_at)
        if remaining > 5 and rng.random() < 0.5:
            self.children(family, head.name, int(remaining), rng.randint(1, 2))
        return family

    # -- SAME pairs -----------------------------------------------------------------------------

    def same_pair(self, kinds: tuple[str, ...], label: str) -> bool:
        for _ in range(300):
            original = self.pick_original(kinds)
            if original is None:
                return False
            duplicate = self.duplicate(original, kinds)
            if duplicate is not None:
                original.labelled = duplicate.labelled = True
                self.labels.append(Label(original, duplicate, "SAME", label))
                return True
        return False

    def pick_original(self, kinds: tuple[str, ...]) -> Person | None:
        rng = self.rng
        if "married_woman" in kinds:
            pool = self.daughters
        else:
            pool = (
                self.adults if rng.random() < 0.85 or set(kinds) & set(PLACE_KINDS) else self.young
            )
        for _ in range(4000):
            p = rng.choice(pool)
            if p.labelled or not self.fits(p, kinds):
                continue
            return p
        return None

    def fits(self, p: Person, kinds: tuple[str, ...]) -> bool:
        has = {t.role for t in p.name}
        for kind in kinds:
            if kind == "honorific" and p.age < (18 if p.gender == "M" else 14):
                return False
            if kind == "bai_devi" and (p.gender != "F" or p.age < 16):
                return False
            if kind == "kumar_kumari" and p.gender == "F":
                wife = p.marital == "MARRIED" or p.relation in ("SPOUSE", "DIL", "MOTHER")
                kumari = any(t.lat == "Kumari" for t in p.name)
                if not kumari and (p.age > 30 or v.SFX in has or wife):
                    return False
            if kind in ("surname_first", "initials") and v.SUR not in has:
                return False
            words = len(p.given) + sum(t.role == v.MID for t in p.name)
            if kind == "initials" and words < 2 and self.rng.random() < 0.75:
                return False  # mostly "R. K. Sharma", sometimes "R. Sharma"
            if kind == "matra" and not any(v.matra_options(t.dev) for t in p.name):
                return False
            if kind in ("dob_year_only", "dob_day_month_swapped") and not p.dob:
                return False
            if kind == "dob_day_month_swapped" and v.dob_day_month_swapped(p.dob, p.year) is None:
                return False
            if kind in ("dob_missing", "dob_plus_minus_one") and not (p.dob or p.year):
                return False
            if kind == "married_woman" and v.SUR not in has:
                return False
        return True

    def target_place(self, original: Person, kinds: tuple[str, ...]) -> Place:
        rng = self.rng
        here = original.family.place
        if "moved_district" in kinds:
            district = rng.choice([d for d in self.districts if d is not here.district])
            urban = [b for b in district.bodies if b.urban]
            body = rng.choice(urban if rng.random() < 0.6 else district.bodies)
            return self.place_in(rng.choice(body.areas))
        if "moved_local_body" in kinds:
            others = [b for b in here.district.bodies if b is not here.body]
            urban = [b for b in others if b.urban]
            body = rng.choice(
                urban if urban and not here.body.urban and rng.random() < 0.6 else others
            )
            return self.place_in(rng.choice(body.areas))
        if "moved_area" in kinds:
            return self.place_in(rng.choice([a for a in here.body.areas if a is not here.area]))
        return here

    def join_existing(
        self, place: Place, dup_age: int, gender: str, avoid: Family
    ) -> tuple[Family, str] | None:
        families = [f for f in self.by_place[place] if f is not avoid and f.base and f.members]
        if not families:
            return None
        family = self.rng.choice(families)
        head = family.members[0]
        relations = {m.relation for m in family.members}
        if dup_age >= 55 and head.age <= dup_age - 18:
            gender_relation = "MOTHER" if gender == "F" else "FATHER"
            if gender_relation not in relations:
                return family, gender_relation
        if dup_age < 18 and head.age >= dup_age + 36:
            return family, "GRANDCHILD"
        return family, "OTHER"

    def duplicate(self, original: Person, kinds: tuple[str, ...]) -> Person | None:
        rng = self.rng
        name = original.name
        relative_name = original.relative_name
        relative_kind = original.relative_kind
        marital = original.marital if rng.random() < 0.85 else ""
        category = original.category if rng.random() < 0.9 else ""
        clan = original.clan
        in_laws: Callable[[], tuple[Family, str, Name]] | None = None
        if "married_woman" in kinds:
            husband_clan = self.husband_clan(original)
            if husband_clan is None:
                return None
            clan = husband_clan
            marital = "MARRIED" if rng.random() < 0.9 else ""
            category = husband_clan.category if rng.random() < 0.92 else ""
            relative_kind = "husband"
            roll = rng.random()
            sur = v.words(name, v.SUR)
            if roll < 0.7:
                name = tuple(
                    replace(t, lat=husband_clan.lat, dev=husband_clan.dev) if t.role == v.SUR else t
                    for t in name
                )
            elif roll < 0.85 and sur:
                name = tuple(t for t in name if t.role != v.SUR)
            in_laws = lambda: self.in_laws_family(original, husband_clan)  # noqa: E731
        # The name's variations: the structure first, then the letters.
        changed_name = name
        for kind in NAME_KINDS:
            if kind not in kinds:
                continue
            new = self.vary(kind, changed_name, original, married="married_woman" in kinds)
            if new is None:
                return None
            changed_name = v.clean(new)
        if (
            not changed_name
            or not v.render_lat(changed_name)
            or len(v.render_lat(changed_name)) > 150
        ):
            return None
        if not v.DEVANAGARI_LETTER.search(v.render_dev(changed_name)):
            return None
        if set(kinds) & set(NAME_KINDS):
            same_lat = v.render_lat(changed_name) == v.render_lat(original.name)
            same_dev = v.render_dev(changed_name) == v.render_dev(original.name)
            if same_lat and same_dev:
                return None
        dob, year = original.dob, original.year
        for kind in DOB_KINDS:
            if kind not in kinds:
                continue
            if kind == "dob_missing":
                got = v.dob_missing(dob, year)
            elif kind == "dob_year_only":
                got = v.dob_year_only(dob, year)
            elif kind == "dob_plus_minus_one":
                got = v.dob_plus_minus_one(dob, year, rng, REF)
            else:
                got = v.dob_day_month_swapped(dob, year)
            if got is None or got == (original.dob, original.year):
                return None
            dob, year = got
        # Where the second record is.
        relation = "HEAD"
        if in_laws is not None:
            family, relation, husband = in_laws()
            relative_name = husband
        else:
            place = self.target_place(original, kinds)
            joined = None
            if original.age < 18 or rng.random() < 0.5:
                joined = self.join_existing(place, original.age, original.gender, original.family)
            if joined is None and original.age < 18:
                return None
            if joined is not None:
                family, relation = joined
            else:
                mix_clan = original.clan
                family = self.new_family(place, original.community, mix_clan, base=False)
        mobile = original.mobile if original.mobile and rng.random() < 0.5 else ""
        if not mobile and rng.random() < 0.5:
            mobile = family.mobile if relation != "HEAD" else self.new_mobile()
        if relation == "HEAD" and not family.mobile:
            family.mobile = mobile
        if rng.random() < 0.5 and relative_name is original.relative_name:
            relative = original.relative
        else:
            relative = self.relative_text(
                relative_name,
                rng.random() < 0.4,
                rng.random() < 0.7,
                relative_kind == "father" and original.age > 50 and rng.random() < 0.15,
            )
        dup = Person(
            member_id=self.new_member_id(),
            family=family,
            name=changed_name,
            gender=original.gender,
            born=original.born,
            dob=dob,
            year=year,
            relation=relation,
            relative=relative,
            relative_name=relative_name,
            relative_kind=relative_kind,
            mobile=mobile,
            marital=marital,
            category=category,
            disability=original.disability,
            clan=clan,
            community=original.community,
        )
        if relation == "HEAD":
            family.members.insert(0, dup)
        else:
            family.members.append(dup)
        self.count += 1
        if "honorific" in kinds and len(kinds) == 1 and rng.random() < 0.25:
            # The other way round: the first record has the honorific, the later one not.
            original.name, dup.name = dup.name, original.name
        return dup

    def vary(self, kind: str, name: Name, p: Person, married: bool = False) -> Name | None:
        """One kind of variation of p's name (``married``: the record is of her as a wife)."""
        rng = self.rng
        if kind == "honorific":
            married = married or p.marital == "MARRIED" or p.relation in ("SPOUSE", "DIL", "MOTHER")
            return v.add_honorific(
                name,
                rng,
                gender=p.gender,
                married=married,
                age=p.age,
                muslim=p.community == "muslim",
            )
        if kind == "kumar_kumari":
            return v.toggle_kumar(name, rng, gender=p.gender)
        if kind == "bai_devi":
            return v.toggle_bai(name, rng, muslim=p.community == "muslim")
        if kind == "surname_omitted":
            if v.SUR in {t.role for t in name}:
                return v.omit_surname(name, rng)
            return (*name, Tok(p.clan.lat, p.clan.dev, v.SUR))  # the first record had none
        if kind == "surname_first":
            return v.surname_first(name, rng)
        if kind == "initials":
            return v.initials(name, rng)
        if kind == "script":
            return v.rescript(name, rng)
        if kind == "spelling":
            return v.respell(name, rng)
        if kind == "typo":
            return v.typo(name, rng)
        if kind == "matra":
            return v.matra(name, rng)
        raise ValueError(kind)

    def husband_clan(self, woman: Person) -> Clan | None:
        group = woman.clan.group
        same = [
            c
            for c in CLANS_BY_GROUP[group]
            if c.lat != woman.clan.lat and (c.category == woman.clan.category or group != "hindu")
        ]
        return self.rng.choice(same) if same else None

    def in_laws_family(self, woman: Person, clan: Clan) -> tuple[Family, str, Name]:
        """Her husband's household, elsewhere: his parents' (she a DIL) or his own."""
        rng = self.rng
        here = woman.family.place
        roll = rng.random()
        if roll < 0.7:
            choices = [a for a in here.body.areas if a is not here.area] or [here.area]
            place = self.place_in(rng.choice(choices))
        elif roll < 0.92:
            body = rng.choice([b for b in here.district.bodies if b is not here.body])
            place = self.place_in(rng.choice(body.areas))
        else:
            district = rng.choice([d for d in self.districts if d is not here.district])
            place = self.place_in(rng.choice(rng.choice(district.bodies).areas))
        family = self.new_family(place, woman.community, clan, base=False)
        husband_age = woman.age + rng.uniform(1, 7)
        if rng.random() < 0.55:
            fil_age = husband_age + rng.uniform(22, 32)
            fil = self.add(
                family,
                gender="M",
                born=self.birth_date(fil_age),
                relation="HEAD",
                relative_name=self.phantom("M", woman.community, clan, int(fil_age) + 27, family),
                relative_kind="father",
                married=True,
            )
            if rng.random() < 0.7:
                self.add(
                    family,
                    gender="F",
                    born=self.birth_date(fil_age - rng.uniform(1, 6)),
                    relation="SPOUSE",
                    relative_name=fil.name,
                    relative_kind="husband",
                    married=True,
                )
            husband = self.add(
                family,
                gender="M",
                born=self.birth_date(husband_age),
                relation="SON",
                relative_name=fil.name,
                relative_kind="father",
                married=True,
            )
            relation, kids = "DIL", "GRANDCHILD"
        else:
            husband = self.add(
                family,
                gender="M",
                born=self.birth_date(husband_age),
                relation="HEAD",
                relative_name=self.phantom(
                    "M", woman.community, clan, int(husband_age) + 27, family
                ),
                relative_kind="father",
                married=True,
            )
            relation, kids = "SPOUSE", ""
        husband.referenced = True
        if woman.age >= 21:
            count = rng.choices((0, 1, 2), (40, 35, 25))[0]
            self.children(
                family,
                husband.name,
                woman.age,
                count,
                relation_son=kids or "SON",
                relation_daughter=kids or "DAUGHTER",
                leave_home=False,
            )
        return family, relation, husband.name

    # -- DIFFERENT pairs ------------------------------------------------------------------------

    def different(self, first: Person, other: Person, kind: str) -> None:
        first.labelled = other.labelled = True
        self.labels.append(Label(first, other, "DIFFERENT", kind))

    def rename(self, p: Person, entry: Entry) -> None:
        """A new given name for someone nobody names as father or husband."""
        rest = tuple(t for t in p.name if t.role != v.GIVEN)
        p.name = given_toks(entry) + rest

    def new_given(self, p: Person, gender: str, rhyme: float) -> Entry:
        """Another given name than p's: often one that sounds like it."""
        lat = p.given[0].lat if p.given else ""
        if self.rng.random() < rhyme:
            entry = rhyme_of(lat, self.rng)
            if entry is not None and (entry.lat in WOMEN_LAT) == (gender == "F"):
                return entry
        return self.given(gender, p.community, {g.lat for g in p.given} | {lat})

    def surname_like(self, p: Person, q: Person) -> None:
        """q's name written with a surname when p's is, and without when p's is not."""
        has = any(t.role == v.SUR for t in p.name)
        rest = tuple(t for t in q.name if t.role != v.SUR)
        q.name = (*rest, Tok(q.clan.lat, q.clan.dev, v.SUR)) if has else rest

    @staticmethod
    def recorded(p: Person) -> bool:
        return bool(p.dob or p.year)

    def ensure_recorded(self, p: Person) -> None:
        if not self.recorded(p):
            p.year = str(p.born.year)

    def siblings(self) -> bool:
        rng = self.rng
        if rng.random() < 0.6:  # two children of one household
            for _ in range(5000):
                family = rng.choice(self.base_families)
                kids = [
                    m
                    for m in family.members
                    if m.relation in ("SON", "DAUGHTER") and not m.labelled and self.recorded(m)
                ]
                if len(kids) < 2:
                    continue
                a, b = sorted(rng.sample(kids, 2), key=lambda m: m.born)
                if (a.dob, a.year) == (b.dob, b.year) or a.born.year == b.born.year:
                    continue
                if not b.referenced and a.gender == b.gender and rng.random() < 0.45:
                    self.rename(b, self.new_given(a, b.gender, rhyme=1.0))
                if [t.lat for t in a.given] == [t.lat for t in b.given]:
                    continue
                self.different(a, b, "siblings")
                return True
            return False
        for _ in range(5000):  # a brother with his own household in the same village
            a = rng.choice(self.adults)
            if (
                a.labelled
                or a.gender != "M"
                or a.relation not in ("HEAD", "SON")
                or a.relative_kind != "father"
                or not self.recorded(a)
                or not 20 <= a.age <= 65
            ):
                continue
            age = a.age + rng.choice((-1, 1)) * rng.uniform(2, 12)
            if not 18 <= age <= 80:
                continue
            family = self.new_family(a.family.place, a.community, a.clan, base=False)
            b = self.add(
                family,
                gender="M",
                born=self.birth_date(age),
                relation="HEAD",
                relative_name=a.relative_name,
                relative_kind="father",
                entry=self.new_given(a, "M", rhyme=0.4),
                married=True,
            )
            self.surname_like(a, b)
            self.ensure_recorded(b)
            if rng.random() < 0.7:
                b.relative = a.relative
            self.household(family, b, kids=3)
            self.different(a, b, "siblings")
            return True
        return False

    def household(self, family: Family, head: Person, kids: int) -> None:
        """A wife (mostly) and up to ``kids`` children for a head built for a label."""
        rng = self.rng
        head.referenced = True
        wife_age = max(18.0, head.age - self.rng.uniform(1, 6))
        if rng.random() < 0.8:
            self.add(
                family,
                gender="F",
                born=self.birth_date(wife_age),
                relation="SPOUSE",
                relative_name=head.name,
                relative_kind="husband",
                married=True,
            )
        self.children(family, head.name, int(wife_age), rng.randint(0, kids), leave_home=False)

    def twins(self) -> bool:
        rng = self.rng
        for _ in range(5000):
            family = rng.choice(self.base_families)
            kids = [
                m
                for m in family.members
                if m.relation in ("SON", "DAUGHTER")
                and not m.labelled
                and not m.referenced
                and m.age <= 30
                and self.recorded(m)
            ]
            if not kids:
                continue
            a = rng.choice(kids)
            muslim = a.community == "muslim"
            other_gender = a.gender if rng.random() < 0.7 else ("F" if a.gender == "M" else "M")
            entry_b: Entry | None = None
            if rng.random() < 0.5:
                if other_gender != a.gender:
                    pairs = list(vocab.TWIN_NAMES_MIXED)
                elif a.gender == "M":
                    pairs = list(vocab.TWIN_NAMES_MEN)
                else:
                    pairs = list(vocab.TWIN_NAMES_WOMEN)
                muslim_lat = {e.lat for e in (*vocab.MEN_MUSLIM, *vocab.WOMEN_MUSLIM)}
                pairs = [p for p in pairs if (p[0].lat in muslim_lat) == muslim]
                if pairs:
                    x, y = rng.choice(pairs)
                    if other_gender != a.gender and a.gender == "F":
                        x, y = y, x  # the mixed pairs are written man first
                    if rng.random() < 0.5 and other_gender == a.gender:
                        x, y = y, x
                    self.rename(a, x)
                    entry_b = y
            if entry_b is None:
                entry_b = self.given(other_gender, a.community, {t.lat for t in a.given})
            b = self.add(
                family,
                gender=other_gender,
                born=a.born,
                relation="SON" if other_gender == "M" else "DAUGHTER",
                relative_name=a.relative_name,
                relative_kind="father",
                entry=entry_b,
                record=(a.dob, a.year),
                mobile=a.mobile,
                marital=a.marital,
            )
            b.relative = a.relative
            self.surname_like(a, b)
            if [t.lat for t in a.given] == [t.lat for t in b.given]:
                continue  # (b stays in the family as an ordinary child)
            self.different(a, b, "twins")
            return True
        return False

    def father_son_same_name(self) -> bool:
        rng = self.rng
        for _ in range(5000):
            family = rng.choice(self.base_families)
            head = family.members[0]
            if head.gender != "M" or head.labelled or not self.recorded(head):
                continue
            same = head.name
            plain = len(head.given) == 1 and not any(t.role == v.MID for t in same)
            if rng.random() < 0.3 and plain:  # the son written "Ramesh Kumar"
                given_end = max(v.words(same, v.GIVEN)) + 1
                kumar = Tok(vocab.KUMAR.lat, vocab.KUMAR.dev, v.MID)
                same = (*same[:given_end], kumar, *same[given_end:])
            if rng.random() < 0.7:
                sons = [
                    m
                    for m in family.members
                    if m.relation == "SON"
                    and not m.referenced
                    and not m.labelled
                    and self.recorded(m)
                    and 20 <= head.age - m.age <= 35
                ]
                if not sons:
                    continue
                son = rng.choice(sons)
                son.name = same
                self.different(head, son, "father_son_same_name")
                return True
            # The son has his own household in the same village.
            age = head.age - rng.uniform(20, 35)
            if age < 19:
                continue
            own = self.new_family(family.place, head.community, head.clan, base=False)
            son = self.add(
                own,
                gender="M",
                born=self.birth_date(age),
                relation="HEAD",
                relative_name=head.name,
                relative_kind="father",
                name=same,
                married=True,
            )
            self.ensure_recorded(son)
            self.household(own, son, kids=2)
            self.different(head, son, "father_son_same_name")
            return True
        return False

    def namesakes_village(self) -> bool:
        rng = self.rng
        for _ in range(5000):
            x = rng.choice(self.base_people)
            place = x.family.place
            if (
                x.labelled
                or not self.recorded(x)
                or not 8 <= x.age <= 75
                or not any(t.role == v.SUR for t in x.name)
                or (place.village is None and rng.random() < 0.8)
            ):
                continue
            age = x.age + rng.choice((-1, 1)) * rng.uniform(2, 25)
            if not 8 <= age <= 85:
                continue
            family = self.new_family(place, x.community, x.clan, base=False)
            father_avoid = {t.lat for t in x.relative_name or () if t.role == v.GIVEN}
            born = self.birth_date(age)
            if age >= 21 and x.gender == "M":
                father = self.phantom("M", x.community, x.clan, int(age) + 27, family)
                if {t.lat for t in father if t.role == v.GIVEN} & father_avoid:
                    self.families.remove(family)
                    self.by_place[place].remove(family)
                    continue
                y = self.add(
                    family,
                    gender="M",
                    born=born,
                    relation="HEAD",
                    relative_name=father,
                    relative_kind="father",
                    name=x.name,
                    married=True,
                )
                self.household(family, y, kids=2)
            else:
                head_age = age + rng.uniform(3, 8) if x.gender == "F" and age >= 21 else age + 26
                head = self.add(
                    family,
                    gender="M",
                    born=self.birth_date(head_age),
                    relation="HEAD",
                    relative_name=self.phantom(
                        "M", x.community, x.clan, int(head_age) + 27, family
                    ),
                    relative_kind="father",
                    entry=self.given("M", x.community, father_avoid),
                    married=True,
                )
                head.referenced = True
                if x.gender == "F" and age >= 21:
                    relation, kind = "SPOUSE", "husband"
                else:
                    relation = "SON" if x.gender == "M" else "DAUGHTER"
                    kind = "father"
                    self.add(
                        family,
                        gender="F",
                        born=self.birth_date(head_age - rng.uniform(1, 6)),
                        relation="SPOUSE",
                        relative_name=head.name,
                        relative_kind="husband",
                        married=True,
                    )
                y = self.add(
                    family,
                    gender=x.gender,
                    born=born,
                    relation=relation,
                    relative_name=head.name,
                    relative_kind=kind,
                    name=x.name,
                    married=relation == "SPOUSE",
                )
            self.ensure_recorded(y)
            self.different(x, y, "namesakes_village")
            return True
        return False

    def cousins(self) -> bool:
        rng = self.rng
        for _ in range(5000):
            family = rng.choice(self.base_families)
            head = family.members[0]
            if head.gender != "M" or head.relative_kind != "father" or head.labelled:
                continue
            kids = [
                m
                for m in family.members
                if m.relation in ("SON", "DAUGHTER")
                and not m.labelled
                and m.relative_name is head.name
                and 2 <= m.age <= 40
                and self.recorded(m)
            ]
            if not kids:
                continue
            x = rng.choice(kids)
            uncle_age = head.age + rng.choice((-1, 1)) * rng.uniform(2, 10)
            if not 20 <= uncle_age - x.age <= 45 or uncle_age > 85:
                continue
            cousin_born = x.born + timedelta(days=rng.choice((-1, 1)) * rng.randint(60, 1400))
            if cousin_born > REF or (cousin_born.year == x.born.year and rng.random() < 0.5):
                continue
            own = self.new_family(family.place, head.community, head.clan, base=False)
            uncle = self.add(
                own,
                gender="M",
                born=self.birth_date(uncle_age),
                relation="HEAD",
                relative_name=head.relative_name,
                relative_kind="father",
                entry=self.new_given(head, "M", rhyme=0.35),
                married=True,
            )
            uncle.referenced = True
            self.surname_like(head, uncle)
            if rng.random() < 0.6:
                uncle.relative = head.relative
            if rng.random() < 0.85:
                self.add(
                    own,
                    gender="F",
                    born=self.birth_date(max(18.0, uncle_age - rng.uniform(1, 6))),
                    relation="SPOUSE",
                    relative_name=uncle.name,
                    relative_kind="husband",
                    married=True,
                )
            y = self.add(
                own,
                gender=x.gender,
                born=cousin_born,
                relation=x.relation,
                relative_name=uncle.name,
                relative_kind="father",
                entry=self.new_given(x, x.gender, rhyme=0.4),
                married=x.marital == "MARRIED",
            )
            self.surname_like(x, y)
            self.ensure_recorded(y)
            if rng.random() < 0.5:
                self.children(own, uncle.name, int(uncle_age) - 3, 2, leave_home=False)
            self.different(x, y, "cousins")
            return True
        return False

    # -- the whole set --------------------------------------------------------------------------

    def plan(self) -> tuple[int, int, int]:
        scale = self.target / DEFAULT_MEMBERS
        return (
            max(SAME_EACH[1], round(SAME_EACH[0] * scale)),
            max(COMBOS[1], round(COMBOS[0] * scale)),
            max(DIFFERENT_EACH[1], round(DIFFERENT_EACH[0] * scale)),
        )

    def combo(self) -> tuple[str, ...]:
        """Two or three kinds that can happen to one record together."""
        rng = self.rng
        names = list(NAME_KINDS)
        shape = rng.choices(
            ("name+dob", "name+place", "dob+place", "name+name", "name+dob+place", "name+name+x"),
            (30, 20, 12, 10, 16, 12),
        )[0]
        kinds: list[str] = []
        for part in shape.split("+"):
            if part == "name":
                kinds.append(rng.choice([k for k in names if k not in kinds]))
            elif part == "dob":
                kinds.append(rng.choice(DOB_KINDS))
            elif part == "place":
                kinds.append(rng.choice(PLACE_KINDS))
            else:
                kinds.append(rng.choice((*DOB_KINDS, *PLACE_KINDS)))
        chosen = set(kinds)
        clashes = (
            {"surname_omitted", "surname_first"},
            {"surname_omitted", "initials"},
            {"initials", "typo"},
            {"script", "matra"},
        )
        if any(c <= chosen for c in clashes):
            return self.combo()
        return tuple(k for k in SAME_KINDS if k in chosen)

    def index(self) -> None:
        self.base_families = [f for f in self.families if f.base and f.members]
        self.base_people = [p for f in self.base_families for p in f.members]
        self.adults = [p for p in self.base_people if p.age >= 18]
        self.young = [p for p in self.base_people if 3 <= p.age < 18]
        self.daughters = [
            p
            for p in self.base_people
            if p.gender == "F"
            and p.relation == "DAUGHTER"
            and 18 <= p.age <= 32
            and p.marital in ("NEVER", "")
        ]

    def run(self) -> None:
        self.build_geography()
        same_each, combos, different_each = self.plan()
        pairs = same_each * len(SAME_KINDS) + combos + different_each * len(DIFFERENT_KINDS)
        floor = self.target - MOST_ADDED_PER_PAIR * pairs
        if floor < self.target // 2:
            raise ValueError(f"{self.target} members are too few for {pairs} labelled pairs")
        while self.count < floor:
            self.base_family()
        self.index()
        builders: dict[str, Callable[[], bool]] = {
            "siblings": self.siblings,
            "twins": self.twins,
            "father_son_same_name": self.father_son_same_name,
            "namesakes_village": self.namesakes_village,
            "cousins": self.cousins,
        }
        for kind in DIFFERENT_KINDS:
            for _ in range(different_each):
                if not builders[kind]():
                    raise RuntimeError(f"no more {kind} pairs in this population")
        for kind in SAME_KINDS:
            for _ in range(same_each):
                if not self.same_pair((kind,), kind):
                    raise RuntimeError(f"no more {kind} pairs in this population")
        made = 0
        for _ in range(combos * 20):
            kinds = self.combo()
            if self.same_pair(kinds, "combo:" + "+".join(kinds)):
                made += 1
                if made == combos:
                    break
        while self.count < self.target:  # ordinary households up to the size asked for
            self.base_family()
        last = self.families[-1]
        while self.count > self.target and len(last.members) > 1 and last.base:
            last.members.pop()
            self.count -= 1

    # -- files ----------------------------------------------------------------------------------

    def write(self, out: Path) -> None:
        geo = out / "geography"
        geo.mkdir(parents=True, exist_ok=True)
        divisions = {d.division_code: vocab.DIVISIONS[d.spec.division] for d in self.districts}
        _write(
            geo / "1_states.csv", [["state_code", "state_name_en", "state_name_hi"], list(STATE)]
        )
        _write(
            geo / "2_divisions.csv",
            [["division_code", "division_name_en", "division_name_hi", "state_code"]]
            + [[code, e.lat, e.dev, STATE[0]] for code, e in sorted(divisions.items())],
        )
        _write(
            geo / "3_districts.csv",
            [["district_code", "district_name_en", "district_name_hi", "division_code"]]
            + [[d.code, d.spec.lat, d.spec.dev, d.division_code] for d in self.districts],
        )
        bodies = [b for d in self.districts for b in d.bodies]
        _write(
            geo / "4_local_bodies.csv",
            [
                [
                    "local_body_code",
                    "local_body_name_en",
                    "local_body_name_hi",
                    "local_body_type",
                    "district_code",
                ]
            ]
            + [[b.code, b.lat, b.dev, b.kind, b.district.code] for b in bodies],
        )
        _write(
            geo / "5_areas.csv",
            [["area_code", "area_name_en", "area_name_hi", "area_type", "local_body_code"]]
            + [[a.code, a.lat, a.dev, a.kind, a.body.code] for a in self.areas],
        )
        _write(
            geo / "6_villages.csv",
            [["village_code", "village_name_en", "village_name_hi", "area_code"]]
            + [[vil.code, vil.lat, vil.dev, a.code] for a in self.areas for vil in a.villages],
        )
        families = sorted(
            (f for f in self.families if f.members),
            key=lambda f: (
                f.place.area.code,
                f.place.village.code if f.place.village else "",
                f.family_id,
            ),
        )
        _write(
            out / "families.csv",
            [FAMILY_HEADER]
            + [
                [
                    f.family_id,
                    f.place.area.code,
                    f.place.village.code if f.place.village else "",
                    f.house,
                    f.locality,
                    f.pin,
                ]
                for f in families
            ],
        )
        _write(
            out / "members.csv", [MEMBER_HEADER] + [m.row() for f in families for m in f.members]
        )
        _write(
            out / "labels.csv",
            [LABEL_HEADER]
            + [[lb.first.member_id, lb.other.member_id, lb.label, lb.kind] for lb in self.labels],
        )


def _write(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


@dataclass(frozen=True)
class Summary:
    families: int
    members: int
    kinds: dict[str, int]


def generate(out: Path, seed: int = 7, members: int = DEFAULT_MEMBERS) -> Summary:
    """Write the geography, families.csv, members.csv and labels.csv into ``out``."""
    generator = Generator(seed, members)
    generator.run()
    generator.write(out)
    kinds = Counter(lb.kind for lb in generator.labels)
    return Summary(
        families=sum(1 for f in generator.families if f.members),
        members=generator.count,
        kinds=dict(kinds),
    )
