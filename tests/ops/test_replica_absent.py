"""Without SAMAGRA_REPLICA_DATABASE_URL nothing changes: no replica, no cookie (ops.replicas)."""

import pytest
from django.db import router
from django.urls import reverse

from ops.replicas import STICKY_COOKIE, replica_reads
from registry.models import Member
from tests.conftest import World, client_for


@pytest.mark.django_db
def test_without_a_replica_every_read_goes_where_django_sends_it(world: World) -> None:
    with replica_reads() as chosen:
        assert chosen is False
        assert router.db_for_read(Member) == "default"
    response = client_for(world.alice).get(
        reverse("registry:search"), {"q": world.family_a1.family_id}
    )
    assert response.status_code == 200 and world.family_a1.family_id in response.text


@pytest.mark.django_db
def test_without_a_replica_a_write_leaves_no_cookie(world: World) -> None:
    response = client_for(world.carol).post(reverse("supervision:families"), {"format": "csv"})
    assert response.status_code == 302
    assert STICKY_COOKIE not in response.cookies
