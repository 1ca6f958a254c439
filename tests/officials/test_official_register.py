"""A local body officer registers a field official: user ID, random password, SMS, audit."""

import pytest

from audit.models import AuditEvent
from officials.models import Designation, Official, Role
from officials.services import Placement, official_register
from sms.models import SmsKind, SmsMessage
from tests.conftest import World
from tests.officials.support import only_sms, password_in

pytestmark = pytest.mark.django_db


def register_field_official(
    world: World, *, language: str = "hi", mobile: str = "9876543210"
) -> Official:
    return official_register(
        actor=world.carol,
        name="  Ramesh   Patel ",
        designation=Designation.GP_SECRETARY,
        mobile=mobile,
        placement=Placement(
            role=Role.FIELD_OFFICIAL,
            district=world.d_a,
            local_body=world.lb_a,
            areas=(world.a1, world.a2),
        ),
        language=language,
    )


def test_it_creates_the_official_with_a_user_id_and_places_them(world: World) -> None:
    # when
    official = register_field_official(world)

    # then
    official.refresh_from_db()
    assert official.user_id.startswith("FO")
    assert len(official.user_id) == 9
    assert official.name == "Ramesh Patel"
    assert official.mobile == "9876543210"
    assert official.role == Role.FIELD_OFFICIAL
    assert (official.district, official.local_body) == (world.d_a, world.lb_a)
    assert set(official.areas.all()) == {world.a1, world.a2}
    assert official.created_by == world.carol
    assert official.is_active


def test_it_normalises_the_mobile_number(world: World) -> None:
    official = register_field_official(world, mobile="+91 98765-43210")

    assert official.mobile == "9876543210"


def test_it_gives_a_random_password_that_must_be_changed(world: World) -> None:
    # given two officials registered the same way
    first = register_field_official(world, mobile="9876543210")
    second = register_field_official(world, mobile="9876543211")

    # then each has a usable password, must change it, and the two differ
    first_password = password_in(only_sms(first.mobile, SmsKind.OFFICIAL_WELCOME).text, first)
    second_password = password_in(only_sms(second.mobile, SmsKind.OFFICIAL_WELCOME).text, second)
    assert first_password != second_password
    assert first.user_id != second.user_id
    assert first.must_change_password and second.must_change_password
    assert not first.check_password(second_password)


def test_it_sends_the_user_id_and_password_by_sms_in_the_officials_language(
    world: World,
) -> None:
    # when
    official = register_field_official(world, language="en")

    # then
    sms = only_sms(official.mobile, SmsKind.OFFICIAL_WELCOME)
    assert sms.language == "en"
    assert official.user_id in sms.text
    assert password_in(sms.text, official)
    assert "Change it at first login." in sms.text
    # the designation too in the official's language, whatever the registering page's
    assert not any("\u0900" <= ch <= "\u097f" for ch in sms.text), sms.text
    assert sms.local_body == world.lb_a


def test_it_sends_the_sms_in_hindi_when_that_is_the_officials_language(world: World) -> None:
    official = register_field_official(world, language="hi")

    sms = only_sms(official.mobile, SmsKind.OFFICIAL_WELCOME)
    assert sms.language == "hi"
    assert official.language == "hi"
    assert official.user_id in sms.text
    assert password_in(sms.text, official)


def test_it_keeps_the_password_out_of_the_redacted_sms_and_the_audit(world: World) -> None:
    official = register_field_official(world, language="en")

    sms = only_sms(official.mobile, SmsKind.OFFICIAL_WELCOME)
    password = password_in(sms.text, official)
    assert password not in sms.redacted_text
    assert official.user_id in sms.redacted_text
    event = AuditEvent.objects.get(event_type="official.registered")
    assert password not in str(event.changes)
    assert official.password not in str(event.changes)


def test_it_records_who_registered_whom_with_old_and_new_values(world: World) -> None:
    # when
    official = register_field_official(world)

    # then
    event = AuditEvent.objects.get(event_type="official.registered")
    assert event.actor == world.carol
    assert event.subject_type == "officials.Official"
    assert event.subject_id == str(official.pk)
    assert (event.local_body, event.district) == (world.lb_a, world.d_a)
    assert event.changes["name"] == [None, "Ramesh Patel"]
    assert event.changes["designation"] == [None, Designation.GP_SECRETARY]
    assert event.changes["mobile"] == [None, "******3210"]
    assert event.changes["role"] == [None, Role.FIELD_OFFICIAL]
    assert event.changes["areas"][0] is None
    assert sorted(event.changes["areas"][1]) == sorted([str(world.a1), str(world.a2)])


def test_it_writes_exactly_one_official_one_sms_and_one_audit_row(world: World) -> None:
    before = (Official.objects.count(), SmsMessage.objects.count(), AuditEvent.objects.count())

    register_field_official(world)

    after = (Official.objects.count(), SmsMessage.objects.count(), AuditEvent.objects.count())
    assert after == (before[0] + 1, before[1] + 1, before[2] + 1)


def test_a_district_officer_registers_a_local_body_officer(world: World) -> None:
    official = official_register(
        actor=world.erin,
        name="Meena Verma",
        designation=Designation.CEO_JANPAD_PANCHAYAT,
        mobile="9876500001",
        placement=Placement(
            role=Role.LOCAL_BODY_OFFICER, district=world.d_a, local_body=world.lb_a
        ),
    )

    assert official.user_id.startswith("LB")
    assert (official.district, official.local_body) == (world.d_a, world.lb_a)
    assert only_sms(official.mobile, SmsKind.OFFICIAL_WELCOME).local_body == world.lb_a


def test_a_state_admin_registers_a_district_officer(world: World) -> None:
    official = official_register(
        actor=world.sam,
        name="Vikas Rao",
        designation=Designation.COLLECTOR,
        mobile="9876500002",
        placement=Placement(role=Role.DISTRICT_OFFICER, district=world.d_x),
    )

    assert official.user_id.startswith("DO")
    assert (official.district, official.local_body) == (world.d_x, None)


def test_it_ignores_places_the_role_does_not_have(world: World) -> None:
    # given a state admin who also picked a local body and areas on the form (the form offers
    # them whatever the role)
    placement = Placement(
        role=Role.DISTRICT_OFFICER, district=world.d_a, local_body=world.lb_a, areas=(world.a1,)
    )

    # when
    official = official_register(
        actor=world.sam,
        name="Vikas Rao",
        designation=Designation.COLLECTOR,
        mobile="9876500003",
        placement=placement,
    )

    # then the district officer is placed in the district only
    official.refresh_from_db()
    assert (official.district, official.local_body) == (world.d_a, None)
    assert not official.areas.exists()
