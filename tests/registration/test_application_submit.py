import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from audit.models import AuditEvent
from registration.models import ApplicationStatus
from registration.services import application_submit
from sms.models import SmsKind, SmsMessage
from tests.registration.builders import HEAD_MOBILE, draft, head, wife


def test_it_submits_to_the_local_body_and_sends_the_number_by_sms(
    world, django_capture_on_commit_callbacks
):
    # given alice's draft
    application = draft(world.alice, world.a1)

    # when she submits it
    with django_capture_on_commit_callbacks(execute=True):
        application = application_submit(actor=world.alice, application=application)

    # then the local body officer holds it, and the head got the number by SMS
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.submitted_at is not None
    assert application.holder == world.carol
    sms = SmsMessage.objects.get(kind=SmsKind.APPLICATION_SUBMITTED)
    assert sms.mobile == HEAD_MOBILE
    assert application.number in sms.text
    assert sms.status == SmsMessage.Status.DELIVERED
    event = AuditEvent.objects.get(event_type="application.submitted")
    assert event.changes["status"] == [ApplicationStatus.DRAFT, ApplicationStatus.SUBMITTED]


def test_it_sends_no_sms_when_the_head_has_no_mobile(world):
    application = draft(world.alice, world.a1, [head(mobile=""), wife(mobile="9123456780")])
    application_submit(actor=world.alice, application=application)
    assert not SmsMessage.objects.exists()


def test_it_refuses_an_application_the_official_can_no_longer_reach(world):
    # given alice's draft in a1, and then a1 is taken from her
    application = draft(world.alice, world.a1)
    world.alice.areas.set([world.a2])

    # when she submits it, she is refused and nothing changes
    with pytest.raises(PermissionDenied):
        application_submit(actor=world.alice, application=application)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT


def test_it_refuses_the_local_body_officer(world):
    application = draft(world.alice, world.a1)
    with pytest.raises(PermissionDenied):
        application_submit(actor=world.carol, application=application)


def test_it_refuses_to_submit_twice(world):
    application = application_submit(actor=world.alice, application=draft(world.alice, world.a1))
    with pytest.raises(ValidationError) as error:
        application_submit(actor=world.alice, application=application)
    assert error.value.code == "action_not_allowed"
