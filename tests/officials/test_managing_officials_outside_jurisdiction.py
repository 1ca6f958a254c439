"""Changing, deactivating or resetting an official outside one's jurisdiction is refused, and
nothing changes."""

from collections.abc import Callable

import pytest
from django.core.exceptions import PermissionDenied

from officials.models import Official
from officials.services import official_reset_password, official_set_active, official_update
from tests.conftest import World
from tests.factories import PASSWORD, field_official
from tests.officials.support import PERSONAS, saved_counts

pytestmark = pytest.mark.django_db

# Whom each persona manages: everybody else is out of reach.
MANAGES = {
    "alice": set(),
    "bob": set(),
    "carol": {"alice", "bob"},
    "dave": set(),
    "erin": {"carol"},
    "frank": {"dave"},
    "sam": {"alice", "bob", "carol", "dave", "erin", "frank"},
}
OUT_OF_REACH = [
    (actor, target) for actor in PERSONAS for target in PERSONAS if target not in MANAGES[actor]
]


def change(actor: Official, target: Official) -> None:
    official_update(
        actor=actor,
        official=target,
        name="Changed Name",
        designation=target.designation,
        mobile=target.mobile,
        areas=tuple(target.areas.all()),
    )


def deactivate(actor: Official, target: Official) -> None:
    official_set_active(actor=actor, official=target, active=False)


def reset_password(actor: Official, target: Official) -> None:
    official_reset_password(actor=actor, official=target)


@pytest.mark.parametrize(
    "action", [change, deactivate, reset_password], ids=["update", "deactivate", "reset_password"]
)
@pytest.mark.parametrize(("actor", "target"), OUT_OF_REACH)
def test_it_refuses_officials_outside_the_actors_jurisdiction(
    world: World, actor: str, target: str, action: Callable[[Official, Official], None]
) -> None:
    before = saved_counts()
    subject = getattr(world, target)

    with pytest.raises(PermissionDenied):
        action(getattr(world, actor), subject)

    assert saved_counts() == before
    fresh = Official.objects.get(pk=subject.pk)
    assert fresh.name == subject.name
    assert fresh.is_active
    assert fresh.check_password(PASSWORD)


@pytest.mark.parametrize(
    ("actor", "target"), [(a, t) for a, targets in MANAGES.items() for t in sorted(targets)]
)
def test_it_lets_officers_deactivate_the_officials_they_manage(
    world: World, actor: str, target: str
) -> None:
    # the counterpart of the refusals above: the same call works within the jurisdiction
    deactivate(getattr(world, actor), getattr(world, target))

    assert not Official.objects.get(pk=getattr(world, target).pk).is_active


def test_a_deactivated_officer_manages_nobody(world: World) -> None:
    Official.objects.filter(pk=world.carol.pk).update(is_active=False)
    world.carol.refresh_from_db()

    with pytest.raises(PermissionDenied):
        deactivate(world.carol, world.alice)


@pytest.mark.parametrize(
    "action", [change, deactivate, reset_password], ids=["update", "deactivate", "reset_password"]
)
@pytest.mark.parametrize("actor", ["carol", "erin", "frank", "alice"])
def test_nobody_but_dave_and_sam_touches_daves_field_official(
    world: World, actor: str, action: Callable[[Official, Official], None]
) -> None:
    # given a field official of dave's local body (in frank's district)
    xavier = field_official(world.x1, name="Xavier Xalxo")
    before = saved_counts()

    with pytest.raises(PermissionDenied):
        action(getattr(world, actor), xavier)

    assert saved_counts() == before
    assert Official.objects.get(pk=xavier.pk).is_active


@pytest.mark.parametrize("actor", ["dave", "sam"])
def test_dave_and_sam_manage_daves_field_official(world: World, actor: str) -> None:
    xavier = field_official(world.x1, name="Xavier Xalxo")

    deactivate(getattr(world, actor), xavier)

    assert not Official.objects.get(pk=xavier.pk).is_active
