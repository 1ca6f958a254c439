"""Where reads go with a read replica (ops.replicas): the router's decisions, read-your-writes
and the lag guard. The replica here is the test database itself under a second name, so the
queries each connection ran tell where a page read; tests/ops/test_replica_standby.py does the
same against a real PostgreSQL standby."""

import logging
import time
from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.sessions.models import Session
from django.core import signing
from django.db import OperationalError, router, transaction
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse
from prometheus_client import REGISTRY

from officials.models import Official
from ops import replicas
from ops.replicas import (
    STICKY_COOKIE,
    ReplicaStickyMiddleware,
    replica_reads,
    replica_reads_on_get,
)
from registry.models import Family, Member
from tests.conftest import World, client_for
from tests.ops.replica_support import queries_on_both, replica_alias, tables_read

REPLICA_DB = pytest.mark.django_db(transaction=True, databases=["default", "replica"])


def decisions(outcome: str) -> float:
    return (
        REGISTRY.get_sample_value("samagra_db_replica_decisions_total", {"outcome": outcome}) or 0
    )


@pytest.fixture(scope="module")
def replica(django_db_setup: None) -> Iterator[None]:
    # Module-wide: a test's databases are checked before its own fixtures run.
    with replica_alias():
        yield


@pytest.fixture(autouse=True)
def replica_checked_afresh() -> None:
    """The guard's answer is kept a few seconds per process: each test asks its own."""
    replicas.forget_replica_health()


def search(client: Client, family: Family) -> Any:
    return client.get(reverse("registry:search"), {"q": family.family_id})


# --- The router's decisions ---------------------------------------------------------------


@REPLICA_DB
def test_reads_inside_replica_reads_go_to_the_replica(replica: None) -> None:
    with replica_reads() as chosen:
        assert chosen is True
        assert router.db_for_read(Member) == "replica"
        assert router.db_for_read(Family) == "replica"
    assert router.db_for_read(Member) == "default"


@REPLICA_DB
def test_reads_inside_a_transaction_go_to_the_primary(replica: None) -> None:
    with replica_reads(), transaction.atomic():
        assert router.db_for_read(Member) == "default"


@REPLICA_DB
def test_who_may_read_and_job_rows_are_always_read_on_the_primary(replica: None) -> None:
    with replica_reads():
        for model in (Official, Session):
            assert router.db_for_read(model) == "default", model


@REPLICA_DB
def test_writes_go_to_the_primary_and_only_the_primary_is_migrated(replica: None) -> None:
    with replica_reads():
        assert router.db_for_write(Member) == "default"
    assert router.allow_migrate("default", "registry") is True
    assert router.allow_migrate("replica", "registry") is False


@REPLICA_DB
def test_a_write_in_a_request_sends_its_later_reads_to_the_primary(replica: None) -> None:
    seen: list[str] = []

    def view(request: HttpRequest) -> HttpResponse:
        with replica_reads():
            seen.append(router.db_for_read(Member))
            Family.objects.filter(pk=0).update(house_number="1")  # a write, even of nothing
            seen.append(router.db_for_read(Member))
        return HttpResponse()

    response = ReplicaStickyMiddleware(view)(RequestFactory().get("/"))
    assert seen == ["replica", "default"]
    # and the client's next reads stay on the primary a while
    assert STICKY_COOKIE in response.cookies
    assert response.cookies[STICKY_COOKIE]["max-age"] == 10
    assert response.cookies[STICKY_COOKIE]["httponly"]


@REPLICA_DB
def test_a_session_saved_is_not_the_clients_own_write(replica: None) -> None:
    def view(request: HttpRequest) -> HttpResponse:
        Session.objects.filter(pk="nothing").update(session_data="")
        return HttpResponse()

    response = ReplicaStickyMiddleware(view)(RequestFactory().get("/"))
    assert STICKY_COOKIE not in response.cookies


# --- Pages --------------------------------------------------------------------------------


@REPLICA_DB
def test_a_search_reads_the_register_from_the_replica(world: World, replica: None) -> None:
    client = client_for(world.alice)
    before = decisions("replica")
    with queries_on_both() as (primary, replica_queries):
        response = search(client, world.family_a1)
    assert response.status_code == 200 and world.family_a1.family_id in response.text
    assert "registry_member" in tables_read(replica_queries)
    assert "registry_member" not in tables_read(primary)
    # the session and the signed-in official came from the primary
    assert "django_session" in tables_read(primary)
    assert "officials_official" in tables_read(primary)
    assert decisions("replica") == before + 1


@REPLICA_DB
def test_the_family_list_and_the_supervisors_list_read_from_the_replica(
    world: World, replica: None
) -> None:
    for official, url in (
        (world.alice, reverse("registry:family_list")),
        (world.carol, reverse("supervision:families")),
        (world.carol, reverse("registration:work_list")),
    ):
        with queries_on_both() as (primary, replica_queries):
            response = client_for(official).get(url)
        assert response.status_code == 200, url
        assert replica_queries.captured_queries, url
        assert "registry_family" not in tables_read(primary), url


