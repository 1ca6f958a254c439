"""Who may register whom: nobody creates an official above or beside their own reach."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from officials.models import Designation, Role
from officials.services import Placement, official_register
from tests.conftest import World
from tests.officials.support import saved_counts

pytestmark = pytest.mark.django_db


def field_official_in(world: World, area_name: str) -> Placement:
    area = getattr(world, area_name)
    return Placement(
        role=Role.FIELD_OFFICIAL,
        district=area.local_body.district,
        local_body=area.local_body,
        areas=(area,),
    )


def lb_officer_in(world: World, lb_name: str) -> Placement:
    lb = getattr(world, lb_name)
    return Placement(role=Role.LOCAL_BODY_OFFICER, district=lb.district, local_body=lb)


def refused(
    world: World, actor: str, placement: Placement, designation: str, error: type[Exception]
) -> None:
    before = saved_counts()
    with pytest.raises(error):
        official_register(
            actor=getattr(world, actor),
            name="New Person",
            designation=designation,
            mobile="9876543210",
            placement=placement,
        )
    assert saved_counts() == before


@pytest.mark.parametrize("actor", ["alice", "bob"])
def test_a_field_official_may_not_register_a_field_official(world: World, actor: str) -> None:
    refused(
        world, actor, field_official_in(world, "a1"), Designation.GP_SECRETARY, PermissionDenied
    )


@pytest.mark.parametrize("actor", ["alice", "bob"])
def test_a_field_official_may_not_register_an_officer(world: World, actor: str) -> None:
    refused(
        world,
        actor,
        lb_officer_in(world, "lb_a"),
        Designation.CEO_JANPAD_PANCHAYAT,
        PermissionDenied,
    )


def test_a_local_body_officer_may_not_register_a_local_body_officer(world: World) -> None:
    refused(
        world,
        "carol",
        lb_officer_in(world, "lb_a"),
        Designation.CEO_JANPAD_PANCHAYAT,
        PermissionDenied,
    )


def test_a_local_body_officer_may_not_register_a_district_officer(world: World) -> None:
    placement = Placement(role=Role.DISTRICT_OFFICER, district=world.d_a)
    refused(world, "carol", placement, Designation.COLLECTOR, PermissionDenied)


def test_a_local_body_officer_may_not_register_a_state_admin(world: World) -> None:
    refused(
        world,
        "carol",
        Placement(role=Role.STATE_ADMIN),
        Designation.MISSION_OFFICER,
        PermissionDenied,
    )


def test_a_local_body_officer_may_not_register_in_another_local_body(world: World) -> None:
    refused(
        world, "carol", field_official_in(world, "x1"), Designation.GP_SECRETARY, ValidationError
    )


def test_a_district_officer_may_not_register_in_another_district(world: World) -> None:
    refused(
        world,
        "erin",
        lb_officer_in(world, "lb_x"),
        Designation.CEO_JANPAD_PANCHAYAT,
        ValidationError,
    )
    refused(
        world,
        "frank",
        lb_officer_in(world, "lb_a"),
        Designation.CEO_JANPAD_PANCHAYAT,
        ValidationError,
    )


def test_a_district_officer_may_not_register_a_field_official(world: World) -> None:
    refused(
        world, "erin", field_official_in(world, "a1"), Designation.GP_SECRETARY, PermissionDenied
    )


def test_a_district_officer_may_not_register_a_district_officer(world: World) -> None:
    placement = Placement(role=Role.DISTRICT_OFFICER, district=world.d_a)
    refused(world, "erin", placement, Designation.COLLECTOR, PermissionDenied)


def test_a_district_officer_may_not_register_a_state_admin(world: World) -> None:
    refused(
        world,
        "erin",
        Placement(role=Role.STATE_ADMIN),
        Designation.MISSION_OFFICER,
        PermissionDenied,
    )


def test_a_deactivated_officer_may_not_register_anyone(world: World) -> None:
    world.carol.is_active = False
    world.carol.save(update_fields=["is_active"])

    refused(
        world, "carol", field_official_in(world, "a1"), Designation.GP_SECRETARY, PermissionDenied
    )
