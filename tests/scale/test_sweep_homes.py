"""The sweep reads whom a record shows the person living with (scale.sweep_rules.homes_differ):
two namesakes, each with a wife or a mother of their own, are two people; one household
entered twice is still found, its people pair by pair."""

from datetime import date

import pytest

from registry.models import Gender, Relation
from scale import sweep_rules as rules
from scale.sweep import run
from tests import factories as f

pytestmark = pytest.mark.django_db


def _household(area, head: tuple[str, str], wife: tuple[str, str] | None, son: tuple[str, str]):
    family = f.FamilyFactory(area=area)
    man = f.MemberFactory(
        family=family,
        name_en=head[0],
        name_hi=head[1],
        gender=Gender.MALE,
        relation=Relation.HEAD,
        birth_year=1978,
        date_of_birth=date(1978, 3, 14),
        father_or_husband_name="Mohan Lal Patidar",
        mobile="",
    )
    if wife is not None:
        f.MemberFactory(
            family=family,
            name_en=wife[0],
            name_hi=wife[1],
            gender=Gender.FEMALE,
            relation=Relation.SPOUSE,
            birth_year=1982,
            date_of_birth=None,
            father_or_husband_name=head[0],
            mobile="",
        )
    boy = f.MemberFactory(
        family=family,
        name_en=son[0],
        name_hi=son[1],
        gender=Gender.MALE,
        relation=Relation.SON,
        birth_year=2005,
        date_of_birth=date(2005, 8, 2),
        father_or_husband_name=head[0],
        mobile="",
    )
    return man, boy


def _together(result, a, b) -> bool:
    return any({a.pk, b.pk} <= set(cluster) for cluster in result.clusters)


def test_namesakes_with_wives_of_their_own_are_two_people() -> None:
    area = f.AreaFactory()
    ramesh = ("Ramesh Patidar", "रमेश पाटीदार")
    one, _ = _household(area, ramesh, ("Sunita Patidar", "सुनीता पाटीदार"), ("Raju", "राजू"))
    two, _ = _household(area, ramesh, ("Kamla Patidar", "कमला पाटीदार"), ("Pappu", "पप्पू"))
    # The same two men, one without his wife on the record: nothing says two people.
    alone, _ = _household(area, ("Suresh Patidar", "सुरेश पाटीदार"), None, ("Golu", "गोलू"))
    wed, _ = _household(
        area, ("Suresh Patidar", "सुरेश पाटीदार"), ("Rekha Patidar", "रेखा पाटीदार"), ("Chhotu", "छोटू")
    )
    result = run()
    assert not _together(result, one, two)
    assert _together(result, alone, wed)


def test_one_household_entered_twice_is_found_whole() -> None:
    area = f.AreaFactory()
    ramesh = ("Ramesh Patidar", "रमेश पाटीदार")
    sunita = ("Sunita Patidar", "सुनीता पाटीदार")
    one, one_son = _household(area, ramesh, sunita, ("Raju Patidar", "राजू पाटीदार"))
    two, two_son = _household(
        area,
        ("Ramesh Patidaar", "रमेश पाटीदार"),
        ("Sunita Bai Patidar", "सुनीता बाई पाटीदार"),
        ("Raju Patidar", "राजू पाटीदार"),
    )
    result = run()
    assert _together(result, one, two)
    assert _together(result, one_son, two_son)


def test_homes_differ_on_another_spouse_or_mother_only() -> None:
    sunita = rules.Home(spouse=("sunita", 1982), mother=None)
    assert rules.homes_differ(sunita, rules.Home(spouse=("kamla", 1982), mother=None), None)
    assert rules.homes_differ(sunita, rules.Home(spouse=("sunita", 1960), mother=None), None)
    assert not rules.homes_differ(sunita, rules.Home(spouse=("sunita", 1980), mother=None), None)
    assert not rules.homes_differ(sunita, rules.Home(spouse=None, mother=("kamla", 1950)), None)
    assert not rules.homes_differ(sunita, rules.Home(spouse=("suneeta", None), mother=None), None)
