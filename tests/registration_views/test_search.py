from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from registry.models import Member
from tests import factories as f
from tests.conftest import World, client_for

URL = "/search/"


@pytest.fixture
def ramesh(world: World) -> Member:
    family = f.FamilyFactory(area=world.a1)
    return f.MemberFactory(
        family=family,
        name_en="Ramesh Ahirwar",
        name_hi="रमेश अहिरवार",
        gender="M",
        date_of_birth=date(1985, 1, 1),
        mobile="9812345678",
    )


@pytest.mark.parametrize("text", ["Ramesh", "Rames", "रमेश", "रामेश", "ramesh ahirvar"])
def test_it_finds_a_name_however_spelled(world: World, ramesh: Member, text: str) -> None:
    body = client_for(world.alice).get(URL, {"q": text}).content.decode()
    assert ramesh.member_id in body, text


@pytest.mark.parametrize("attr", ["member_id", "family_id", "mobile"])
def test_it_finds_by_id_and_mobile(world: World, ramesh: Member, attr: str) -> None:
    value = ramesh.family.family_id if attr == "family_id" else getattr(ramesh, attr)
    body = client_for(world.carol).get(URL, {"q": value}).content.decode()
    assert ramesh.member_id in body


def test_filters_narrow_the_result(world: World, ramesh: Member) -> None:
    client = client_for(world.alice)
    assert ramesh.member_id not in client.get(URL, {"q": "Ramesh", "gender": "F"}).content.decode()
    assert ramesh.member_id not in client.get(URL, {"q": "Ramesh", "age_to": "20"}).content.decode()
    assert (
        ramesh.member_id
        in client.get(URL, {"q": "Ramesh", "age_from": "30", "age_to": "50"}).content.decode()
    )
    assert (
        ramesh.member_id
        not in client.get(URL, {"q": "Ramesh", "area": world.a2.pk}).content.decode()
    )


def test_it_never_finds_outside_the_jurisdiction(world: World, ramesh: Member) -> None:
    for who in (world.bob, world.dave, world.frank):
        client = client_for(who)
        for q in ("Ramesh", ramesh.member_id, ramesh.mobile, ramesh.family.family_id):
            body = client.get(URL, {"q": q}).content.decode()
            assert "Ahirwar" not in body and "अहिरवार" not in body, who
    # nor by naming an outside area
    response = client_for(world.bob).get(URL, {"q": "Ramesh", "area": world.a1.pk})
    assert "Ahirwar" not in response.content.decode()


def _queries(client, params: dict[str, str]) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(URL, params).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("q", ["Ramesh", ""])
def test_search_costs_the_same_queries_for_few_or_many(world: World, q: str) -> None:
    client = client_for(world.carol)
    family = f.FamilyFactory(area=world.a1)
    for _ in range(2):
        f.MemberFactory(family=family, name_en="Ramesh Verma", name_hi="रमेश वर्मा")
    few = _queries(client, {"q": q})
    for _ in range(20):
        f.MemberFactory(family=family, name_en="Ramesh Verma", name_hi="रमेश वर्मा")
    assert _queries(client, {"q": q}) == few
