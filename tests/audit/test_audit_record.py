import pytest
from django.db import transaction

from audit.models import AuditEvent
from audit.services import audit_record
from tests.conftest import World


@pytest.mark.django_db(transaction=True)
def test_it_refuses_to_record_outside_a_transaction(world: World) -> None:
    with pytest.raises(RuntimeError, match="inside the write's transaction"):
        audit_record(actor=world.carol, event_type="official.updated", subject=world.alice)

    assert not AuditEvent.objects.exists()


@pytest.mark.django_db
def test_it_places_the_event_in_the_areas_local_body_and_district(world: World) -> None:
    # when
    with transaction.atomic():
        event = audit_record(
            actor=world.carol,
            event_type="official.updated",
            subject=world.alice,
            changes={"mobile": ["1", "2"]},
            area=world.a1,
        )

    # then
    assert (event.area, event.local_body, event.district) == (world.a1, world.lb_a, world.d_a)
    assert event.actor == world.carol
    assert event.actor_label == str(world.carol)
    assert event.subject_type == "officials.Official"
    assert event.subject_id == str(world.alice.pk)


@pytest.mark.django_db
def test_a_system_event_has_no_actor(world: World) -> None:
    with transaction.atomic():
        event = audit_record(actor=None, event_type="geography.imported", subject=world.d_a)

    assert event.actor is None
    assert event.actor_label == "system"
