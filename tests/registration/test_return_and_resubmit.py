import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from audit.models import AuditEvent
from registration.models import ApplicationStatus
from registration.services import application_resubmit, application_save_draft
from registration.verification import application_approve, application_return_for_correction
from sms.models import SmsKind, SmsMessage
from tests.registration.builders import address, head, son, submitted, wife


def test_it_requires_a_reason(world):
    application = submitted(world.alice, world.a1)
    with pytest.raises(ValidationError) as error:
        application_return_for_correction(actor=world.carol, application=application, reason=" ")
    assert "reason" in error.value.message_dict


def test_it_refuses_the_officer_of_another_local_body(world):
    application = submitted(world.alice, world.a1)
    with pytest.raises(PermissionDenied):
        application_return_for_correction(
            actor=world.dave, application=application, reason="Wrong."
        )


def test_it_returns_to_the_field_official_with_the_reason(
    world, django_capture_on_commit_callbacks
):
    application = submitted(world.alice, world.a1)

    with django_capture_on_commit_callbacks(execute=True):
        application_return_for_correction(
            actor=world.carol, application=application, reason="The son's date of birth is wrong."
        )

    application.refresh_from_db()
    assert application.status == ApplicationStatus.RETURNED
    assert application.holder == world.alice
    assert application.decision_reason == "The son's date of birth is wrong."
    assert SmsMessage.objects.filter(kind=SmsKind.APPLICATION_RETURNED).count() == 1


def test_a_returned_application_cannot_be_resubmitted_unchanged_if_still_wrong(world):
    application = submitted(world.alice, world.a1)
    application_return_for_correction(
        actor=world.carol, application=application, reason="Add the head."
    )
    application_save_draft(
        actor=world.alice,
        application=application,
        address=address(world.a1),
        members=[wife(), son()],
    )
    with pytest.raises(ValidationError):
        application_resubmit(actor=world.alice, application=application)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.RETURNED


def test_it_is_corrected_resubmitted_and_approved_keeping_its_history(world):
    # given an application returned for correction
    application = submitted(world.alice, world.a1)
    application_return_for_correction(
        actor=world.carol, application=application, reason="The son's name is misspelt."
    )
    rows = {m.name_en: m.pk for m in application.members.all()}

    # when alice corrects and resubmits it, and carol approves it
    application_save_draft(
        actor=world.alice,
        application=application,
        address=address(world.a1),
        members=[
            head(id=rows["Suresh Patel"]),
            wife(id=rows["Geeta Patel"]),
            son(id=rows["Rahul Patel"], name_en="Raahul Patel"),
        ],
    )
    application_resubmit(actor=world.alice, application=application)
    family = application_approve(actor=world.carol, application=application)

    # then the family has the corrected name, and every step is in the history, in order
    assert family.members.filter(name_en="Raahul Patel").exists()
    events = list(
        AuditEvent.objects.filter(
            subject_id=str(application.pk), subject_type="registration.Application"
        )
        .order_by("created_at", "id")
        .values_list("event_type", flat=True)
    )
    assert events == [
        "application.created",
        "application.submitted",
        "application.returned",
        "application.edited",
        "application.resubmitted",
        "application.approved",
    ]
    returned = AuditEvent.objects.get(event_type="application.returned")
    assert returned.changes["decision_reason"] == [None, "The son's name is misspelt."]
    application.refresh_from_db()
    assert application.decision_reason == ""


def test_only_a_returned_application_can_be_resubmitted(world):
    application = submitted(world.alice, world.a1)
    with pytest.raises(ValidationError):
        application_resubmit(actor=world.alice, application=application)
