"""The sweep's own rules over the model it shares with the check (scale.sweep.score_rows): what
keeps two namesakes out of a group, and what a household's own mobile adds."""

from dataclasses import replace
from datetime import date

from django.utils import timezone

from registry import matching
from registry.matching import Person
from scale import sweep


def _person(**changes: object) -> Person:
    base = Person(
        names=(("sunita", "yadav"),),
        relative=("rames", "yadav"),
        gender="F",
        date_of_birth=None,
        birth_year=1990,
        mobile="",
        district_id=1,
        local_body_id=1,
        area_id=1,
        village_id=1,
        family_id=1,
        relation="HEAD",
        married=None,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def test_a_married_person_and_a_child_of_one_name_are_two_people() -> None:
    child_year = timezone.now().year - 8
    wife = _person(married=True, relation="SPOUSE", birth_year=None)
    daughter = _person(family_id=2, married=False, relation="DAUGHTER", birth_year=child_year)
    assert sweep._life_stages_differ(wife, daughter)
    assert not sweep._life_stages_differ(wife, replace(daughter, birth_year=1990))


def test_two_full_dates_that_differ_are_two_people_unless_a_slip() -> None:
    a = _person(date_of_birth=date(1990, 3, 14))
    b = _person(family_id=2, date_of_birth=date(1990, 8, 2))
    _bits, details = matching.evidence(a, b)
    assert sweep._dates_differ(a, b, details)
    slip = replace(b, date_of_birth=date(1991, 3, 14))  # the year mistyped
    _bits, details = matching.evidence(a, slip)
    assert not sweep._dates_differ(a, slip, details)
    # 1 January is a year only, not a date that contradicts another.
    placeholder = replace(b, date_of_birth=date(1990, 1, 1))
    _bits, details = matching.evidence(a, placeholder)
    assert not sweep._dates_differ(a, placeholder, details)


def test_a_year_apart_confirms_in_one_local_body_only() -> None:
    assert sweep._confirmed({"age": 60, "place": 60})
    assert sweep._confirmed({"age": 60, "place": 100})
    assert not sweep._confirmed({"age": 60, "place": 30})
    assert sweep._confirmed({"age": 80, "place": 0})
    assert not sweep._confirmed({"place": 60})  # no birth: only in one village


def test_a_households_own_mobile_counts_more_than_a_kiosks() -> None:
    a = _person(mobile="9876543210")
    b = _person(family_id=2, mobile="9876543210")
    sweep._use_counts(sweep.WordCounts(), shared=frozenset())
    assert sweep._sweep_bits(a, b) == sweep.MOBILE_OWN
    sweep._use_counts(sweep.WordCounts(), shared=frozenset({"9876543210"}))
    assert sweep._sweep_bits(a, b) == 0.0
    sweep._use_counts(sweep.WordCounts())


def test_the_relatives_given_names_differing_under_one_surname_are_two_men() -> None:
    a = _person(relative=("rajes", "sahu"))
    b = _person(family_id=2, relative=("rames", "sahu"))
    # Rajesh and Ramesh, both common in the register, are two names; a rare one a slip.
    sweep._use_counts(sweep.WordCounts({"rajes": 500, "rames": 800, "sahu": 900, "*": 10**5}))
    assert sweep._relatives_differ(a, b)
    sweep._use_counts(sweep.WordCounts({"rajes": 500, "sahu": 900, "*": 10**5}))
    assert not sweep._relatives_differ(a, b)
    sweep._use_counts(sweep.WordCounts({"rajes": 500, "rames": 800, "sahu": 900, "*": 10**5}))
    assert not sweep._relatives_differ(a, replace(b, relative=("rajes", "kumar", "sahu")))
    assert not sweep._relatives_differ(a, replace(b, relative=("r", "sahu")))  # an initial
    assert not sweep._relatives_differ(a, replace(b, relative=("rajes",)))
    sweep._use_counts(sweep.WordCounts())
