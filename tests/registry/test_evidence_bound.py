"""The duplicate check skips comparing the names of a pair that cannot be shown whatever its
names (registry.matching.evidence_bound): the bound must never be below the evidence."""

import random
from datetime import date

from registry.matching import Person, bits_of, evidence, evidence_bound, name_bits_bound, score
from registry.names import TOTAL, WordCounts, name_words

NAMES = [
    "Ramesh Kumar Yadav",
    "Ramesh Yadav",
    "Rames Yadaw",
    "R. K. Yadav",
    "Yadav Ramesh",
    "Sunita Devi",
    "Sunita Patel",
    "Sunita",
    "Smt. Sunita Bai Patel",
    "सुनीता पटेल",
    "Geeta Sharma",
    "Gita Sharma",
    "Kashidulari Lodhi",
    "Kamlabai",
    "Md. Salim Khan",
    "Mohd Salim",
    "Akhilesh Kumar Dohare",
    "Akhilesh Dohare",
    "Anju",
    "Anju Devi",
]
RELATIVES = ["", "Ram Prasad Yadav", "Ramprasad Yadav", "Hari Lal Patel", "Salim Khan", "Mohan"]
DATES = [
    None,
    date(1980, 1, 1),
    date(1980, 5, 1),
    date(1980, 1, 5),
    date(1981, 5, 1),
    date(1982, 5, 1),
    date(1990, 7, 9),
]
COUNTS = WordCounts(
    {
        TOTAL: 1_000_000,
        "ramesh": 9_000,
        "kumar": 60_000,
        "yadav": 40_000,
        "sunita": 12_000,
        "devi": 80_000,
        "patel": 30_000,
        "geeta": 8_000,
        "sharma": 25_000,
        "salim": 3_000,
        "khan": 20_000,
        "ram": 30_000,
        "prasad": 50_000,
        "lal": 45_000,
    }
)


def _person(rng: random.Random, gender: str) -> Person:
    born = rng.choice(DATES)
    return Person(
        names=tuple({name_words(rng.choice(NAMES)) for _ in range(rng.randint(1, 2))}),
        relative=name_words(rng.choice(RELATIVES)),
        gender=gender,
        date_of_birth=born,
        birth_year=born.year if born else rng.choice([None, 1980, 1983]),
        mobile=rng.choice(["", "9876543210", "9123456780"]),
        district_id=rng.randint(1, 2),
        local_body_id=rng.randint(1, 3),
        area_id=rng.randint(1, 4),
        village_id=rng.choice([None, 1, 2]),
        married=rng.choice([None, True, False]),
        family_id=rng.choice([None, 1, 2]),
    )


def test_the_bound_is_never_below_the_evidence():
    rng = random.Random(7)
    for counts in (COUNTS, None):
        for _ in range(3_000):
            gender = rng.choice("MF")
            a, b = _person(rng, gender), _person(rng, gender)
            bound = evidence_bound(a, b, counts, name_bits_bound(a, counts))
            assert bound >= evidence(a, b, counts)[0] - 1e-9, (a, b)


def test_a_pair_below_the_shown_bits_scores_below_the_threshold():
    rng = random.Random(8)
    for _ in range(2_000):
        a, b = _person(rng, "M"), _person(rng, "M")
        total, _details = score(a, b, COUNTS)
        assert (total >= 25) == (evidence(a, b, COUNTS)[0] >= bits_of(25))
