"""A local body officer changes a field official: name, designation, mobile, areas; audited."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from audit.models import AuditEvent
from officials.models import Designation, Official
from officials.services import official_update
from tests.conftest import World
from tests.officials.support import saved_counts

pytestmark = pytest.mark.django_db


def update(world: World, official: Official, **changes: object) -> Official:
    fields: dict[str, object] = {
        "name": official.name,
        "designation": official.designation,
        "mobile": official.mobile,
        "areas": tuple(official.areas.all()),
    }
    fields.update(changes)
    return official_update(actor=world.carol, official=official, **fields)  # type: ignore[arg-type]


def test_it_changes_the_areas_and_audits_old_and_new(world: World) -> None:
    # given alice serves a1 and a2
    # when carol moves her to a2 and b1
    update(world, world.alice, areas=(world.a2, world.b1))

    # then
    assert set(world.alice.areas.all()) == {world.a2, world.b1}
    event = AuditEvent.objects.get(event_type="official.updated")
    assert event.actor == world.carol
    assert event.subject_id == str(world.alice.pk)
    assert list(event.changes) == ["areas"]
    old, new = event.changes["areas"]
    assert sorted(old) == sorted([str(world.a1), str(world.a2)])
    assert sorted(new) == sorted([str(world.a2), str(world.b1)])


def test_it_changes_the_designation_and_audits_it(world: World) -> None:
    update(world, world.alice, designation=Designation.GRAM_ROZGAR_SAHAYAK)

    world.alice.refresh_from_db()
    assert world.alice.designation == Designation.GRAM_ROZGAR_SAHAYAK
    event = AuditEvent.objects.get(event_type="official.updated")
    assert event.changes == {
        "designation": [Designation.GP_SECRETARY, Designation.GRAM_ROZGAR_SAHAYAK]
    }


def test_it_changes_the_mobile_and_audits_it_masked(world: World) -> None:
    old_masked = world.alice.masked_mobile

    update(world, world.alice, mobile="+91 9876543210")

    world.alice.refresh_from_db()
    assert world.alice.mobile == "9876543210"
    event = AuditEvent.objects.get(event_type="official.updated")
    assert event.changes == {"mobile": [old_masked, "******3210"]}
    assert "9876543210" not in str(event.changes)


def test_it_audits_a_new_mobile_that_ends_in_the_same_four_digits(world: World) -> None:
    # given a new number whose masked form is the same as the old one's
    new_mobile = "97" + world.alice.mobile[2:]

    update(world, world.alice, mobile=new_mobile)

    event = AuditEvent.objects.get(event_type="official.updated")
    assert "mobile" in event.changes


def test_it_writes_no_audit_row_when_nothing_changed(world: World) -> None:
    update(world, world.alice)

    assert not AuditEvent.objects.filter(event_type="official.updated").exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"designation": Designation.COLLECTOR}, "designation"),
        ({"mobile": "12345"}, "mobile"),
        ({"areas": ()}, "areas"),
    ],
)
def test_it_rejects_bad_changes_and_saves_nothing(
    world: World, changes: dict[str, object], field: str
) -> None:
    before = saved_counts()

    with translation.override("en"), pytest.raises(ValidationError) as caught:
        update(world, world.alice, **changes)

    assert list(caught.value.message_dict) == [field]
    assert saved_counts() == before
    fresh = Official.objects.get(pk=world.alice.pk)
    assert fresh.designation == world.alice.designation
    assert fresh.mobile == world.alice.mobile
    assert set(fresh.areas.all()) == {world.a1, world.a2}


def test_it_rejects_an_area_of_another_local_body(world: World) -> None:
    with pytest.raises(ValidationError) as caught:
        update(world, world.alice, areas=(world.a1, world.x1))

    assert list(caught.value.message_dict) == ["areas"]
    assert set(world.alice.areas.all()) == {world.a1, world.a2}


def test_it_rejects_the_mobile_of_another_official(world: World) -> None:
    with pytest.raises(ValidationError) as caught:
        update(world, world.alice, mobile=world.bob.mobile)

    assert list(caught.value.message_dict) == ["mobile"]
    assert Official.objects.get(pk=world.alice.pk).mobile == world.alice.mobile
