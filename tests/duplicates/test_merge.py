"""A confirmed duplicate merged: one Member ID survives, the other is retired, never deleted;
a wrong merge can be undone. Bad input is refused with a message saying what is wrong."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from audit.models import AuditEvent
from duplicates.models import CaseSource, CaseStatus
from duplicates.services import duplicate_merge, duplicate_merge_undo, survivor_in_reach
from registry.models import Gender, Member, MemberStatus
from registry.selectors import has_living_head
from sms.models import SmsKind, SmsMessage
from tests import factories as f
from tests.duplicates.support import AGAIN_MOBILE, merged, noticed, twins

pytestmark = pytest.mark.django_db


def _merge(world, member, survivor, reason="Same Aadhaar seen at the office"):
    return duplicate_merge(
        actor=world.carol,
        member=member,
        survivor=survivor,
        source=CaseSource.OFFICIAL,
        reason=reason,
    )


def _events(member):
    return list(
        AuditEvent.objects.filter(subject_type="registry.Member", subject_id=str(member.pk))
        .order_by("id")
        .values_list("event_type", flat=True)
    )


def test_it_retires_the_member_into_the_survivor(world):
    # given the same Ajay registered twice in carol's local body
    ajay, again = twins(world)
    members_before = Member.objects.count()

    # when carol merges the second into the first
    case = _merge(world, again, ajay)

    # then the second is retired, pointing to the first, and nothing is deleted
    again.refresh_from_db()
    assert again.status == MemberStatus.MERGED and again.merged_into == ajay
    assert case.status == CaseStatus.MERGED and case.survivor == ajay
    assert Member.objects.count() == members_before
    ajay.refresh_from_db()
    assert ajay.status == MemberStatus.ACTIVE


def test_both_histories_keep_the_merge_with_who_and_why(world):
    case, _again, ajay = merged(world)

    retired_row = AuditEvent.objects.get(event_type="member.merged")
    assert retired_row.actor == world.carol
    assert retired_row.changes["status"] == ["ACTIVE", "MERGED"]
    assert retired_row.changes["merged_into"] == [None, ajay.member_id]
    assert retired_row.changes["reason"] == [None, "Same Aadhaar seen at the office"]
    assert _events(ajay) == ["member.merge_kept"]
    assert str(case) in str(retired_row.changes["case"])


def test_the_retired_members_family_is_told_by_sms(world):
    _case, again, ajay = merged(world)

    sms = SmsMessage.objects.get(kind=SmsKind.MEMBER_MERGED)
    assert sms.mobile == AGAIN_MOBILE
    assert again.member_id in sms.text and ajay.member_id in sms.text


def test_a_retired_head_leaves_the_family_without_a_living_head(world):
    _case, again, ajay = merged(world)

    assert not has_living_head(list(again.family.members.all()))
    assert has_living_head(list(ajay.family.members.all()))


def test_it_refuses_members_of_different_genders(world):
    ajay, again = twins(world)
    again.gender = Gender.FEMALE
    again.save()

    with pytest.raises(ValidationError, match="different genders"):
        _merge(world, again, ajay)
    again.refresh_from_db()
    assert again.status == MemberStatus.ACTIVE


def test_it_refuses_a_merge_into_a_retired_member_and_says_where_it_went(world):
    _case, again, ajay = merged(world)
    third = f.MemberFactory(family=f.FamilyFactory(area=world.a2), gender=Gender.MALE)

    with pytest.raises(ValidationError) as refused:
        _merge(world, third, again)

    assert f"{again.member_id} was merged into {ajay.member_id}" in str(refused.value)


def test_it_refuses_to_merge_a_retired_member_again(world):
    _case, again, ajay = merged(world)
    third = f.MemberFactory(family=f.FamilyFactory(area=world.a2), gender=Gender.MALE)

    with pytest.raises(ValidationError, match=f"merged into {ajay.member_id}"):
        _merge(world, again, third)


def test_it_refuses_a_merge_into_a_member_under_notice(world):
    _case, ravi = noticed(world)
    other = f.MemberFactory(family=f.FamilyFactory(area=world.a2), gender=ravi.gender)

    with pytest.raises(ValidationError, match="only be merged into an active one"):
        _merge(world, other, ravi)


def test_it_refuses_a_merge_into_itself(world):
    ajay, _again = twins(world)

    with pytest.raises(ValidationError, match="into itself"):
        _merge(world, ajay, ajay)


def test_it_refuses_members_outside_the_officers_areas(world):
    ajay, _again = twins(world)
    stranger = world.family_x1.members.get()

    with pytest.raises(ValidationError, match="areas you hold"):
        _merge(world, ajay, stranger)
    # and typed by ID, an outside member reads like no member at all
    with pytest.raises(ValidationError) as outside:
        survivor_in_reach(world.carol, stranger.member_id)
    with pytest.raises(ValidationError) as missing:
        survivor_in_reach(world.carol, "999999999")
    assert str(outside.value).replace(stranger.member_id, "") == str(missing.value).replace(
        "999999999", ""
    )


def test_a_field_official_cannot_merge(world):
    ajay, again = twins(world)

    with pytest.raises(PermissionDenied):
        duplicate_merge(
            actor=world.alice, member=again, survivor=ajay, source="OFFICIAL", reason="Same man"
        )


def test_a_reason_is_required(world):
    ajay, again = twins(world)

    with pytest.raises(ValidationError, match="Give the reason"):
        _merge(world, again, ajay, reason="  ")


def test_undo_makes_the_retired_id_active_again_and_both_histories_say_so(world):
    case, again, ajay = merged(world)

    duplicate_merge_undo(actor=world.carol, case=case, reason="Twins, not one man: birth records")

    again.refresh_from_db()
    case.refresh_from_db()
    assert again.status == MemberStatus.ACTIVE and again.merged_into is None
    assert case.status == CaseStatus.UNDONE
    assert _events(again) == ["member.merged", "member.merge_undone"]
    assert _events(ajay) == ["member.merge_kept", "member.merge_undone"]
    undo = AuditEvent.objects.filter(event_type="member.merge_undone").first()
    assert undo is not None and undo.actor == world.carol


def test_a_merge_cannot_be_undone_twice(world):
    case, _again, _ajay = merged(world)
    duplicate_merge_undo(actor=world.carol, case=case, reason="Twins after all")

    with pytest.raises(ValidationError, match="already been undone"):
        duplicate_merge_undo(actor=world.carol, case=case, reason="Twins after all")


def test_another_local_bodys_officer_cannot_undo(world):
    case, _again, _ajay = merged(world)

    with pytest.raises(PermissionDenied):
        duplicate_merge_undo(actor=world.dave, case=case, reason="Not mine to undo")
