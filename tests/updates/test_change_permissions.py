"""Who may propose and who may decide: nobody outside the family's area or local body."""

import pytest
from django.core.exceptions import PermissionDenied

from tests import factories as f
from tests.updates.support import member, person_data, verma_family
from updates.models import ChangeKind, ChangeRequest, ChangeStatus
from updates.services import (
    change_request_approve,
    change_request_reject,
    change_request_submit,
)


def _correction(world, family, actor):
    ajay = member(family, "Ajay Verma")
    return change_request_submit(
        actor=actor,
        family=family,
        kind=ChangeKind.CORRECT_MEMBER,
        member=ajay,
        data=person_data(ajay, name_en="Ajay K Verma"),
    )


@pytest.mark.parametrize("persona", ["bob", "dave", "erin", "frank", "sam"])
def test_only_officials_of_the_family_area_or_local_body_propose(world, persona):
    family = verma_family(world)
    with pytest.raises(PermissionDenied):
        _correction(world, family, getattr(world, persona))
    assert not ChangeRequest.objects.exists()


def test_a_member_of_another_family_cannot_be_named(world):
    family = verma_family(world)
    stranger = world.family_x1.members.get()
    with pytest.raises(PermissionDenied):
        change_request_submit(
            actor=world.alice,
            family=family,
            kind=ChangeKind.DEATH,
            member=stranger,
            data={"date_of_death": "2025-01-01"},
        )


def test_a_deactivated_field_official_cannot_propose(world):
    world.alice.is_active = False
    world.alice.save()
    with pytest.raises(PermissionDenied):
        _correction(world, verma_family(world), world.alice)


@pytest.mark.parametrize("persona", ["alice", "bob", "dave", "erin", "frank", "sam"])
def test_only_the_local_body_officer_decides(world, persona):
    family = verma_family(world)
    change = _correction(world, family, world.alice)
    actor = getattr(world, persona)
    with pytest.raises(PermissionDenied):
        change_request_approve(actor=actor, change=change)
    with pytest.raises(PermissionDenied):
        change_request_reject(actor=actor, change=change, reason="no")
    change.refresh_from_db()
    assert change.status == ChangeStatus.PENDING


def test_another_officer_of_the_same_local_body_may_decide(world):
    colleague = f.local_body_officer(world.lb_a, user_id="carol2")
    change = _correction(world, verma_family(world), world.alice)
    assert change_request_approve(actor=colleague, change=change).status == ChangeStatus.APPROVED


def test_a_deactivated_officer_cannot_decide(world):
    change = _correction(world, verma_family(world), world.alice)
    world.carol.is_active = False
    world.carol.save()
    with pytest.raises(PermissionDenied):
        change_request_approve(actor=world.carol, change=change)
