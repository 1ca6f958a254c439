"""Registering an official with bad input: a clear error on the field, and nothing saved."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from officials.models import Designation, Role
from officials.services import Placement, official_register
from tests.conftest import World
from tests.officials.support import saved_counts

pytestmark = pytest.mark.django_db


def attempt(world: World, **overrides: object) -> ValidationError:
    """Carol registers a field official in a1, with the given fields changed; the error."""
    fields: dict[str, object] = {
        "actor": world.carol,
        "name": "Ramesh Patel",
        "designation": Designation.GP_SECRETARY,
        "mobile": "9876543210",
        "placement": Placement(
            role=Role.FIELD_OFFICIAL, district=world.d_a, local_body=world.lb_a, areas=(world.a1,)
        ),
    }
    fields.update(overrides)
    before = saved_counts()
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        official_register(**fields)  # type: ignore[arg-type]
    assert saved_counts() == before, "a refused registration saved something"
    return caught.value


def messages(error: ValidationError, field: str) -> list[str]:
    with translation.override("en"):
        return error.message_dict[field]


def test_it_rejects_a_mobile_already_registered(world: World) -> None:
    error = attempt(world, mobile=world.bob.mobile)

    assert list(error.message_dict) == ["mobile"]
    assert messages(error, "mobile") == [
        "This mobile number is already registered to another official."
    ]


def test_it_rejects_a_mobile_already_registered_written_another_way(world: World) -> None:
    error = attempt(world, mobile="+91 " + world.bob.mobile)

    assert list(error.message_dict) == ["mobile"]


@pytest.mark.parametrize(
    "mobile", ["12345", "5123456789", "98765432101", "", "abcdefghij", "0755123456"]
)
def test_it_rejects_a_mobile_that_is_not_an_indian_mobile(world: World, mobile: str) -> None:
    error = attempt(world, mobile=mobile)

    assert list(error.message_dict) == ["mobile"]
    assert messages(error, "mobile") == ["Enter a valid 10-digit Indian mobile number."]


def test_it_rejects_a_blank_name(world: World) -> None:
    error = attempt(world, name="   ")

    assert list(error.message_dict) == ["name"]


def test_it_rejects_an_area_outside_the_officers_local_body(world: World) -> None:
    placement = Placement(
        role=Role.FIELD_OFFICIAL,
        district=world.d_a,
        local_body=world.lb_a,
        areas=(world.a1, world.x1),
    )

    error = attempt(world, placement=placement)

    assert list(error.message_dict) == ["areas"]


def test_it_rejects_a_local_body_outside_the_officers_jurisdiction(world: World) -> None:
    placement = Placement(
        role=Role.FIELD_OFFICIAL, district=world.d_x, local_body=world.lb_x, areas=(world.x1,)
    )

    error = attempt(world, placement=placement)

    assert {"district", "local_body"} <= set(error.message_dict)


def test_it_rejects_a_field_official_without_areas(world: World) -> None:
    placement = Placement(role=Role.FIELD_OFFICIAL, district=world.d_a, local_body=world.lb_a)

    error = attempt(world, placement=placement)

    assert list(error.message_dict) == ["areas"]


@pytest.mark.parametrize(
    "designation",
    [
        Designation.CEO_JANPAD_PANCHAYAT,
        Designation.COLLECTOR,
        Designation.MISSION_OFFICER,
        "ASTRONAUT",
    ],
)
def test_it_rejects_a_designation_that_does_not_fit_the_role(
    world: World, designation: str
) -> None:
    error = attempt(world, designation=designation)

    assert list(error.message_dict) == ["designation"]


def test_it_reports_every_wrong_field_at_once(world: World) -> None:
    placement = Placement(
        role=Role.FIELD_OFFICIAL, district=world.d_a, local_body=world.lb_a, areas=(world.x1,)
    )

    error = attempt(world, designation=Designation.COLLECTOR, placement=placement)

    assert set(error.message_dict) == {"designation", "areas"}
