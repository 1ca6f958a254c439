import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.db import OperationalError, connection
from django.test import Client

from core.net import free_port
from tests.conftest import World

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_it_reports_the_database_the_queue_and_the_cache_as_healthy(
    client: Client, world: World
) -> None:
    # when
    response = client.get("/healthz")

    # then
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == {
        "status": "ok",
        "database": True,
        "queue": True,
        "cache": True,
    }
    assert "no-cache" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_it_shows_no_personal_data(client: Client, world: World) -> None:
    # when
    body = client.get("/healthz").content.decode()

    # then: only the checks, nothing from the register or the officials
    for secret in (
        world.alice.mobile,
        world.alice.name,
        world.alice.user_id,
        world.family_a1.family_id,
    ):
        assert secret not in body


@pytest.fixture
def database_down(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every use of the database fails where it connects, as when the server is down."""

    def refuse() -> None:
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "ensure_connection", refuse)


def _browser_with_a_session_cookie() -> Client:
    client = Client(raise_request_exception=False)
    client.cookies[django_settings.SESSION_COOKIE_NAME] = "a" * 32
    return client


@pytest.mark.parametrize("with_cookie", [False, True])
def test_it_answers_503_json_when_the_database_is_down(
    with_cookie: bool, database_down: None, settings: Any
) -> None:
    # given production error pages, a database that refuses connections, and (or not) a
    # browser that was signed in
    settings.DEBUG = False
    client = _browser_with_a_session_cookie() if with_cookie else Client()
    # when the load balancer asks
    response = client.get("/healthz")
    # then it is told what is down, in JSON, not shown an error page
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == {
        "status": "fail",
        "database": False,
        "queue": False,
        "cache": True,
        "reasons": {"database": "OperationalError", "queue": "OperationalError"},
    }
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_it_answers_503_json_when_the_cache_is_down(settings: Any) -> None:
    # given a shared cache (Redis) on a port where nothing listens, and sessions read from it
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
        }
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    # when a signed-in browser's probe asks
    response = _browser_with_a_session_cookie().get("/healthz")
    # then the cache is named as down
    assert response.status_code == 503
    body = json.loads(response.content)
    assert body["cache"] is False and body["database"] is True
    assert body["reasons"] == {"cache": "ConnectionError"}


def test_a_real_unreachable_database_gives_503_json_with_a_session_cookie(
    tmp_path: Path,
) -> None:
    # given the portal configured with a PostgreSQL server on a port where nothing listens
    # (its own process: nothing patched)
    script = (
        "import django, json\n"
        "django.setup()\n"
        "from django.test import Client\n"
        "from django.conf import settings\n"
        "client = Client(raise_request_exception=False)\n"
        "client.cookies[settings.SESSION_COOKIE_NAME] = 'a' * 32\n"
        "response = client.get('/healthz')\n"
        "print(json.dumps({'status': response.status_code,"
        " 'type': response['Content-Type'], 'body': response.content.decode()}))\n"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "samagra.settings",
        "SAMAGRA_DEBUG": "0",
        "SAMAGRA_SECRET_KEY": "healthz-test-" + "k" * 50,
        "SAMAGRA_ALLOWED_HOSTS": "testserver",
        "SAMAGRA_SSL_REDIRECT": "0",
        "DATABASE_URL": f"postgres://nobody@127.0.0.1:{free_port()}/nowhere?connect_timeout=3",
    }
    # when a browser that was signed in asks for /healthz
    done = subprocess.run(  # noqa: S603 (a fixed command)
        [sys.executable, "-c", script],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    # then the answer is the JSON 503, not an error page
    assert done.returncode == 0, done.stderr[-2000:]
    answer = json.loads(done.stdout.strip().splitlines()[-1])
    assert answer["status"] == 503, answer
    assert answer["type"] == "application/json"
    body = json.loads(answer["body"])
    assert body["database"] is False
    assert body["reasons"]["database"] == "OperationalError"
