"""Family pages show only the families of the reader's jurisdiction."""

import pytest

from tests.conftest import World, client_for

SEES = {
    "alice": {"family_a1"},
    "bob": {"family_b1"},
    "carol": {"family_a1", "family_b1"},
    "dave": {"family_x1"},
    "erin": {"family_a1", "family_b1"},
    "frank": {"family_x1"},
    "sam": {"family_a1", "family_b1", "family_x1"},
}
FAMILIES = ("family_a1", "family_b1", "family_x1")


@pytest.mark.django_db
@pytest.mark.parametrize(("persona", "sees"), SEES.items())
def test_the_list_shows_only_families_in_jurisdiction(
    world: World, persona: str, sees: set[str]
) -> None:
    # when
    response = client_for(getattr(world, persona)).get("/families/")

    # then
    assert response.status_code == 200
    body = response.content.decode()
    shown = {name for name in FAMILIES if getattr(world, name).family_id in body}
    assert shown == sees


@pytest.mark.django_db
@pytest.mark.parametrize(("persona", "sees"), SEES.items())
def test_a_family_in_jurisdiction_opens_and_others_are_not_found(
    world: World, persona: str, sees: set[str]
) -> None:
    client = client_for(getattr(world, persona))
    for name in FAMILIES:
        family = getattr(world, name)
        member = family.members.get()

        # when
        response = client.get(f"/families/{family.family_id}/")

        # then: outside the jurisdiction it is as if the family did not exist
        if name in sees:
            assert response.status_code == 200, name
            assert member.member_id in response.content.decode()
        else:
            assert response.status_code == 404, name
            body = response.content.decode()
            assert member.member_id not in body
            assert member.name_en not in body
            assert member.name_hi not in body


@pytest.mark.django_db
def test_a_deactivated_official_sees_no_family(world: World) -> None:
    # given: alice is still signed in when she is deactivated
    client = client_for(world.alice)
    world.alice.is_active = False
    world.alice.save()

    # when
    response = client.get(f"/families/{world.family_a1.family_id}/")

    # then
    assert response.status_code in (302, 403, 404)
    assert world.family_a1.members.get().member_id not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/families/", "/families/12345678/"])
def test_anonymous_visitors_are_sent_to_sign_in(client: object, path: str) -> None:
    response = client.get(path)  # type: ignore[attr-defined]

    assert response.status_code == 302
    assert response["Location"].startswith("/login/")
