"""Deactivating and activating an official, audited."""

import pytest

from audit.models import AuditEvent
from officials.models import Official
from officials.services import official_set_active
from tests.conftest import World

pytestmark = pytest.mark.django_db


def test_it_deactivates_an_official_and_audits_it(world: World) -> None:
    official_set_active(actor=world.carol, official=world.alice, active=False)

    assert not Official.objects.get(pk=world.alice.pk).is_active
    event = AuditEvent.objects.get(event_type="official.deactivated")
    assert event.actor == world.carol
    assert event.subject_id == str(world.alice.pk)
    assert event.changes == {"is_active": [True, False]}
    assert event.local_body == world.lb_a


def test_it_activates_an_official_again(world: World) -> None:
    official_set_active(actor=world.carol, official=world.alice, active=False)

    official_set_active(actor=world.carol, official=world.alice, active=True)

    assert Official.objects.get(pk=world.alice.pk).is_active
    event = AuditEvent.objects.get(event_type="official.activated")
    assert event.changes == {"is_active": [False, True]}


def test_it_writes_nothing_when_the_official_already_has_that_state(world: World) -> None:
    official_set_active(actor=world.carol, official=world.alice, active=True)

    assert not AuditEvent.objects.exists()


def test_a_district_officer_deactivates_a_local_body_officer(world: World) -> None:
    official_set_active(actor=world.erin, official=world.carol, active=False)

    assert not Official.objects.get(pk=world.carol.pk).is_active


def test_a_deactivated_official_keeps_their_record(world: World) -> None:
    official_set_active(actor=world.carol, official=world.alice, active=False)

    alice = Official.objects.get(pk=world.alice.pk)
    assert set(alice.areas.all()) == {world.a1, world.a2}
    assert alice.mobile == world.alice.mobile
