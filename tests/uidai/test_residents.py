"""The sandbox's seeded residents: valid, distinct, and matching the demo families."""

from stdnum.in_ import aadhaar

from identity.uidai.residents import RESIDENTS, resident_by_aadhaar, sandbox_aadhaar
from portal.management.commands.seed_demo import FAMILIES
from registry.names import name_match_score


def test_every_resident_has_a_valid_distinct_aadhaar_number():
    numbers = [r.aadhaar for r in RESIDENTS]

    assert all(aadhaar.is_valid(n) for n in numbers)
    assert len(set(numbers)) == len(numbers)
    assert len({r.key for r in RESIDENTS}) == len(RESIDENTS)


def test_the_numbers_are_generated_the_same_way_every_time():
    assert sandbox_aadhaar(1) == sandbox_aadhaar(1) == RESIDENTS[0].aadhaar
    assert resident_by_aadhaar(sandbox_aadhaar(3)) is RESIDENTS[2]


def test_most_residents_are_members_of_the_demo_families():
    demo = [member for family in FAMILIES for member in family]

    matched = [
        r
        for r in RESIDENTS
        if any(
            name_match_score(r.name, en) >= 85
            and name_match_score(r.name_local, hi) >= 85
            and r.gender == gender
            and r.year_of_birth == year
            for hi, en, gender, _relation, year in demo
        )
    ]

    assert len(matched) >= 8
    assert "Ramesh Kumar" in [r.name for r in matched]


def test_the_special_cases_are_there():
    assert sum(r.biometrics_locked for r in RESIDENTS) == 1
    assert sum(r.biometric_never_matches for r in RESIDENTS) == 1
    assert sum(r.times_out for r in RESIDENTS) == 1
    assert [r.fails_with for r in RESIDENTS if r.fails_with] == ["999"]
