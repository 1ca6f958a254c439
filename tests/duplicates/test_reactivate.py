"""An inactive or retired member brought back by the local body officer, with a reason."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from audit.models import AuditEvent
from duplicates.models import CaseStatus
from duplicates.services import deactivations_due_apply, member_reactivate
from registry.models import MemberStatus
from tests.duplicates.support import merged, noticed

pytestmark = pytest.mark.django_db


def _inactive(world):
    case, ravi = noticed(world)
    deactivations_due_apply(now=case.notice_until)
    ravi.refresh_from_db()
    return case, ravi


def test_an_inactive_member_is_reactivated_with_a_reason(world):
    case, ravi = _inactive(world)

    member_reactivate(actor=world.carol, member=ravi, reason="He came with his mother")

    ravi.refresh_from_db()
    case.refresh_from_db()
    assert ravi.status == MemberStatus.ACTIVE and case.status == CaseStatus.REACTIVATED
    row = AuditEvent.objects.get(event_type="member.reactivated")
    assert row.actor == world.carol
    assert row.changes["reason"] == [None, "He came with his mother"]


def test_a_retired_member_is_reactivated_by_undoing_its_merge(world):
    case, again, _ajay = merged(world)

    member_reactivate(actor=world.carol, member=again, reason="Two men of one name")

    again.refresh_from_db()
    case.refresh_from_db()
    assert again.status == MemberStatus.ACTIVE and case.status == CaseStatus.UNDONE


def test_an_active_member_has_nothing_to_reactivate(world):
    ajay = world.family_a1.members.get()

    with pytest.raises(ValidationError, match="not inactive"):
        member_reactivate(actor=world.carol, member=ajay, reason="Just in case")


def test_only_the_members_local_body_officer_reactivates(world):
    _case, ravi = _inactive(world)

    for outsider in (world.alice, world.dave, world.erin):
        with pytest.raises(PermissionDenied):
            member_reactivate(actor=outsider, member=ravi, reason="Not for them to do")
