import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from scale.models import DuplicateCluster, DuplicateClusterMember
from tests import factories as f
from tests.conftest import World, client_for

pytestmark = pytest.mark.django_db


def _clusters(area, count: int) -> list[DuplicateCluster]:  # type: ignore[no-untyped-def]
    out = []
    for _ in range(count):
        family = f.FamilyFactory(area=area)
        members = [f.MemberFactory(family=family) for _ in range(2)]
        cluster = DuplicateCluster.objects.create(
            sweep="t", area=area, size=2, best_probability=0.995
        )
        for m in members:
            DuplicateClusterMember.objects.create(cluster=cluster, member=m)
        out.append(cluster)
    return out


def test_the_list_shows_the_officers_groups_in_constant_queries(world: World) -> None:
    client = client_for(world.carol)
    client.cookies["django_language"] = "en"
    _clusters(world.a1, 2)
    outside = _clusters(world.x1, 1)[0]
    url = reverse("scale:cluster_list")
    with CaptureQueriesContext(connection) as few:
        body = client.get(url).content.decode()
    assert outside.rows.first().member.member_id not in body  # type: ignore[union-attr]
    _clusters(world.a1, 20)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert response.status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)


def test_an_officer_compares_and_decides(world: World) -> None:
    cluster = _clusters(world.a1, 1)[0]
    client = client_for(world.carol)
    client.cookies["django_language"] = "en"
    url = reverse("scale:cluster_detail", kwargs={"cluster_id": cluster.pk})
    page = client.get(url).content.decode()
    for row in cluster.rows.select_related("member"):
        assert row.member.member_id in page
    response = client.post(url, {"status": "DISTINCT", "reason": ""})
    assert response.status_code == 200  # the reason is required
    response = client.post(url, {"status": "DISTINCT", "reason": "Brothers, checked at home."})
    assert response.status_code == 302
    cluster.refresh_from_db()
    assert cluster.status == DuplicateCluster.Status.DISTINCT and cluster.decided_by == world.carol


def test_other_local_bodies_groups_are_not_found(world: World) -> None:
    cluster = _clusters(world.x1, 1)[0]
    url = reverse("scale:cluster_detail", kwargs={"cluster_id": cluster.pk})
    assert client_for(world.carol).get(url).status_code == 404
    assert (
        client_for(world.carol).post(url, {"status": "DISTINCT", "reason": "xxxxxx"}).status_code
        == 404
    )
    cluster.refresh_from_db()
    assert cluster.status == DuplicateCluster.Status.OPEN
    assert client_for(world.alice).get(url).status_code == 403
