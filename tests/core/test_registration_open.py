"""The public "registration is always open" page: who to contact for any area."""

import pytest
from django.test import Client

from tests import factories as f
from tests.conftest import World


def _picked(client: Client, **params: object) -> str:
    response = client.get("/registration-is-open/", params)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_it_lists_the_areas_field_officials_and_lb_officer_with_mobiles(
    client: Client, world: World
) -> None:
    # when
    body = _picked(client, district=world.d_a.pk, local_body=world.lb_a.pk, area=world.a1.pk)

    # then
    assert world.alice.name in body
    assert f'href="tel:+91{world.alice.mobile}"' in body
    assert world.carol.name in body
    assert world.carol.mobile in body


@pytest.mark.django_db
def test_it_does_not_list_officials_of_other_areas(client: Client, world: World) -> None:
    # when
    body = _picked(client, district=world.d_a.pk, local_body=world.lb_a.pk, area=world.a1.pk)

    # then: bob serves b1 of the same local body; dave and frank are elsewhere
    for other in (world.bob, world.dave, world.erin, world.frank, world.sam):
        assert other.name not in body
        assert other.mobile not in body


@pytest.mark.django_db
def test_it_does_not_list_deactivated_officials(client: Client, world: World) -> None:
    # given
    gone = f.field_official(world.a1, user_id="gone", name="Gone Official", is_active=False)

    # when
    body = _picked(client, district=world.d_a.pk, local_body=world.lb_a.pk, area=world.a1.pk)

    # then
    assert world.alice.name in body
    assert gone.name not in body
    assert gone.mobile not in body


@pytest.mark.django_db
def test_each_step_offers_only_the_choices_below_the_last_one(client: Client, world: World) -> None:
    # when: only the district is chosen
    body = _picked(client, district=world.d_a.pk)

    # then: its local bodies are offered, no area yet, nobody listed
    assert world.lb_a.name_hi in body
    assert world.lb_x.name_hi not in body
    assert 'name="area"' not in body
    assert world.alice.name not in body


BAD_PARAMS = {
    "letters": {"district": "abc", "local_body": "x", "area": "y"},
    "unknown ids": {"district": "999999", "local_body": "999999", "area": "999999"},
    "huge number": {"district": "9" * 30},
    "non-ascii digits": {"district": "²"},
    "negative": {"district": "-1"},
}


@pytest.mark.django_db
@pytest.mark.parametrize("params", BAD_PARAMS.values(), ids=BAD_PARAMS.keys())
def test_bad_params_pick_nothing(client: Client, world: World, params: dict[str, str]) -> None:
    body = _picked(client, **params)

    assert "selected" not in body
    assert world.alice.mobile not in body
    assert world.carol.mobile not in body


@pytest.mark.django_db
def test_an_area_of_another_local_body_is_not_picked(client: Client, world: World) -> None:
    # when: the area belongs to lb_x, not to the chosen lb_a
    body = _picked(client, district=world.d_a.pk, local_body=world.lb_a.pk, area=world.x1.pk)

    # then
    assert world.dave.mobile not in body
    assert world.carol.mobile not in body


@pytest.mark.django_db
def test_a_local_body_of_another_district_is_not_picked(client: Client, world: World) -> None:
    body = _picked(client, district=world.d_a.pk, local_body=world.lb_x.pk, area=world.x1.pk)

    assert 'name="area"' not in body
    assert world.dave.mobile not in body
