import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from audit.models import AuditEvent
from registration.data import MemberData
from registration.models import Application, ApplicationStatus
from registration.services import application_save_draft, application_submit
from tests.registration.builders import address, draft, head, patels, son, wife


def test_it_saves_an_incomplete_draft_with_an_application_number(world):
    # given a head with nothing but a Latin name
    members = [MemberData(name_en="Suresh Patel")]

    # when alice saves the draft
    application = draft(world.alice, world.a1, members)

    # then it is a draft with a number, held by alice, and audited
    assert application.status == ApplicationStatus.DRAFT
    assert re.fullmatch(r"APP-\d{4}-[A-Z2-9]{8}", application.number)
    assert application.holder == world.alice
    assert application.members.get().name_en == "Suresh Patel"
    event = AuditEvent.objects.get(event_type="application.created")
    assert event.subject_id == str(application.pk)
    assert event.local_body == world.lb_a


def test_it_rejects_an_area_outside_the_officials_areas(world):
    # when alice registers a family in bob's area
    with pytest.raises(ValidationError) as error:
        draft(world.alice, world.b1)

    # then the area is refused and nothing is stored
    assert "area" in error.value.message_dict
    assert not Application.objects.exists()
    assert not AuditEvent.objects.filter(event_type__startswith="application.").exists()


def test_it_rejects_a_village_of_another_area(world):
    from tests.factories import VillageFactory

    village = VillageFactory(area=world.b1)
    with pytest.raises(ValidationError) as error:
        application_save_draft(
            actor=world.alice, address=address(world.a1, village=village), members=patels()
        )
    assert "village" in error.value.message_dict


def test_it_rejects_an_invalid_mobile_even_in_a_draft(world):
    with pytest.raises(ValidationError) as error:
        draft(world.alice, world.a1, [head(mobile="12345")])
    assert "members-0-mobile" in error.value.message_dict
    assert not Application.objects.exists()


def test_it_rejects_a_bad_pin_code(world):
    with pytest.raises(ValidationError) as error:
        application_save_draft(
            actor=world.alice, address=address(world.a1, pin_code="06200"), members=patels()
        )
    assert "pin_code" in error.value.message_dict


def test_it_edits_members_in_place_and_drops_removed_ones(world):
    # given a draft of the Patels
    application = draft(world.alice, world.a1)
    rows = {m.name_en: m.pk for m in application.members.all()}

    # when the son is removed and the wife's name corrected
    application_save_draft(
        actor=world.alice,
        application=application,
        address=address(world.a1),
        members=[head(id=rows["Suresh Patel"]), wife(id=rows["Geeta Patel"], name_en="Gita Patel")],
    )

    # then the same rows hold the new values, and the change is audited old → new
    after = {m.name_en: m.pk for m in application.members.all()}
    assert after == {"Suresh Patel": rows["Suresh Patel"], "Gita Patel": rows["Geeta Patel"]}
    event = AuditEvent.objects.get(event_type="application.edited")
    old, new = event.changes["members"]
    assert any("Rahul Patel" in label for label in old)
    assert not any("Rahul Patel" in label for label in new)


def test_it_refuses_a_member_row_of_another_application(world):
    other = draft(world.alice, world.a1)
    application = draft(world.alice, world.a2)
    with pytest.raises(ValidationError):
        application_save_draft(
            actor=world.alice,
            application=application,
            address=address(world.a2),
            members=[head(id=other.members.first().pk)],
        )


@pytest.mark.parametrize("persona", ["carol", "erin", "sam"])
def test_it_refuses_officials_who_are_not_field_officials(world, persona):
    with pytest.raises(PermissionDenied):
        draft(getattr(world, persona), world.a1)


def test_it_refuses_a_field_official_of_another_area(world):
    application = draft(world.alice, world.a1)
    with pytest.raises(PermissionDenied):
        application_save_draft(
            actor=world.bob, application=application, address=address(world.b1), members=[son()]
        )


def test_it_refuses_to_edit_a_submitted_application(world):
    application = application_submit(actor=world.alice, application=draft(world.alice, world.a1))
    with pytest.raises(ValidationError) as error:
        application_save_draft(
            actor=world.alice, application=application, address=address(world.a1), members=patels()
        )
    assert error.value.code == "action_not_allowed"
