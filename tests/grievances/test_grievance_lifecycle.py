"""A grievance's thread and closure: reply, close with a reason, accept, reopen once, and a
second closure that is final."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from audit.models import AuditEvent
from grievances.models import ReplyKind, Status
from grievances.services import (
    grievance_accept,
    grievance_close,
    grievance_reopen,
    grievance_reply,
)
from sms.models import SmsKind, SmsMessage
from sms.reasons import SmsReason
from tests.grievances.support import citizen_of, filed


@pytest.fixture
def grievance(world):
    return filed(world.family_a1)


def test_the_family_and_the_official_reply_in_one_thread(world, grievance):
    grievance_reply(actor=world.alice, grievance=grievance, text="Looking into it.")
    grievance_reply(actor=citizen_of(world.family_a1), grievance=grievance, text="Thank you.")
    thread = list(grievance.replies.all())
    assert [r.text for r in thread] == ["Looking into it.", "Thank you."]
    assert thread[0].author_official == world.alice
    assert thread[1].author_member_id == citizen_of(world.family_a1).member_id
    assert AuditEvent.objects.filter(event_type="grievance.replied").count() == 2


def test_an_empty_reply_is_refused(world, grievance):
    with pytest.raises(ValidationError):
        grievance_reply(actor=world.alice, grievance=grievance, text="  ")
    assert not grievance.replies.exists()


def test_the_holder_closes_it_with_a_reason_and_the_family_is_told(world, grievance):
    closed = grievance_close(
        actor=world.alice,
        grievance=grievance,
        reason="Application sent on.",
        reason_code="RESOLVED",
    )
    assert closed.status == Status.CLOSED
    assert closed.holder is None
    assert closed.closed_by == world.alice
    assert closed.replies.get(kind=ReplyKind.CLOSED).text == "Application sent on."
    assert closed.sms_reason == "RESOLVED"
    sms = SmsMessage.objects.get(kind=SmsKind.GRIEVANCE_CLOSED)
    # the SMS names the coded reason; the official's answer is on the portal
    assert "Application sent on." not in sms.text
    with translation.override(sms.language):
        assert str(SmsReason.RESOLVED.label) in sms.text
    assert AuditEvent.objects.filter(event_type="grievance.closed").exists()


def test_closing_without_a_reason_is_refused(world, grievance):
    with pytest.raises(ValidationError) as error:
        grievance_close(actor=world.alice, grievance=grievance, reason="")
    assert "reason" in error.value.message_dict
    grievance.refresh_from_db()
    assert grievance.status == Status.OPEN


def test_a_field_official_cannot_close_another_officials_grievance(world):
    # given a grievance of b1, held by bob
    grievance = filed(world.family_b1)
    assert grievance.holder == world.bob
    # when alice, a field official of the same local body, tries to close it / then refused
    with pytest.raises(PermissionDenied):
        grievance_close(actor=world.alice, grievance=grievance, reason="Not mine.")
    grievance.refresh_from_db()
    assert grievance.status == Status.OPEN


def test_an_officer_above_the_level_may_close_it(world, grievance):
    closed = grievance_close(actor=world.carol, grievance=grievance, reason="Done by the LB.")
    assert closed.status == Status.CLOSED


def test_the_family_accepts_the_closure(world, grievance):
    grievance_close(actor=world.alice, grievance=grievance, reason="Corrected.")
    accepted = grievance_accept(actor=citizen_of(world.family_a1), grievance=grievance)
    assert accepted.status == Status.ACCEPTED
    with pytest.raises(ValidationError):
        grievance_reopen(actor=citizen_of(world.family_a1), grievance=grievance, reason="No.")


def test_reopened_once_then_the_second_closure_is_final(world, grievance):
    citizen = citizen_of(world.family_a1)
    grievance_close(actor=world.alice, grievance=grievance, reason="Corrected.")
    # when the family reopens it
    reopened = grievance_reopen(actor=citizen, grievance=grievance, reason="Still wrong.")
    # then it is open again, with alice, and a new deadline
    assert reopened.status == Status.REOPENED
    assert reopened.holder == world.alice
    assert reopened.is_open
    # when it is closed again
    final = grievance_close(actor=world.alice, grievance=grievance, reason="Checked again.")
    # then that closure is final: it cannot be reopened nor accepted
    assert final.status == Status.FINAL
    with pytest.raises(ValidationError) as error:
        grievance_reopen(actor=citizen, grievance=grievance, reason="Again.")
    assert "reopened once already" in str(error.value)
    with pytest.raises(ValidationError):
        grievance_accept(actor=citizen, grievance=grievance)


def test_reopening_needs_a_reason(world, grievance):
    grievance_close(actor=world.alice, grievance=grievance, reason="Corrected.")
    with pytest.raises(ValidationError):
        grievance_reopen(actor=citizen_of(world.family_a1), grievance=grievance, reason=" ")
    grievance.refresh_from_db()
    assert grievance.status == Status.CLOSED


def test_an_open_grievance_cannot_be_accepted_or_reopened(world, grievance):
    citizen = citizen_of(world.family_a1)
    with pytest.raises(ValidationError):
        grievance_accept(actor=citizen, grievance=grievance)
    with pytest.raises(ValidationError):
        grievance_reopen(actor=citizen, grievance=grievance, reason="Why?")


def test_a_citizen_of_another_family_is_refused(world, grievance):
    other = citizen_of(world.family_b1)
    with pytest.raises(PermissionDenied):
        grievance_reply(actor=other, grievance=grievance, text="Hello.")
    grievance_close(actor=world.alice, grievance=grievance, reason="Corrected.")
    with pytest.raises(PermissionDenied):
        grievance_reopen(actor=other, grievance=grievance, reason="Not mine.")
    with pytest.raises(PermissionDenied):
        grievance_accept(actor=other, grievance=grievance)


def test_an_official_of_another_area_cannot_reply(world, grievance):
    with pytest.raises(PermissionDenied):
        grievance_reply(actor=world.dave, grievance=grievance, text="Outsider.")
