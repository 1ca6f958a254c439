"""Verifying an ID is the API's busiest call: it costs three queries (the token with its
client, the member with its family and places, the logged read), four for a client of some
districts (its districts)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.gates import fresh_rate_limits
from tests.api.support import PURPOSE, Api, register
from tests.conftest import World

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("statewide", "expected"), [(True, 3), (False, 4)])
def test_verifying_a_member_id_costs_a_few_queries(
    world: World, statewide: bool, expected: int
) -> None:
    # given a client's token
    fresh_rate_limits()
    districts = [] if statewide else [world.d_a]
    api = Api(register(world.sam, statewide=statewide, districts=districts))
    member = world.family_a1.members.get()
    # when it verifies a Member ID
    with CaptureQueriesContext(connection) as queries:
        response = api.get(f"/members/{member.member_id}/status", purpose=PURPOSE)
    # then it is answered with a few queries
    assert response.status_code == 200
    assert len(queries) == expected, "\n".join(q["sql"] for q in queries.captured_queries)