@REPLICA_DB
def test_a_post_to_a_list_page_writes_on_the_primary_and_reads_nothing_from_the_replica(
    world: World, replica: None
) -> None:
    client = client_for(world.carol)
    with queries_on_both() as (primary, replica_queries):
        response = client.post(reverse("supervision:families"), {"format": "csv"})
    assert response.status_code == 302
    assert not replica_queries.captured_queries
    assert "INSERT" in tables_read(primary)
    # read-your-writes: the answer leaves the cookie
    assert STICKY_COOKIE in response.cookies


@REPLICA_DB
def test_after_a_write_the_officials_reads_stay_on_the_primary(world: World, replica: None) -> None:
    client = client_for(world.carol)
    client.post(reverse("supervision:families"), {"format": "csv"})
    before = decisions("sticky")
    with queries_on_both() as (primary, replica_queries):
        response = client.get(reverse("supervision:families"))
    assert response.status_code == 200
    assert not replica_queries.captured_queries
    assert "registry_family" in tables_read(primary)
    assert decisions("sticky") == before + 1
    # another official, who wrote nothing, reads from the replica
    with queries_on_both() as (primary, replica_queries):
        client_for(world.erin).get(reverse("supervision:families"))
    assert replica_queries.captured_queries


@REPLICA_DB
def test_the_primary_is_kept_only_for_the_sticky_time(
    world: World, replica: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = client_for(world.carol)
    # the write's cookie signed a minute ago
    with monkeypatch.context() as m:
        m.setattr(
            signing.TimestampSigner,
            "timestamp",
            lambda self: signing.b62_encode(int(time.time()) - 60),
        )
        client.post(reverse("supervision:families"), {"format": "csv"})
    with queries_on_both() as (_, replica_queries):
        client.get(reverse("supervision:families"))
    assert replica_queries.captured_queries


@REPLICA_DB
def test_a_forged_cookie_does_not_count(world: World, replica: None) -> None:
    client = client_for(world.alice)
    client.cookies[STICKY_COOKIE] = "1"
    with queries_on_both() as (_, replica_queries):
        search(client, world.family_a1)
    assert replica_queries.captured_queries


# --- The lag guard -------------------------------------------------------------------------


@REPLICA_DB
def test_a_replica_too_far_behind_sends_reads_to_the_primary(
    world: World,
    replica: None,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setattr(replicas, "replica_lag_seconds", lambda: 31.0)
    before = decisions("lagging")
    with (
        caplog.at_level(logging.WARNING, logger="ops.replicas"),
        queries_on_both() as (primary, replica_queries),
    ):
        response = search(client_for(world.alice), world.family_a1)
    assert response.status_code == 200 and world.family_a1.family_id in response.text
    assert not replica_queries.captured_queries
    assert "registry_member" in tables_read(primary)
    assert decisions("lagging") == before + 1
    assert "replica 31.0s behind (limit 30s)" in caplog.text
    assert REGISTRY.get_sample_value("samagra_db_replica_lag_seconds") == 31.0


@REPLICA_DB
def test_a_replica_within_the_limit_is_used(
    world: World, replica: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(replicas, "replica_lag_seconds", lambda: 29.0)
    with replica_reads() as chosen:
        assert chosen is True


@REPLICA_DB
def test_an_unreachable_replica_sends_reads_to_the_primary(
    world: World, replica: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse() -> float:
        raise OperationalError("connection refused")

    monkeypatch.setattr(replicas, "replica_lag_seconds", refuse)
    before = decisions("unreachable")
    with queries_on_both() as (_, replica_queries):
        response = search(client_for(world.alice), world.family_a1)
    assert response.status_code == 200 and world.family_a1.family_id in response.text
    assert not replica_queries.captured_queries
    assert decisions("unreachable") == before + 1


@REPLICA_DB
def test_the_replica_is_checked_again_only_after_the_check_interval(
    replica: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    lags = iter([40.0, 0.0])
    monkeypatch.setattr(replicas, "replica_lag_seconds", lambda: next(lags))
    with replica_reads() as first:
        pass
    with replica_reads() as second:  # within the interval: the first answer stands
        pass
    replicas.forget_replica_health()
    with replica_reads() as third:
        pass
    assert (first, second, third) == (False, False, True)


# --- The view decorator ---------------------------------------------------------------------


@REPLICA_DB
def test_only_get_and_head_of_a_decorated_view_may_read_from_the_replica(
    replica: None,
) -> None:
    seen: dict[str, str] = {}

    @replica_reads_on_get
    def view(request: HttpRequest) -> HttpResponse:
        seen[request.method or ""] = router.db_for_read(Member)
        return HttpResponse()

    factory = RequestFactory()
    for method in ("get", "head", "post"):
        view(getattr(factory, method)("/"))
    assert seen == {"GET": "replica", "HEAD": "replica", "POST": "default"}
