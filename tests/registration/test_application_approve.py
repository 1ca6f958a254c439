import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation
from stdnum import verhoeff

from audit.models import AuditEvent
from registration.models import ApplicationStatus
from registration.verification import application_approve
from registry.models import Family, Member
from sms.models import SmsKind, SmsMessage
from tests.registration.builders import HEAD_MOBILE, submitted


def test_it_gives_the_family_and_every_member_a_samagra_id(
    world, django_capture_on_commit_callbacks
):
    # given the Patels' submitted application
    application = submitted(world.alice, world.a1)

    # when carol, officer of its local body, approves it
    with django_capture_on_commit_callbacks(execute=True):
        family = application_approve(actor=world.carol, application=application)

    # then the family is in the register with an 8-digit ID, each member with a 9-digit ID
    assert len(family.family_id) == 8 and family.family_id.isdigit()
    assert family.area == world.a1 and family.house_number == "12"
    members = list(family.members.order_by("pk"))
    assert [m.name_en for m in members] == ["Suresh Patel", "Geeta Patel", "Rahul Patel"]
    for member in members:
        assert len(member.member_id) == 9 and verhoeff.is_valid(member.member_id)
    assert members[0].caste_category == "OBC" and members[0].father_or_husband_name
    # and the application is closed, linked to the family and its members
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED
    assert application.family == family and application.holder is None
    assert {m.member_id for m in application.members.all()} == {m.pk for m in members}
    # and the family is told by SMS, and both writes are audited
    sms = SmsMessage.objects.get(kind=SmsKind.FAMILY_APPROVED)
    assert sms.mobile == HEAD_MOBILE and family.family_id in sms.text
    event = AuditEvent.objects.get(event_type="application.approved")
    assert event.changes["status"] == [ApplicationStatus.SUBMITTED, ApplicationStatus.APPROVED]
    assert AuditEvent.objects.filter(
        event_type="family.registered", subject_id=str(family.pk)
    ).exists()


@pytest.mark.parametrize("persona", ["dave", "alice", "bob", "erin", "frank", "sam"])
def test_it_refuses_anyone_but_the_local_body_officer(world, persona):
    application = submitted(world.alice, world.a1)
    families_before = Family.objects.count()

    with pytest.raises(PermissionDenied):
        application_approve(actor=getattr(world, persona), application=application)

    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert Family.objects.count() == families_before


def test_it_refuses_a_deactivated_local_body_officer(world):
    application = submitted(world.alice, world.a1)
    world.carol.is_active = False
    world.carol.save()
    with pytest.raises(PermissionDenied):
        application_approve(actor=world.carol, application=application)


def test_it_refuses_a_second_approval_with_a_clear_error(world):
    application = submitted(world.alice, world.a1)
    application_approve(actor=world.carol, application=application)
    members_before = Member.objects.count()

    with translation.override("en"):
        with pytest.raises(ValidationError) as error:
            application_approve(actor=world.carol, application=application)
        assert "already been approved" in error.value.messages[0]
    assert Member.objects.count() == members_before


def test_it_refuses_to_approve_a_draft(world):
    from tests.registration.builders import draft

    application = draft(world.alice, world.a1)
    with pytest.raises(ValidationError) as error:
        application_approve(actor=world.carol, application=application)
    assert error.value.code == "action_not_allowed"
