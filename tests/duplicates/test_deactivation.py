"""Deactivation with notice: the family is told, the member stays active for the objection
period, an objection in time stops it, and only an unopposed notice ends in deactivation."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from audit.models import AuditEvent
from duplicates.models import CaseSource, CaseStatus, Ground
from duplicates.services import (
    deactivation_decide,
    deactivation_notice,
    deactivation_object,
    deactivations_due_apply,
)
from duplicates.workflow import Action
from identity.actors import Citizen
from registry.models import MemberStatus
from registry.selectors import is_living
from sms.models import SmsKind, SmsMessage
from tests.duplicates.support import AJAY_MOBILE, noticed

pytestmark = pytest.mark.django_db


def _citizen(member):
    return Citizen(family_id=member.family.family_id, member_id=member.member_id)


def _later(case, days=1):
    return case.notice_until + timedelta(days=days)


def test_a_notice_keeps_the_member_active_and_tells_the_family(world, settings):
    settings.DEACTIVATION_NOTICE_DAYS = 30
    before = timezone.now()

    case, ravi = noticed(world)

    assert ravi.status == MemberStatus.TO_BE_DEACTIVATED and is_living(ravi)
    assert case.status == CaseStatus.NOTICE
    assert before + timedelta(days=30) <= case.notice_until <= timezone.now() + timedelta(days=30)
    sms = SmsMessage.objects.get(kind=SmsKind.MEMBER_DEACTIVATION_NOTICE)
    assert sms.mobile == AJAY_MOBILE and sms.language == "hi"
    assert ravi.member_id in sms.text
    assert timezone.localtime(case.notice_until).strftime("%d-%m-%Y") in sms.text
    row = AuditEvent.objects.get(event_type="member.deactivation_notice")
    assert row.actor == world.carol and row.changes["status"] == ["ACTIVE", "NOTICE"]


def test_the_period_comes_from_the_setting(world, settings):
    settings.DEACTIVATION_NOTICE_DAYS = 5

    case, _ravi = noticed(world)

    assert abs(case.notice_until - case.created_at - timedelta(days=5)) < timedelta(minutes=1)


def test_nothing_happens_before_the_period_ends(world):
    case, ravi = noticed(world)

    assert deactivations_due_apply(now=case.notice_until - timedelta(minutes=1)) == 0
    ravi.refresh_from_db()
    assert ravi.status == MemberStatus.TO_BE_DEACTIVATED


def test_an_unopposed_notice_ends_in_deactivation_once(world):
    case, ravi = noticed(world)

    assert deactivations_due_apply(now=_later(case)) == 1
    assert deactivations_due_apply(now=_later(case)) == 0  # idempotent

    ravi.refresh_from_db()
    case.refresh_from_db()
    assert ravi.status == MemberStatus.INACTIVE and not is_living(ravi)
    assert case.status == CaseStatus.DEACTIVATED
    assert SmsMessage.objects.filter(kind=SmsKind.MEMBER_DEACTIVATED).count() == 1
    row = AuditEvent.objects.get(event_type="member.deactivated")
    assert row.actor is None and row.actor_label == "system"


def test_the_command_applies_the_notices_due(world):
    case, ravi = noticed(world)
    type(case).objects.filter(pk=case.pk).update(notice_until=timezone.now() - timedelta(days=1))
    out = StringIO()

    call_command("deactivations_apply", stdout=out)

    ravi.refresh_from_db()
    assert ravi.status == MemberStatus.INACTIVE
    assert "Deactivated 1 member" in out.getvalue()


def test_the_command_can_hand_the_work_to_the_worker(world):
    case, ravi = noticed(world)
    type(case).objects.filter(pk=case.pk).update(notice_until=timezone.now() - timedelta(days=1))

    call_command("deactivations_apply", "--enqueue", stdout=StringIO())

    ravi.refresh_from_db()
    assert ravi.status == MemberStatus.INACTIVE  # the tests' task backend runs it at once


def test_the_familys_objection_in_time_stops_the_deactivation(world):
    case, ravi = noticed(world)

    objection = deactivation_object(
        actor=_citizen(ravi), case=case, text="Ravi is our son, he studies in Indore"
    )

    case.refresh_from_db()
    ravi.refresh_from_db()
    assert objection.in_time and objection.citizen_member_id == ravi.member_id
    assert case.status == CaseStatus.OBJECTED and case.holder == world.carol
    assert ravi.status == MemberStatus.ACTIVE
    assert deactivations_due_apply(now=_later(case)) == 0
    ravi.refresh_from_db()
    assert ravi.status == MemberStatus.ACTIVE


def test_the_officer_records_an_objection_made_at_the_office(world):
    case, _ravi = noticed(world)

    objection = deactivation_object(
        actor=world.carol, case=case, text="The mother came with his school certificate"
    )

    case.refresh_from_db()
    assert objection.recorded_by == world.carol and case.status == CaseStatus.OBJECTED


def test_an_objection_after_the_period_is_recorded_but_reopens_nothing(world):
    case, ravi = noticed(world)

    late = deactivation_object(
        actor=_citizen(ravi), case=case, text="We were away, Ravi is real", now=_later(case)
    )

    assert not late.in_time
    assert deactivations_due_apply(now=_later(case)) == 1
    # and after the deactivation, too
    after = deactivation_object(actor=_citizen(ravi), case=case, text="Please look again")
    case.refresh_from_db()
    ravi.refresh_from_db()
    assert not after.in_time
    assert case.status == CaseStatus.DEACTIVATED and ravi.status == MemberStatus.INACTIVE
    assert case.objections.count() == 2


def test_a_citizen_of_another_family_cannot_object(world):
    case, _ravi = noticed(world)
    stranger = world.family_a1.members.get()

    with pytest.raises(PermissionDenied):
        deactivation_object(actor=_citizen(stranger), case=case, text="Not my family at all")


def test_after_an_objection_the_officer_may_deactivate_all_the_same(world):
    case, ravi = noticed(world)
    deactivation_object(actor=_citizen(ravi), case=case, text="Ravi is our son, truly")

    deactivation_decide(
        actor=world.carol, case=case, action=Action.DEACTIVATE, reason="Visited: nobody knows him"
    )

    ravi.refresh_from_db()
    case.refresh_from_db()
    assert ravi.status == MemberStatus.INACTIVE and case.status == CaseStatus.DEACTIVATED
    assert SmsMessage.objects.filter(kind=SmsKind.MEMBER_DEACTIVATED).exists()


def test_the_officer_may_withdraw_a_notice(world):
    case, ravi = noticed(world)

    deactivation_decide(
        actor=world.carol, case=case, action=Action.WITHDRAW, reason="Found him at the school"
    )

    ravi.refresh_from_db()
    case.refresh_from_db()
    assert ravi.status == MemberStatus.ACTIVE and case.status == CaseStatus.WITHDRAWN
    assert deactivations_due_apply(now=_later(case)) == 0


def test_a_running_notice_cannot_be_overridden_without_an_objection(world):
    case, _ravi = noticed(world)

    with pytest.raises(ValidationError, match="objection period of this case is still running"):
        deactivation_decide(
            actor=world.carol, case=case, action=Action.DEACTIVATE, reason="In a hurry today"
        )


def test_a_member_under_notice_cannot_be_noticed_again(world):
    _case, ravi = noticed(world)

    with pytest.raises(ValidationError, match="already inactive or under a deactivation notice"):
        deactivation_notice(
            actor=world.carol,
            member=ravi,
            ground=Ground.TWICE_IN_FAMILY,
            source=CaseSource.OFFICIAL,
            reason="Entered twice in the family",
        )


def test_only_the_local_body_officer_gives_notice(world):
    _case, _ravi = noticed(world)
    other = world.family_a1.members.get()

    for outsider in (world.alice, world.dave, world.erin):
        with pytest.raises(PermissionDenied):
            deactivation_notice(
                actor=outsider,
                member=other,
                ground=Ground.NOT_EXISTING,
                source=CaseSource.OFFICIAL,
                reason="Not for them to do",
            )


def test_a_member_with_a_current_case_gets_a_message_not_a_server_error(world):
    from duplicates.models import CaseKind, DuplicateCase
    from tests.duplicates.support import member, verma_family

    # given Ravi, active, whose earlier case is still current (a merge kept him as survivor)
    ravi = member(verma_family(world), "Ravi Verma")
    DuplicateCase.objects.create(
        kind=CaseKind.MERGE,
        source=CaseSource.OFFICIAL,
        status=CaseStatus.MERGED,
        area=ravi.family.area,
        member=ravi,
        reason="Merged earlier",
        created_by=world.carol,
    )
    # then a notice for him is refused with a message (it was a server error in the scan)
    with pytest.raises(ValidationError) as refused:
        deactivation_notice(
            actor=world.carol,
            member=ravi,
            ground=Ground.NOT_EXISTING,
            source=CaseSource.OFFICIAL,
            reason="Nobody of that name",
        )
    assert refused.value.code == "case_open"
    ravi.refresh_from_db()
    assert ravi.status == MemberStatus.ACTIVE
