"""Bad input: each refused with a message on its field, and nothing stored."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from registry.models import Member, Relation
from tests.updates.support import birth_data, member, newcomer_data, person_data, verma_family
from updates.models import ChangeKind, ChangeRequest
from updates.services import change_request_approve, change_request_submit

TOMORROW = lambda: (timezone.localdate() + timedelta(days=1)).isoformat()  # noqa: E731


def _refused(world, family, kind, data, member=None) -> dict[str, list[str]]:
    requests_before = ChangeRequest.objects.count()
    with pytest.raises(ValidationError) as error:
        change_request_submit(actor=world.alice, family=family, kind=kind, member=member, data=data)
    assert ChangeRequest.objects.count() == requests_before
    return error.value.message_dict


def test_a_death_before_birth_is_refused(world):
    family = verma_family(world)
    ravi = member(family, "Ravi Verma")
    errors = _refused(world, family, ChangeKind.DEATH, {"date_of_death": "2001-01-01"}, ravi)
    assert "before the date of birth" in errors["date_of_death"][0]


def test_a_death_in_the_future_is_refused(world):
    family = verma_family(world)
    errors = _refused(
        world, family, ChangeKind.DEATH, {"date_of_death": TOMORROW()}, member(family, "Ravi Verma")
    )
    assert "future" in errors["date_of_death"][0]


def test_a_death_needs_a_date(world):
    family = verma_family(world)
    errors = _refused(world, family, ChangeKind.DEATH, {}, member(family, "Ravi Verma"))
    assert errors["date_of_death"]


def test_a_death_is_recorded_once_and_the_member_stays(world):
    family = verma_family(world)
    ajay = member(family, "Ajay Verma")
    change = change_request_submit(
        actor=world.alice,
        family=family,
        kind=ChangeKind.DEATH,
        member=ajay,
        data={"date_of_death": "2025-03-01"},
    )
    change_request_approve(actor=world.carol, change=change)

    ajay.refresh_from_db()
    assert ajay.is_deceased and ajay.date_of_death.isoformat() == "2025-03-01"
    assert ajay.death_recorded_at is not None
    assert Member.objects.filter(pk=ajay.pk).exists()
    errors = _refused(world, family, ChangeKind.DEATH, {"date_of_death": "2025-03-02"}, ajay)
    assert "already recorded" in errors["date_of_death"][0]


def test_a_child_older_than_its_mother_is_refused(world):
    family = verma_family(world)
    data = birth_data(member(family, "Sunita Verma"), date_of_birth="1990-01-01")
    errors = _refused(world, family, ChangeKind.BIRTH, data)
    assert "cannot be the mother" in errors["date_of_birth"][0]


def test_a_birth_in_the_future_is_refused(world):
    family = verma_family(world)
    data = birth_data(member(family, "Sunita Verma"), date_of_birth=TOMORROW())
    errors = _refused(world, family, ChangeKind.BIRTH, data)
    assert "future" in errors["date_of_birth"][0]


def test_the_mother_is_a_woman_of_this_family(world):
    family = verma_family(world)
    other = world.family_b1.members.get()
    assert "mother" in _refused(world, family, ChangeKind.BIRTH, birth_data(other))
    ajay = member(family, "Ajay Verma")
    assert "mother" in _refused(world, family, ChangeKind.BIRTH, birth_data(ajay))


def test_a_birth_adds_a_member_with_a_valid_member_id_and_mother(world):
    family = verma_family(world)
    sunita = member(family, "Sunita Verma")
    change = change_request_submit(
        actor=world.alice, family=family, kind=ChangeKind.BIRTH, data=birth_data(sunita)
    )
    change = change_request_approve(actor=world.carol, change=change)

    child = change.new_member
    assert child is not None and child.mother == sunita and child.family == family
    from registry.ids import is_valid_member_id

    assert is_valid_member_id(child.member_id)
    assert child.relation == Relation.DAUGHTER and child.marital_status == "NEVER"


def test_an_invalid_mobile_is_refused(world):
    family = verma_family(world)
    ajay = member(family, "Ajay Verma")
    errors = _refused(
        world, family, ChangeKind.CORRECT_MEMBER, person_data(ajay, mobile="12345"), ajay
    )
    assert "mobile" in errors


def test_an_invalid_aadhaar_is_refused_and_a_valid_one_never_stored(world):
    family = verma_family(world)
    errors = _refused(
        world, family, ChangeKind.MISSED_MEMBER, newcomer_data(aadhaar="123412341234")
    )
    assert "aadhaar" in errors
    change = change_request_submit(
        actor=world.alice,
        family=family,
        kind=ChangeKind.MISSED_MEMBER,
        data=newcomer_data(aadhaar="234123412346"),
    )
    change_request_approve(actor=world.carol, change=change)
    assert "234123412346" not in str(Member.objects.filter(family=family).values())


def test_a_date_of_birth_in_the_future_is_refused_in_a_correction(world):
    family = verma_family(world)
    ravi = member(family, "Ravi Verma")
    errors = _refused(
        world, family, ChangeKind.CORRECT_MEMBER, person_data(ravi, date_of_birth=TOMORROW()), ravi
    )
    assert "future" in errors["date_of_birth"][0]


def test_a_correction_that_makes_a_son_older_than_his_parent_is_refused(world):
    family = verma_family(world)
    ravi = member(family, "Ravi Verma")
    errors = _refused(
        world,
        family,
        ChangeKind.CORRECT_MEMBER,
        person_data(ravi, date_of_birth="1979-01-01"),
        ravi,
    )
    assert "cannot be the child" in errors["date_of_birth"][0]


def test_a_second_head_is_refused(world):
    family = verma_family(world)
    errors = _refused(world, family, ChangeKind.MISSED_MEMBER, newcomer_data(relation="HEAD"))
    assert "exactly one head" in errors["relation"][0]


def test_a_correction_that_changes_nothing_is_refused(world):
    family = verma_family(world)
    ajay = member(family, "Ajay Verma")
    errors = _refused(world, family, ChangeKind.CORRECT_MEMBER, person_data(ajay), ajay)
    assert "Nothing was changed" in errors["__all__"][0]


def test_an_address_correction_stays_in_the_area(world):
    from tests import factories as f

    family = verma_family(world)
    elsewhere = f.VillageFactory(area=world.a2)
    errors = _refused(world, family, ChangeKind.CORRECT_FAMILY, {"village": elsewhere.pk})
    assert "migration" in errors["village"][0]
    errors = _refused(world, family, ChangeKind.CORRECT_FAMILY, {"pin_code": "0123"})
    assert "PIN" in errors["pin_code"][0]


def test_a_marriage_names_a_living_spouse_of_the_family(world):
    family = verma_family(world)
    ravi = member(family, "Ravi Verma")
    data = newcomer_data(
        name_en="Pooja Verma",
        name_hi="पूजा वर्मा",
        date_of_birth="2007-02-02",
        relation=Relation.DAUGHTER_IN_LAW,
        marital_status="",
    )
    assert "spouse" in _refused(world, family, ChangeKind.MARRIAGE, data)
    data["spouse"] = ravi.member_id
    data["date_of_marriage"] = "2000-01-01"
    assert "date_of_marriage" in _refused(world, family, ChangeKind.MARRIAGE, data)
    data["date_of_marriage"] = "2025-05-05"
    change = change_request_submit(
        actor=world.alice, family=family, kind=ChangeKind.MARRIAGE, data=data
    )
    change_request_approve(actor=world.carol, change=change)
    ravi.refresh_from_db()
    assert ravi.marital_status == "MARRIED"
    assert family.members.get(name_en="Pooja Verma").marital_status == "MARRIED"
