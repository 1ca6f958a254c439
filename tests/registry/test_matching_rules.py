"""What the shared model (registry.matching) makes of a few telling pairs."""

from dataclasses import replace
from datetime import date

from registry.matching import LIKELY, Person, score
from registry.names import name_words

KAMLA = Person(
    names=(name_words("Kamla Upadhyay"),),
    relative=name_words("Rajesh Upadhyay"),
    gender="F",
    date_of_birth=None,
    birth_year=None,
    mobile="9827082876",
    district_id=1,
    local_body_id=1,
    area_id=1,
    village_id=1,
    family_id=7,
)
SANTOSH = Person(
    names=(name_words("Santosh Sen"),),
    relative=name_words("Sunil Sen"),
    gender="M",
    date_of_birth=None,
    birth_year=2020,
    mobile="",
    district_id=1,
    local_body_id=1,
    area_id=1,
    village_id=1,
)


def test_two_places_in_one_family_are_two_people_even_with_one_name():
    # a mother (the head's son's wife) and her granddaughter named after her
    mother = replace(KAMLA, relation="DIL")
    granddaughter = replace(KAMLA, relation="GRANDCHILD", birth_year=2011)
    assert score(mother, granddaughter)[0] < 25
    # the same person entered twice in one family: one relation, or "other"
    assert score(mother, replace(KAMLA, relation="OTHER"))[0] >= LIKELY
    assert score(mother, replace(KAMLA, relation="DIL"))[0] >= LIKELY


def test_another_district_says_less_than_the_same_village_and_a_date_makes_up_for_it():
    elsewhere = replace(SANTOSH, district_id=2, local_body_id=2, area_id=2, village_id=2)
    same_district = replace(elsewhere, district_id=1)
    assert score(SANTOSH, elsewhere)[0] < score(SANTOSH, same_district)[0]
    assert score(SANTOSH, same_district)[0] < score(SANTOSH, replace(SANTOSH, area_id=3))[0]
    # with the same date of birth, the person who moved is found
    born = date(2020, 8, 4)
    moved = score(replace(SANTOSH, date_of_birth=born), replace(elsewhere, date_of_birth=born))
    assert moved[0] >= LIKELY


def test_two_full_dates_of_one_year_that_differ_say_less_than_the_year_alone():
    a = replace(SANTOSH, date_of_birth=date(2020, 8, 4), area_id=2, village_id=2)
    b = replace(SANTOSH, date_of_birth=date(2020, 3, 23))
    year_only = replace(SANTOSH, date_of_birth=None)
    assert score(a, b)[0] < score(replace(a, date_of_birth=None), year_only)[0]


def test_a_woman_who_may_have_married_loses_little_by_another_district():
    man = replace(SANTOSH, birth_year=1990)
    woman = replace(man, gender="F", names=(name_words("Sunita Sen"),))
    away = {"district_id": 2, "local_body_id": 2, "area_id": 2, "village_id": 2}
    man_drop = score(man, replace(man, village_id=1))[0] - score(man, replace(man, **away))[0]
    woman_drop = (
        score(woman, replace(woman, village_id=1))[0] - score(woman, replace(woman, **away))[0]
    )
    assert woman_drop < man_drop
