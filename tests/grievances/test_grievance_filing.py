"""Filing a grievance: who holds it, its deadline, its audit row and SMS, and what is refused."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from audit.models import AuditEvent
from grievances.models import Grievance, Level, Status
from grievances.services import grievance_file
from sms.models import SmsKind, SmsMessage
from tests import factories as f
from tests.grievances.support import citizen_of, filed
from updates.models import ChangeRequest


def test_it_goes_to_the_areas_field_official_with_the_categorys_deadline(world, settings):
    # given a1's family, whose field official is alice
    settings.GRIEVANCE_DAYS = {"wrong_data": 15, "no_action": 7, "refused": 7, "other": 15}
    now = timezone.now()
    # when the family files a grievance about no action
    grievance = filed(world.family_a1, "no_action", now=now)
    # then alice holds it, at the field level, for 7 days
    assert grievance.holder == world.alice
    assert grievance.level == Level.FIELD
    assert grievance.status == Status.OPEN
    assert grievance.deadline_at == now + timedelta(days=7)
    assert grievance.number.startswith("GR")
    assert grievance.filed_by_member_id == citizen_of(world.family_a1).member_id


def test_the_deadline_follows_the_setting(world, settings):
    settings.GRIEVANCE_DAYS = {"wrong_data": "3", "no_action": 7, "refused": 7, "other": 15}
    now = timezone.now()
    grievance = filed(world.family_a1, "wrong_data", now=now)
    assert grievance.deadline_at == now + timedelta(days=3)


def test_it_writes_an_audit_row_and_tells_the_family(world):
    grievance = filed(world.family_a1)
    event = AuditEvent.objects.get(event_type="grievance.filed", subject_id=str(grievance.pk))
    assert event.area == world.a1
    assert event.actor is None and "Citizen" in event.actor_label
    sms = SmsMessage.objects.get(kind=SmsKind.GRIEVANCE_FILED)
    assert sms.mobile == "9876543210"
    assert grievance.number in sms.text


def test_with_several_field_officials_the_one_with_fewest_open_grievances_holds_it(world):
    # given a second field official of a1, registered after alice
    second = f.field_official(world.a1, user_id="second")
    # when three grievances are filed in a1
    first, two, three = (filed(world.family_a1) for _ in range(3))
    # then they go to the one holding fewest, the first registered among equals
    assert [first.holder, two.holder, three.holder] == [world.alice, second, world.alice]


def test_an_area_without_a_field_official_sends_it_to_the_local_body_officer(world):
    # given x1, whose only officer is dave, the local body officer
    # when x1's family files a grievance
    grievance = filed(world.family_x1)
    # then dave holds it at once, at the local body level
    assert grievance.holder == world.dave
    assert grievance.level == Level.LOCAL_BODY


def test_an_official_files_it_on_the_familys_behalf(world):
    grievance = grievance_file(
        actor=world.bob,
        family=world.family_b1,
        category="refused",
        description="Turned away at the ward office.",
    )
    assert grievance.filed_by_official == world.bob
    assert grievance.holder == world.bob


def test_an_official_cannot_file_for_a_family_outside_the_jurisdiction(world):
    with pytest.raises(PermissionDenied):
        grievance_file(
            actor=world.alice, family=world.family_x1, category="other", description="Outside."
        )
    assert not Grievance.objects.exists()


def test_a_citizen_cannot_file_for_another_family(world):
    with pytest.raises(PermissionDenied):
        grievance_file(
            actor=citizen_of(world.family_a1),
            family=world.family_b1,
            category="other",
            description="Not ours.",
        )
    assert not Grievance.objects.exists()


def test_a_member_of_another_family_is_refused_and_nothing_is_saved(world):
    other = world.family_b1.members.get()
    with pytest.raises(ValidationError) as error:
        filed(world.family_a1, member=other)
    assert "member" in error.value.message_dict
    assert not Grievance.objects.exists()
    assert not AuditEvent.objects.filter(event_type="grievance.filed").exists()
    assert not SmsMessage.objects.exists()


def _change_of(family, number):
    return ChangeRequest.objects.create(
        number=number,
        family=family,
        kind="DEATH",
        conflict_key=f"member:{number}",
        created_by=f.field_official(f.AreaFactory(local_body=family.area.local_body)),
    )


def test_a_request_number_of_another_family_is_refused(world):
    _change_of(world.family_b1, "CR260101000001")
    with pytest.raises(ValidationError) as error:
        filed(world.family_a1, about_number="CR260101000001")
    assert "No application, change request or migration request" in str(error.value)
    assert not Grievance.objects.exists()


def test_an_unknown_request_number_gets_the_same_answer(world):
    with pytest.raises(ValidationError) as error:
        filed(world.family_a1, about_number="CR000000000000")
    assert "about_number" in error.value.message_dict


def test_the_familys_own_request_number_is_accepted(world):
    _change_of(world.family_a1, "CR260101000002")
    grievance = filed(world.family_a1, about_number=" cr260101000002 ")
    assert grievance.about_number == "CR260101000002"


@pytest.mark.parametrize(("description", "message"), [("   ", "Describe"), ("x" * 2001, "at most")])
def test_an_empty_or_too_long_description_is_refused(world, description, message):
    with pytest.raises(ValidationError) as error:
        filed(world.family_a1, description=description)
    assert message in str(error.value.message_dict["description"])
    assert not Grievance.objects.exists()
