"""/metrics answers Prometheus with the token (and/or from an allowed address), nobody else."""

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.ops.conftest import Sample
from tests.ops.support import log_a_line

TOKEN = "scrape-token-0123456789abcdef"

pytestmark = pytest.mark.django_db


@pytest.fixture
def token(settings: Any) -> str:
    settings.METRICS_TOKEN = TOKEN
    settings.METRICS_ALLOWED_IPS = []
    return TOKEN


def _scrape(client: Client | None = None, **headers: Any) -> Any:
    return (client or Client()).get("/metrics", **headers)


def test_it_does_not_exist_when_nothing_protects_it(settings: Any) -> None:
    settings.METRICS_TOKEN = ""
    settings.METRICS_ALLOWED_IPS = []
    assert _scrape(HTTP_AUTHORIZATION="Bearer ").status_code == 404


def test_it_refuses_a_scrape_without_the_token(token: str) -> None:
    response = _scrape()
    assert response.status_code == 403
    assert b"samagra_" not in response.content


@pytest.mark.parametrize(
    "header", [f"Bearer {TOKEN}x", f"Bearer {TOKEN[:-1]}", f"Basic {TOKEN}", TOKEN, "Bearer"]
)
def test_it_refuses_a_wrong_token(token: str, header: str) -> None:
    assert _scrape(HTTP_AUTHORIZATION=header).status_code == 403


def test_it_shows_the_metric_families_with_the_token(token: str) -> None:
    response = _scrape(HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert "no-store" in response["Cache-Control"]
    body = response.content.decode()
    for family in (
        "samagra_http_requests_total",
        "samagra_http_request_duration_seconds_bucket",
        "samagra_task_queue_depth",
        "samagra_task_oldest_waiting_seconds",
        "samagra_db_conn_max_age_seconds",
        'samagra_scrape_ok{part="task_queue"} 1.0',
        'samagra_scrape_ok{part="database"} 1.0',
    ):
        assert family in body, family


def test_an_allow_list_alone_admits_only_its_addresses(settings: Any) -> None:
    settings.METRICS_TOKEN = ""
    settings.METRICS_ALLOWED_IPS = ["10.0.0.0/24"]
    assert _scrape(Client(REMOTE_ADDR="10.0.0.7")).status_code == 200
    assert _scrape(Client(REMOTE_ADDR="10.0.1.7")).status_code == 403


def test_with_both_set_the_token_and_the_address_must_both_hold(settings: Any) -> None:
    settings.METRICS_TOKEN = TOKEN
    settings.METRICS_ALLOWED_IPS = ["10.0.0.7"]
    inside, outside = Client(REMOTE_ADDR="10.0.0.7"), Client(REMOTE_ADDR="10.0.0.8")
    assert _scrape(inside, HTTP_AUTHORIZATION=f"Bearer {TOKEN}").status_code == 200
    assert _scrape(outside, HTTP_AUTHORIZATION=f"Bearer {TOKEN}").status_code == 403
    assert _scrape(inside).status_code == 403


def test_it_is_answered_for_any_host_name_and_over_plain_http(token: str, settings: Any) -> None:
    """Prometheus scrapes each app server by its private address, without TLS."""
    settings.SECURE_SSL_REDIRECT = True
    response = _scrape(HTTP_AUTHORIZATION=f"Bearer {token}", HTTP_HOST="10.1.2.3:8000")
    assert response.status_code == 200


def test_it_reports_the_queue_depth_and_the_oldest_waiting_task(token: str, settings: Any) -> None:
    # given: two tasks in the database queue, one queued ten minutes ago
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "sms"]}
    }
    old = log_a_line.enqueue("old")
    log_a_line.enqueue("new")
    DBTaskResult.objects.filter(id=old.id).update(
        enqueued_at=timezone.now() - timedelta(minutes=10)
    )
    # and one that may run only tomorrow, which waits for nothing yet
    log_a_line.using(run_after=timezone.now() + timedelta(days=1)).enqueue("later")

    # when
    body = _scrape(HTTP_AUTHORIZATION=f"Bearer {token}").content.decode()

    # then
    assert 'samagra_task_queue_depth{queue="default"} 2.0' in body
    assert 'samagra_task_queue_depth{queue="sms"} 0.0' in body
    age = next(
        line
        for line in body.splitlines()
        if line.startswith('samagra_task_oldest_waiting_seconds{queue="default"}')
    )
    assert 600 <= float(age.split()[-1]) < 700


def test_a_request_is_counted_under_its_view_name(token: str, sample: Sample, world: Any) -> None:
    from tests.conftest import client_for

    family = world.family_a1
    labels = {"view": "registry:family_detail", "method": "GET", "status": "2xx"}
    before = sample("samagra_http_requests_total", **labels)

    response = client_for(world.alice).get(f"/families/{family.family_id}/")

    assert response.status_code == 200
    assert sample("samagra_http_requests_total", **labels) == before + 1
    body = _scrape(HTTP_AUTHORIZATION=f"Bearer {token}").content.decode()
    assert 'view="registry:family_detail"' in body
    assert family.family_id not in body


@pytest.mark.urls("tests.ops.support")
def test_an_unhandled_exception_is_counted_as_a_5xx_and_by_class(sample: Sample) -> None:
    labels = {"view": "ops_test_boom", "method": "GET", "status": "5xx"}
    before = sample("samagra_http_requests_total", **labels)
    errors = sample(
        "samagra_http_unhandled_exceptions_total", view="ops_test_boom", exception="RuntimeError"
    )

    response = Client(raise_request_exception=False).get("/ops-test/boom/")

    assert response.status_code == 500
    assert sample("samagra_http_requests_total", **labels) == before + 1
    assert (
        sample(
            "samagra_http_unhandled_exceptions_total",
            view="ops_test_boom",
            exception="RuntimeError",
        )
        == errors + 1
    )


def test_an_unknown_path_and_method_do_not_make_new_labels(sample: Sample) -> None:
    before = sample("samagra_http_requests_total", view="unresolved", method="other", status="4xx")
    Client().generic("BREW", "/no/such/path/123456789012/")
    after = sample("samagra_http_requests_total", view="unresolved", method="other", status="4xx")
    assert after == before + 1


def test_postgresql_reports_its_connections_and_sqlite_none(token: str) -> None:
    from django.db import connection

    body = _scrape(HTTP_AUTHORIZATION=f"Bearer {token}").content.decode()
    on_postgres = connection.vendor == "postgresql"
    assert ("samagra_db_server_connections{" in body) is on_postgres
    assert ("samagra_db_server_max_connections " in body) is on_postgres
