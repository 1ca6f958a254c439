"""A birth, a death or a correction reported by the family itself (a citizen signed in to it):
the same kinds of change request as an official's, always held for the local body officer's
verification, with an SMS to the family at each step; bad input is refused with a message and
nothing is saved."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from audit.models import AuditEvent
from identity.actors import Citizen
from registry.models import Family
from sms.models import SmsKind, SmsMessage
from sms.reasons import SmsReason
from tests.updates.support import birth_data, member, person_data, verma_family
from updates.family_reports import change_request_report
from updates.models import ChangeKind, ChangeRequest, ChangeStatus
from updates.selectors import (
    change_request_for_citizen,
    change_requests_held_by,
    change_requests_of_citizen,
    holder_office,
    overdue_change_requests,
)
from updates.services import change_request_approve, change_request_reject

AJAY_MOBILE = "9876500001"  # the Vermas' head (tests.updates.support)


def _citizen(family: Family) -> Citizen:
    return Citizen(family_id=family.family_id, member_id=member(family, "Ajay Verma").member_id)


def _birth(family: Family, **changes: object) -> ChangeRequest:
    data = {**birth_data(member(family, "Sunita Verma")), **changes}
    return change_request_report(citizen=_citizen(family), kind=ChangeKind.BIRTH, data=data)


def _nothing_saved() -> None:
    assert not ChangeRequest.objects.exists()
    assert not SmsMessage.objects.exists()
    assert not AuditEvent.objects.filter(event_type="change.reported").exists()


def test_a_reported_birth_waits_for_the_local_body_officer(world):
    family = verma_family(world)

    change = _birth(family)

    assert change.status == ChangeStatus.PENDING and change.kind == ChangeKind.BIRTH
    assert change.created_by is None and change.is_family_reported
    assert change.reported_by_member_id == member(family, "Ajay Verma").member_id
    assert change.holder == world.carol
    assert list(change_requests_held_by(world.carol)) == [change]
    assert family.members.count() == 3  # nothing applied yet
    event = AuditEvent.objects.get(event_type="change.reported")
    assert event.actor is None and "Citizen" in event.actor_label
    assert event.changes["reported_by"] == [None, change.reported_by_member_id]


def test_the_family_is_told_it_was_received_with_the_number(world):
    family = verma_family(world)

    change = _birth(family)

    sms = SmsMessage.objects.get()
    assert sms.kind == SmsKind.CHANGE_REPORTED and sms.mobile == AJAY_MOBILE
    assert change.number in sms.text and family.family_id in sms.text


def test_approval_applies_it_and_tells_the_family(world):
    family = verma_family(world)
    change = _birth(family)

    change_request_approve(actor=world.carol, change=change)

    change.refresh_from_db()
    assert change.status == ChangeStatus.APPROVED and change.decided_by == world.carol
    assert change.new_member is not None and change.new_member.name_en == "Aarti Verma"
    applied = SmsMessage.objects.get(kind=SmsKind.CHANGE_APPLIED)
    assert applied.mobile == AJAY_MOBILE and change.number in applied.text


def test_rejection_tells_the_family_the_reason(world):
    family = verma_family(world)
    change = _birth(family)

    change_request_reject(actor=world.carol, change=change, reason="No birth certificate")

    sms = SmsMessage.objects.get(kind=SmsKind.CHANGE_REJECTED)
    # no code chosen: the SMS sends the family to the status page, where the words are
    assert "No birth certificate" not in sms.text and change.number in sms.text
    with translation.override(sms.language):
        assert str(SmsReason.OTHER.label) in sms.text
    assert family.members.count() == 3


def test_a_kind_a_field_official_applies_directly_still_waits(world, settings):
    # given corrections that apply at once when an official makes them
    settings.UPDATES_VERIFIED_KINDS = []
    family = verma_family(world)
    ravi = member(family, "Ravi Verma")

    change = change_request_report(
        citizen=_citizen(family),
        kind=ChangeKind.CORRECT_MEMBER,
        member_id=ravi.member_id,
        data=person_data(ravi, name_en="Ravi Kumar Verma"),
    )

    assert change.status == ChangeStatus.PENDING
    ravi.refresh_from_db()
    assert ravi.name_en == "Ravi Verma"


def test_a_reported_death_is_the_members_of_the_family(world):
    family = verma_family(world)
    ravi = member(family, "Ravi Verma")

    change = change_request_report(
        citizen=_citizen(family),
        kind=ChangeKind.DEATH,
        member_id=ravi.member_id,
        data={"date_of_death": "2025-01-01"},
    )
    change_request_approve(actor=world.carol, change=change)

    ravi.refresh_from_db()
    assert ravi.is_deceased and change.member == ravi


@pytest.mark.parametrize("whose", ["another family's", "unknown"])
def test_it_refuses_a_death_of_someone_not_in_the_family(world, whose):
    family = verma_family(world)
    member_id = (
        world.family_x1.members.get().member_id if whose == "another family's" else "123456789"
    )

    with pytest.raises(ValidationError) as refused:
        change_request_report(
            citizen=_citizen(family),
            kind=ChangeKind.DEATH,
            member_id=member_id,
            data={"date_of_death": "2025-01-01"},
        )

    assert refused.value.message_dict["member"] == ["Choose a member of your family."]
    _nothing_saved()
    assert not world.family_x1.members.get().is_deceased


def test_it_refuses_a_birth_in_the_future(world):
    family = verma_family(world)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()

    with pytest.raises(ValidationError) as refused:
        _birth(family, date_of_birth=tomorrow)

    assert "date_of_birth" in refused.value.message_dict
    _nothing_saved()


def test_it_refuses_a_mother_from_another_family(world):
    family = verma_family(world)
    outsider = world.family_x1.members.get()

    with pytest.raises(ValidationError) as refused:
        _birth(family, mother=outsider.member_id)

    assert refused.value.message_dict["mother"] == ["Choose a member of this family."]
    _nothing_saved()


def test_it_refuses_a_correction_that_changes_nothing(world):
    family = verma_family(world)
    ravi = member(family, "Ravi Verma")

    with pytest.raises(ValidationError) as refused:
        change_request_report(
            citizen=_citizen(family),
            kind=ChangeKind.CORRECT_MEMBER,
            member_id=ravi.member_id,
            data=person_data(ravi),
        )

    assert "Nothing was changed" in refused.value.messages[0]
    _nothing_saved()


def test_a_correction_never_changes_the_mobile(world):
    # given a correction that also types a new mobile number
    family = verma_family(world)
    ajay = member(family, "Ajay Verma")

    change = change_request_report(
        citizen=_citizen(family),
        kind=ChangeKind.CORRECT_MEMBER,
        member_id=ajay.member_id,
        data=person_data(ajay, name_en="Ajay Kumar Verma", mobile="9000000009"),
    )
    change_request_approve(actor=world.carol, change=change)

    # then the mobile stays: a new number is linked with an OTP to it (identity.mobile)
    ajay.refresh_from_db()
    assert (ajay.name_en, ajay.mobile) == ("Ajay Kumar Verma", AJAY_MOBILE)


def test_it_refuses_a_second_open_request_for_the_same_member(world):
    family = verma_family(world)
    ravi = member(family, "Ravi Verma")
    citizen = _citizen(family)
    first = change_request_report(
        citizen=citizen,
        kind=ChangeKind.DEATH,
        member_id=ravi.member_id,
        data={"date_of_death": "2025-01-01"},
    )

    with pytest.raises(ValidationError) as refused:
        change_request_report(
            citizen=citizen,
            kind=ChangeKind.DEATH,
            member_id=ravi.member_id,
            data={"date_of_death": "2025-01-02"},
        )

    assert first.number in refused.value.messages[0]
    assert ChangeRequest.objects.count() == 1


def test_it_refuses_the_same_birth_twice(world):
    family = verma_family(world)
    first = _birth(family)

    with pytest.raises(ValidationError) as refused:
        _birth(family)

    assert first.number in refused.value.messages[0]


@pytest.mark.parametrize("kind", [ChangeKind.MISSED_MEMBER, ChangeKind.SPLIT])
def test_a_family_reports_only_births_deaths_and_corrections(world, kind):
    family = verma_family(world)

    with pytest.raises(PermissionDenied):
        change_request_report(citizen=_citizen(family), kind=kind, data={})


def test_a_citizen_reads_only_their_own_familys_requests(world):
    family = verma_family(world)
    change = _birth(family)
    other = Citizen(
        family_id=world.family_x1.family_id,
        member_id=world.family_x1.members.get().member_id,
    )

    assert list(change_requests_of_citizen(_citizen(family))) == [change]
    assert list(change_requests_of_citizen(other)) == []
    assert change_request_for_citizen(_citizen(family), change.number) == change
    from django.http import Http404

    with pytest.raises(Http404):
        change_request_for_citizen(other, change.number)


def test_the_family_sees_who_holds_it_by_office_not_by_name(world):
    family = verma_family(world)
    change = _birth(family)

    shown = holder_office(change)

    assert shown == f"{world.carol.get_designation_display()}, {world.lb_a.name}"
    assert world.carol.name not in shown and world.carol.mobile not in shown
    change_request_approve(actor=world.carol, change=change)
    change.refresh_from_db()
    assert holder_office(change) == "Nobody: the request is decided"


def test_a_reported_request_counts_as_overdue_work(world):
    family = verma_family(world)
    change = _birth(family)
    ChangeRequest.objects.filter(pk=change.pk).update(
        held_since=timezone.now() - timedelta(days=60)
    )

    assert list(overdue_change_requests(world.carol)) == [change]
