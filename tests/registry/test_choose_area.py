"""A field official with several areas chooses one to work in; the family list narrows."""

import pytest
from django.test import Client

from tests import factories as f
from tests.conftest import World, client_for


@pytest.fixture
def family_a2(world: World) -> object:
    family = f.FamilyFactory(area=world.a2)
    f.MemberFactory(family=family)
    return family


def _listed(client: Client) -> str:
    response = client.get("/families/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_choosing_an_area_narrows_the_list(world: World, family_a2: object) -> None:
    # given: alice serves a1 and a2 and sees both families
    client = client_for(world.alice)
    body = _listed(client)
    assert world.family_a1.family_id in body
    assert family_a2.family_id in body  # type: ignore[attr-defined]

    # when
    response = client.post("/area/", {"area": world.a2.pk})

    # then
    assert response.status_code == 302
    body = _listed(client)
    assert family_a2.family_id in body  # type: ignore[attr-defined]
    assert world.family_a1.family_id not in body


@pytest.mark.django_db
def test_choosing_no_area_shows_all_of_them_again(world: World, family_a2: object) -> None:
    # given
    client = client_for(world.alice)
    client.post("/area/", {"area": world.a2.pk})

    # when
    client.post("/area/", {"area": ""})

    # then
    body = _listed(client)
    assert world.family_a1.family_id in body
    assert family_a2.family_id in body  # type: ignore[attr-defined]


@pytest.mark.django_db
@pytest.mark.parametrize("other", ["b1", "x1"])
def test_choosing_an_area_that_is_not_hers_is_ignored(
    world: World, family_a2: object, other: str
) -> None:
    # given
    client = client_for(world.alice)

    # when: she posts an area of bob's, or of another district
    response = client.post("/area/", {"area": getattr(world, other).pk})

    # then: nothing of that area is shown, and her own families still are
    assert response.status_code == 302
    assert client.session.get("current_area") is None
    body = _listed(client)
    assert world.family_b1.family_id not in body
    assert world.family_x1.family_id not in body
    assert world.family_a1.family_id in body


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["abc", "²", "-1", "9" * 30])
def test_a_malformed_area_is_ignored(world: World, value: str) -> None:
    client = client_for(world.alice)

    response = client.post("/area/", {"area": value})

    assert response.status_code == 302
    assert world.family_a1.family_id in _listed(client)
