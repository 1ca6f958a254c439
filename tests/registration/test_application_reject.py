import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from audit.models import AuditEvent
from registration.models import ApplicationStatus
from registration.verification import application_approve, application_reject
from sms.models import SmsKind, SmsMessage
from sms.reasons import SmsReason
from tests.registration.builders import submitted


@pytest.mark.parametrize("reason", ["", "   "])
def test_it_requires_a_reason(world, reason):
    application = submitted(world.alice, world.a1)
    with pytest.raises(ValidationError) as error:
        application_reject(actor=world.carol, application=application, reason=reason)
    assert "reason" in error.value.message_dict
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


def test_it_rejects_with_the_reason_and_tells_the_family(world, django_capture_on_commit_callbacks):
    application = submitted(world.alice, world.a1)

    with django_capture_on_commit_callbacks(execute=True):
        application_reject(
            actor=world.carol,
            application=application,
            reason="The family already lives in another district.",
            reason_code="WRONG_AREA",
        )

    application.refresh_from_db()
    assert application.status == ApplicationStatus.REJECTED
    assert application.decision_reason == "The family already lives in another district."
    assert application.sms_reason == "WRONG_AREA"
    assert application.decided_by == world.carol and application.holder is None
    sms = SmsMessage.objects.get(kind=SmsKind.APPLICATION_REJECTED)
    # the SMS names the coded reason in the family's language; the official's words stay on
    # the status page
    assert "another district" not in sms.text and application.number in sms.text
    with translation.override(sms.language):
        assert str(SmsReason.WRONG_AREA.label) in sms.text
    event = AuditEvent.objects.get(event_type="application.rejected")
    assert event.changes["status"] == [ApplicationStatus.SUBMITTED, ApplicationStatus.REJECTED]
    assert event.changes["sms_reason"] == [None, "WRONG_AREA"]


def test_a_reason_code_not_in_the_list_is_refused(world):
    application = submitted(world.alice, world.a1)

    with pytest.raises(ValidationError) as error:
        application_reject(
            actor=world.carol, application=application, reason="x", reason_code="RESOLVED"
        )

    assert "reason_code" in error.value.message_dict
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


def test_a_rejected_application_cannot_be_approved(world):
    application = submitted(world.alice, world.a1)
    application_reject(actor=world.carol, application=application, reason="Not eligible.")
    with translation.override("en"):
        with pytest.raises(ValidationError) as error:
            application_approve(actor=world.carol, application=application)
        assert "already been rejected" in error.value.messages[0]


def test_it_refuses_the_officer_of_another_local_body(world):
    application = submitted(world.alice, world.a1)
    with pytest.raises(PermissionDenied):
        application_reject(actor=world.dave, application=application, reason="No.")
