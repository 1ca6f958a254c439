"""The change list at /updates/: the first page reads its rows and its total in one query, and
shows each request's kind by its label."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import client_for
from tests.updates.support import member, verma_family
from updates.models import ChangeKind
from updates.services import change_request_submit


def _death(world, area):  # type: ignore[no-untyped-def]
    family = verma_family(world, area)
    return change_request_submit(
        actor=world.alice if area in (world.a1, world.a2) else world.bob,
        family=family,
        kind=ChangeKind.DEATH,
        member=member(family, "Ravi Verma"),
        data={"date_of_death": "2025-01-01"},
    )


def _list(client):  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/updates/")
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_the_first_page_counts_with_its_rows(world, settings):  # type: ignore[no-untyped-def]
    settings.PAGE_SIZE = 1
    client = client_for(world.carol)
    client.cookies["django_language"] = "en"
    first = _death(world, world.a1)
    _list(client)  # warm the session
    one, fits = _list(client)
    second = _death(world, world.b1)

    two, longer = _list(client)

    assert "Page" not in one and first.number in one
    assert "Page 1 of 2" in two and first.number in two and second.number not in two
    assert longer == fits  # no COUNT query of its own
    assert f"<td>{ChangeKind.DEATH.label}</td>" in two
    page_two = client.get("/updates/?page=2").content.decode()
    assert second.number in page_two and "Page 2 of 2" in page_two
