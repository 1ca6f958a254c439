"""The family list costs the same number of queries however many families it shows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from officials.models import Official
from tests import factories as f
from tests.conftest import World, client_for


def _queries_for_list(official: Official) -> int:
    client = client_for(official)
    client.get("/families/")  # warm the session and any per-process caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/families/")
    assert response.status_code == 200
    return len(queries)


def _add_families(area: object, count: int) -> None:
    for _ in range(count):
        family = f.FamilyFactory(area=area)
        f.MemberFactory(family=family)
        f.MemberFactory(family=family, relation="SON", name_en="Son", name_hi="बेटा")


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["alice", "carol", "erin", "sam"])
def test_the_list_query_count_does_not_grow_with_the_families(
    world: World, settings: object, persona: str
) -> None:
    # given: a page large enough to show every family
    settings.PAGE_SIZE = 100  # type: ignore[attr-defined]
    official = getattr(world, persona)
    _add_families(world.a1, 4)
    few = _queries_for_list(official)

    # when: ten times as many families
    _add_families(world.a1, 45)
    many = _queries_for_list(official)

    # then
    assert many == few
