"""Who holds a change request and for how long; what is overdue, per official and per area."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from tests.conftest import client_for
from tests.updates.support import member, verma_family
from updates.models import ChangeKind, ChangeRequest
from updates.selectors import (
    change_requests_held_by,
    overdue_change_requests,
    overdue_change_requests_per_area,
    overdue_change_requests_per_official,
)
from updates.services import change_request_submit


def _death(world, area):
    family = verma_family(world, area)
    return change_request_submit(
        actor=world.alice if area in (world.a1, world.a2) else world.bob,
        family=family,
        kind=ChangeKind.DEATH,
        member=member(family, "Ravi Verma"),
        data={"date_of_death": "2025-01-01"},
    )


def test_a_pending_request_is_on_the_officers_work_list(world):
    change = _death(world, world.a1)
    assert list(change_requests_held_by(world.carol)) == [change]
    assert not change_requests_held_by(world.dave).exists()


def test_overdue_requests_are_counted_per_official_and_area(world, settings):
    settings.OVERDUE_DAYS_CHANGE = 7
    old_a1, old_b1, fresh = (
        _death(world, world.a1),
        _death(world, world.b1),
        _death(world, world.a2),
    )
    ChangeRequest.objects.filter(pk__in=[old_a1.pk, old_b1.pk]).update(
        held_since=timezone.now() - timedelta(days=8)
    )

    assert set(overdue_change_requests(world.carol)) == {old_a1, old_b1}
    assert set(overdue_change_requests(world.erin)) == {old_a1, old_b1}
    assert not overdue_change_requests(world.dave).exists()
    assert not overdue_change_requests(world.frank).exists()
    assert not overdue_change_requests(world.alice).exists()  # supervises nobody
    assert set(overdue_change_requests(world.carol, days=0)) == {old_a1, old_b1, fresh}

    per_official = list(overdue_change_requests_per_official(world.erin))
    assert [(row["holder"], row["count"]) for row in per_official] == [(world.carol.pk, 2)]
    per_area = {
        row["family__area"]: row["count"] for row in overdue_change_requests_per_area(world.sam)
    }
    assert per_area == {world.a1.pk: 1, world.b1.pk: 1}


def test_change_requests_are_on_the_work_list_and_overdue_pages(world, settings):
    settings.OVERDUE_DAYS_CHANGE = 7
    change = _death(world, world.a1)
    carol = client_for(world.carol)
    assert change.number in carol.get(reverse("registration:work_list")).content.decode()
    ChangeRequest.objects.filter(pk=change.pk).update(held_since=timezone.now() - timedelta(days=8))
    erin_page = client_for(world.erin).get(reverse("registration:overdue")).content.decode()
    assert world.carol.user_id in erin_page
    frank_page = client_for(world.frank).get(reverse("registration:overdue")).content.decode()
    assert world.carol.user_id not in frank_page
