import pytest
from django.db import transaction
from stdnum import verhoeff

from registry import ids
from registry.models import Family
from tests import factories as f


def test_member_ids_are_nine_digits_with_a_valid_check_digit():
    for _ in range(2000):
        member_id = ids.random_member_id()
        assert ids.is_valid_member_id(member_id)
        assert verhoeff.is_valid(member_id)


def test_a_mistyped_member_id_fails_its_check_digit():
    member_id = ids.random_member_id()
    typo = member_id[:3] + str((int(member_id[3]) + 1) % 10) + member_id[4:]
    assert not ids.is_valid_member_id(typo)


def test_family_ids_are_eight_digits_without_a_leading_zero():
    assert all(ids.is_valid_family_id(ids.random_family_id()) for _ in range(2000))


def test_it_draws_again_when_an_id_is_taken(world):
    # given a family ID already in use, drawn first
    area = world.a1
    taken = world.family_a1.family_id
    draws = iter([taken, taken, "12345678"])

    # when a family is inserted with it
    with transaction.atomic():
        family = ids.insert_with_unique_id(
            lambda family_id: Family.objects.create(family_id=family_id, area=area),
            lambda: next(draws),
        )

    # then the unique index refused the taken ID, and the next free one was used
    assert family.family_id == "12345678"
    assert Family.objects.filter(family_id=taken).count() == 1


def test_it_gives_up_after_too_many_collisions_leaving_the_caller_intact(world):
    taken = world.family_a1.family_id
    with transaction.atomic():
        other = f.FamilyFactory(area=world.a2)
        with pytest.raises(ids.IdSpaceExhausted):
            ids.insert_with_unique_id(
                lambda family_id: Family.objects.create(family_id=family_id, area=world.a1),
                lambda: taken,
                attempts=3,
            )
        # the caller's transaction is still usable: only the tries were undone
        assert Family.objects.filter(pk=other.pk).exists()
