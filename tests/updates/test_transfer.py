"""Member transfer: a person moves into another registered family with their Member ID, e-KYC
and history; the receiving area's local body decides; bad input is refused, nothing changed."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from audit.models import AuditEvent
from identity.models import MemberEkyc
from registry.models import FamilyStatus, MaritalStatus, Member, MemberStatus, Relation
from sms.models import SmsKind, SmsMessage
from tests import factories as f
from tests.citizen.support import ekyc_with_linked_mobile
from tests.updates.shape_support import child, pooja, transfer, transfer_data
from tests.updates.support import member, verma_family
from updates.models import ChangeKind, ChangeRequest, ChangeStatus
from updates.services import change_request_approve, change_request_submit


def _refused(world, into, moving, **changes) -> dict[str, list[str]]:
    before = (ChangeRequest.objects.count(), moving.family_id, moving.relation)
    with pytest.raises(ValidationError) as error:
        transfer(world.alice, into, moving, **changes)
    moving.refresh_from_db()
    assert (ChangeRequest.objects.count(), moving.family_id, moving.relation) == before
    if hasattr(error.value, "error_dict"):
        return error.value.message_dict
    return {"__all__": error.value.messages}


def test_a_transfer_waits_for_the_receiving_local_body_and_then_moves_her(world):
    # given Pooja, registered with her father in b1, e-KYC done, and the Vermas of a1
    vermas = verma_family(world)
    bride = ekyc_with_linked_mobile(pooja(world.b1), mobile="9876500010")
    parents = bride.family

    # when alice (the Vermas' official) asks, and carol (their local body) approves
    change = transfer(world.alice, vermas, bride)
    assert change.status == ChangeStatus.PENDING and change.holder == world.carol
    assert change.member == bride and change.other_family == parents
    bride.refresh_from_db()
    assert bride.family == parents  # nothing moves before the decision
    change_request_approve(actor=world.carol, change=change)

    # then she is a Verma with the same Member ID, e-KYC and linked mobile
    moved = Member.objects.get(pk=bride.pk)
    assert moved.member_id == bride.member_id and moved.family == vermas
    assert moved.relation == Relation.DAUGHTER_IN_LAW
    assert moved.marital_status == MaritalStatus.MARRIED
    assert member(vermas, "Ravi Verma").marital_status == MaritalStatus.MARRIED
    assert MemberEkyc.objects.filter(member=moved).exists()
    assert moved.local_body_id == world.a1.local_body_id
    assert list(parents.members.values_list("name_en", flat=True)) == ["Ramesh Sharma"]


def test_her_history_says_where_she_came_from_and_went(world):
    vermas = verma_family(world)
    bride = pooja(world.b1)
    parents = bride.family
    change = change_request_approve(actor=world.carol, change=transfer(world.alice, vermas, bride))

    moved = AuditEvent.objects.get(event_type="member.moved", subject_id=str(bride.pk))
    assert moved.changes["family_id"] == [parents.family_id, vermas.family_id]
    assert moved.changes["change_request"] == [None, change.number]
    left = AuditEvent.objects.get(
        event_type="change.applied", subject_type="registry.Family", subject_id=str(parents.pk)
    )
    assert left.changes["member_left"] == [bride.member_id, None]
    assert left.changes["to_family"] == [None, vermas.family_id]
    joined = AuditEvent.objects.get(
        event_type="change.applied", subject_type="registry.Family", subject_id=str(vermas.pk)
    )
    assert joined.changes["member_joined"] == [None, bride.member_id]


def test_both_families_hear_of_the_request_and_of_the_decision(world):
    vermas = verma_family(world)
    bride = pooja(world.b1)
    change = transfer(world.alice, vermas, bride)
    asked = SmsMessage.objects.filter(kind=SmsKind.CHANGE_REQUESTED)
    assert sorted(asked.values_list("mobile", flat=True)) == ["9876500001", "9876500009"]

    change_request_approve(actor=world.carol, change=change)
    done = SmsMessage.objects.filter(kind=SmsKind.CHANGE_APPLIED)
    assert sorted(done.values_list("mobile", flat=True)) == ["9876500001", "9876500009"]
    assert all(change.number in m.text for m in done)


def test_a_transfer_is_verified_even_when_the_setting_lists_no_kind(world, settings):
    settings.UPDATES_VERIFIED_KINDS = []
    change = transfer(world.alice, verma_family(world), pooja(world.b1))
    assert change.status == ChangeStatus.PENDING


def test_a_deceased_member_is_not_transferred(world):
    bride = pooja(world.b1)
    Member.objects.filter(pk=bride.pk).update(is_deceased=True, date_of_death=date(2024, 1, 1))
    bride.refresh_from_db()
    errors = _refused(world, verma_family(world), bride)
    assert "death is recorded" in errors["member_id"][0]


def test_a_retired_member_id_is_refused_naming_the_one_in_use(world):
    bride = pooja(world.b1)
    survivor = f.MemberFactory(family=bride.family, relation=Relation.DAUGHTER)
    Member.objects.filter(pk=bride.pk).update(status=MemberStatus.MERGED, merged_into=survivor)
    bride.refresh_from_db()
    errors = _refused(world, verma_family(world), bride)
    assert f"merged into {survivor.member_id}" in errors["member_id"][0]


def test_an_inactive_member_is_refused(world):
    bride = pooja(world.b1)
    Member.objects.filter(pk=bride.pk).update(status=MemberStatus.INACTIVE)
    bride.refresh_from_db()
    assert "inactive" in _refused(world, verma_family(world), bride)["member_id"][0]


def test_nobody_is_transferred_into_a_retired_family(world):
    vermas = verma_family(world)
    vermas.status, vermas.merged_into = FamilyStatus.MERGED, world.family_a1
    vermas.save()
    errors = _refused(world, vermas, pooja(world.b1), spouse="")
    assert f"merged into {world.family_a1.family_id}" in errors["__all__"][0]


def test_a_member_is_not_transferred_into_their_own_family(world):
    vermas = verma_family(world)
    ravi = member(vermas, "Ravi Verma")
    errors = _refused(world, vermas, ravi, relation=Relation.SON, spouse="")
    assert "already a member of this family" in errors["member_id"][0]


def test_both_ids_must_belong_together(world):
    bride = pooja(world.b1)
    vermas = verma_family(world)
    data = transfer_data(bride, vermas, from_family=world.family_x1.family_id)
    with pytest.raises(ValidationError) as error:
        change_request_submit(actor=world.alice, family=vermas, kind=ChangeKind.TRANSFER, data=data)
    assert "has no member with Member ID" in error.value.message_dict["member_id"][0]


def test_the_last_living_member_does_not_leave_a_family_empty(world):
    alone = f.MemberFactory(
        family=f.FamilyFactory(area=world.b1),
        gender="F",
        relation=Relation.HEAD,
        date_of_birth=date(1990, 1, 1),
    )
    errors = _refused(world, verma_family(world), alone)
    assert "without a living member" in errors["member_id"][0]


def test_the_only_adult_does_not_leave_children_alone(world):
    bride = pooja(world.b1)
    parents = bride.family
    parents.members.filter(name_en="Ramesh Sharma").update(
        is_deceased=True, date_of_death=date(2024, 1, 1)
    )
    child(parents)
    errors = _refused(world, verma_family(world), bride)
    assert "children only" in errors["member_id"][0]


def test_the_head_moves_only_after_another_head_is_recorded(world):
    bride = pooja(world.b1)
    ramesh = bride.family.members.get(name_en="Ramesh Sharma")
    errors = _refused(world, verma_family(world), ramesh, relation=Relation.OTHER, spouse="")
    assert "is the head of family" in errors["member_id"][0]


def test_the_receiving_family_keeps_exactly_one_head(world):
    errors = _refused(
        world, verma_family(world), pooja(world.b1), relation=Relation.HEAD, spouse=""
    )
    assert "exactly one head" in errors["relation"][0]


def test_a_parent_of_the_head_is_older_than_the_head(world):
    # Pooja (born 2004) cannot be the mother of Ajay (born 1980)
    errors = _refused(
        world, verma_family(world), pooja(world.b1), relation=Relation.MOTHER, spouse=""
    )
    assert "a parent is at least" in " ".join(errors["__all__"] + errors.get("relation", []))


def test_a_member_asked_for_twice_is_refused_while_the_first_waits(world):
    bride = pooja(world.b1)
    first = transfer(world.alice, verma_family(world), bride)
    other = f.FamilyFactory(area=world.a2)
    f.MemberFactory(family=other, relation=Relation.HEAD, date_of_birth=date(1970, 1, 1))
    errors = _refused(world, other, bride, relation=Relation.DAUGHTER_IN_LAW, spouse="")
    assert first.number in errors["__all__"][0]


def test_the_second_of_two_transfers_finds_her_gone(world):
    # given two requests for Pooja, the second made while the first was being decided elsewhere
    bride = pooja(world.b1)
    vermas = verma_family(world)
    second_family = f.FamilyFactory(area=world.a2)
    f.MemberFactory(family=second_family, relation=Relation.HEAD, date_of_birth=date(1970, 1, 1))
    second = transfer(world.alice, second_family, bride, spouse="")
    ChangeRequest.objects.filter(pk=second.pk).update(status=ChangeStatus.REJECTED)
    first = transfer(world.alice, vermas, bride)
    ChangeRequest.objects.filter(pk=second.pk).update(status=ChangeStatus.PENDING)
    change_request_approve(actor=world.carol, change=first)

    # when the second is approved, then it is refused with a reason and nothing moves
    with pytest.raises(ValidationError) as error:
        change_request_approve(actor=world.carol, change=second)
    assert "has no member with Member ID" in error.value.messages[0]
    bride.refresh_from_db()
    assert bride.family == vermas
    second.refresh_from_db()
    assert second.status == ChangeStatus.PENDING


def test_the_sending_local_body_cannot_decide(world):
    bride = pooja(world.x1)
    change = transfer(world.alice, verma_family(world), bride)
    with pytest.raises(PermissionDenied):
        change_request_approve(actor=world.dave, change=change)
    bride.refresh_from_db()
    assert bride.family.area == world.x1


def test_the_receiving_officers_own_request_applies_at_once(world):
    change = transfer(world.carol, verma_family(world), pooja(world.x1))
    assert change.status == ChangeStatus.APPROVED and change.decided_by == world.carol
