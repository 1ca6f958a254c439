import json

import pytest
from django.test import Client

from tests.conftest import World


@pytest.mark.django_db
def test_it_reports_the_database_and_the_queue_as_healthy(client: Client, world: World) -> None:
    # when
    response = client.get("/healthz")

    # then
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == {"status": "ok", "database": True, "queue": True}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_it_shows_no_personal_data(client: Client, world: World) -> None:
    # when
    body = client.get("/healthz").content.decode()

    # then: only the three checks, nothing from the register or the officials
    for secret in (
        world.alice.mobile,
        world.alice.name,
        world.alice.user_id,
        world.family_a1.family_id,
    ):
        assert secret not in body
