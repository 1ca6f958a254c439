"""The sweep's own rules over the model it shares with the check (scale.sweep.score_rows): what
keeps two namesakes out of a group, and what a household's own mobile adds."""

from dataclasses import replace
from datetime import date

from django.utils import timezone

from registry import matching
from registry.matching import Person
from registry.names import WordCounts
from scale import sweep_rules as rules


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
    assert rules.life_stages_differ(wife, daughter)
    assert not rules.life_stages_differ(wife, replace(daughter, birth_year=1990))


def test_two_full_dates_that_differ_are_two_people_unless_a_slip() -> None:
    a = _person(date_of_birth=date(1990, 3, 14))
    b = _person(family_id=2, date_of_birth=date(1990, 8, 2))
    _bits, details = matching.evidence(a, b)
    assert rules.dates_differ(a, b, details)
    slip = replace(b, date_of_birth=date(1991, 3, 14))  # the year mistyped
    _bits, details = matching.evidence(a, slip)
    assert not rules.dates_differ(a, slip, details)
    # 1 January is a year only, not a date that contradicts another.
    placeholder = replace(b, date_of_birth=date(1990, 1, 1))
    _bits, details = matching.evidence(a, placeholder)
    assert not rules.dates_differ(a, placeholder, details)


def test_a_year_apart_confirms_in_one_local_body_only() -> None:
    assert rules.confirmed({"age": 60, "place": 60})
    assert rules.confirmed({"age": 60, "place": 100})
    assert not rules.confirmed({"age": 60, "place": 30})
    assert rules.confirmed({"age": 80, "place": 0})
    assert not rules.confirmed({"place": 60})  # no birth: only in one village


def test_a_households_own_mobile_counts_more_than_a_kiosks() -> None:
    a = _person(mobile="9876543210")
    b = _person(family_id=2, mobile="9876543210")
    assert rules.sweep_bits(a, b, frozenset()) == rules.MOBILE_OWN
    assert rules.sweep_bits(a, b, frozenset({"9876543210"})) == 0.0


def test_the_relatives_given_names_differing_under_one_surname_are_two_men() -> None:
    a = _person(relative=("rajes", "sahu"))
    b = _person(family_id=2, relative=("rames", "sahu"))
    # Rajesh and Ramesh, both common in the register, are two names; a rare one a slip.
    both = WordCounts({"rajes": 500, "rames": 800, "sahu": 900, "*": 10**5})
    assert rules.relatives_differ(a, b, both)
    assert not rules.relatives_differ(a, b, WordCounts({"rajes": 500, "sahu": 900, "*": 10**5}))
    assert not rules.relatives_differ(a, replace(b, relative=("rajes", "kumar", "sahu")), both)
    assert not rules.relatives_differ(a, replace(b, relative=("r", "sahu")), both)  # an initial
    assert not rules.relatives_differ(a, replace(b, relative=("rajes",)), both)


def test_a_pair_among_many_alike_needs_more() -> None:
    assert rules.crowd_bits(1, 2) == 0.0  # alike to nobody else
    assert rules.crowd_bits(2, 2) == 0.0
    assert rules.crowd_bits(3, 2) == 1.0  # one of two others alike
    assert rules.crowd_bits(2, 9) == 3.0  # the larger crowd counts
    assert rules.crowd_bits(17, 17) == 4.0


def test_the_register_counts_each_persons_namesakes() -> None:
    """The crowd: one gender, given word and relative's word, born within a year or undated."""
    import duckdb

    people = [
        # id, gender, given, relative, year
        (1, "M", "gopal", "asok", 1980),
        (2, "M", "gopal", "asok", 1981),  # a year apart: alike
        (3, "M", "gopal", "asok", 1983),  # three years: not alike to 1
        (4, "M", "gopal", "asok", None),  # undated: alike to everyone of the name
        (5, "F", "gopal", "asok", 1980),  # another gender
        (6, "M", "gopal", "ramesh", 1980),  # another father
        (7, "M", "", "", None),  # no name word: alone
    ]
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE people (unique_id INTEGER, gender VARCHAR, given_word VARCHAR, "
        "relative_word VARCHAR, birth_year INTEGER, family_id INTEGER, relation VARCHAR)"
    )
    con.executemany(
        "INSERT INTO people VALUES (?, ?, ?, ?, ?, ?, 'HEAD')", [(*p, p[0]) for p in people]
    )
    con.execute(rules.CROWD_SQL)
    crowd = dict(con.execute("SELECT unique_id, crowd FROM people").fetchall())
    assert crowd == {1: 3, 2: 3, 3: 2, 4: 4, 5: 1, 6: 1, 7: 1}


def test_first_word_skips_honorifics_initials_and_joining_words() -> None:
    assert rules.first_word("Smt. Kamlabai Yadav") == "kamla"
    assert rules.first_word("R. K. Sharma") == "sarma"
    assert rules.first_word("Kumari Sita") == "sita"


def test_twins_are_two_people_and_one_child_entered_twice_is_not() -> None:
    born = date(2013, 9, 22)
    mintu = _person(names=(("mintu", "dhurve"), ("mintu", "dhurve")), date_of_birth=born)
    chintu = replace(mintu, names=(("chintu", "dhurve"), ("cintu", "dhurve")))
    assert rules.twins(mintu, chintu, None)
    assert rules.kept_apart(mintu, chintu, matching.evidence(mintu, chintu)[1], None)
    # one name written twice: a dropped letter, or the same word
    assert not rules.twins(mintu, replace(mintu, names=(("mintu",), ("mntu",))), None)
    assert not rules.twins(mintu, mintu, None)
    # not a full date in both, or not one family: the rule says nothing
    assert not rules.twins(mintu, replace(chintu, date_of_birth=date(2013, 1, 1)), None)
    assert not rules.twins(replace(mintu, date_of_birth=date(2013, 1, 1)), chintu, None)
    assert not rules.twins(mintu, replace(chintu, date_of_birth=None), None)
    assert not rules.twins(mintu, replace(chintu, family_id=2), None)
    assert not rules.twins(mintu, replace(chintu, date_of_birth=date(2013, 9, 23)), None)


def test_far_apart_a_year_of_birth_alone_does_not_group() -> None:
    here = _person(date_of_birth=date(1984, 7, 27), birth_year=1984)
    # another local body: one full date against a year only
    there = _person(
        family_id=2, local_body_id=2, area_id=2, village_id=2, date_of_birth=None, birth_year=1984
    )
    details = matching.evidence(here, there)[1]
    assert rules.far_on_a_year(here, there, details)
    assert rules.kept_apart(here, there, details, None)
    # a mobile number they share, or both dates full and alike: the rule says nothing
    assert not rules.far_on_a_year(
        replace(here, mobile="9826012345"), replace(there, mobile="9826012345"), details
    )
    dated = replace(there, date_of_birth=date(1984, 7, 27))
    assert not rules.far_on_a_year(here, dated, matching.evidence(here, dated)[1])
    # in one local body, or years alone within one district: nothing either
    home = replace(there, local_body_id=1)
    assert not rules.far_on_a_year(here, home, matching.evidence(here, home)[1])
    years = replace(here, date_of_birth=None)
    assert not rules.far_on_a_year(years, there, matching.evidence(years, there)[1])
    # years alone, two districts
    away = replace(there, district_id=2, local_body_id=2)
    assert rules.far_on_a_year(years, away, matching.evidence(years, away)[1])
