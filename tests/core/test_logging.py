"""A refused request (403, 404) is one log line: no stack trace, no personal data."""

import io
import logging
from collections.abc import Iterator

import pytest

from core.logging import NoClientErrorTraces
from tests.conftest import World, client_for


@pytest.fixture
def console() -> Iterator[io.StringIO]:
    """What the configured console handler writes (it holds its stream, so capsys can't)."""
    handlers = [
        h
        for h in logging.getLogger("django").handlers
        if any(isinstance(flt, NoClientErrorTraces) for flt in h.filters)
    ]
    assert handlers, "the django logger writes through the filtered console handler"
    stream = io.StringIO()
    old = [h.setStream(stream) for h in handlers]  # type: ignore[attr-defined]
    yield stream
    for handler, previous in zip(handlers, old, strict=True):
        handler.setStream(previous)  # type: ignore[attr-defined]


@pytest.mark.django_db
def test_a_forbidden_request_is_logged_without_a_traceback(
    world: World, console: io.StringIO, caplog: pytest.LogCaptureFixture
) -> None:
    # given: the 403 reaches the django.request logger
    caplog.set_level(logging.WARNING, logger="django.request")
    logging.getLogger("django.request").addHandler(caplog.handler)
    try:
        # when
        response = client_for(world.alice).get("/audit/")
    finally:
        logging.getLogger("django.request").removeHandler(caplog.handler)

    # then
    assert response.status_code == 403
    assert caplog.records
    assert {r.status_code for r in caplog.records} == {403}  # type: ignore[attr-defined]
    output = console.getvalue()
    assert "Forbidden" in output
    assert "Traceback" not in output
    assert "PermissionDenied" not in output
    assert world.alice.user_id not in output
    assert world.alice.mobile not in output


@pytest.mark.django_db
def test_a_family_outside_jurisdiction_is_logged_without_its_id(
    world: World, console: io.StringIO
) -> None:
    # when: alice opens a family of another district
    response = client_for(world.alice).get(f"/families/{world.family_x1.family_id}/")

    # then
    assert response.status_code == 404
    output = console.getvalue()
    assert "Not Found" in output
    assert "Traceback" not in output
    assert world.family_x1.family_id not in output
    assert "Not Found: /families/********/" in output
    assert world.alice.user_id not in output


@pytest.mark.django_db
def test_an_unknown_page_is_logged_as_one_line(client: object, console: io.StringIO) -> None:
    response = client.get("/no-such-page/")  # type: ignore[attr-defined]

    assert response.status_code == 404
    lines = console.getvalue().strip().splitlines()
    assert len(lines) == 1
    assert lines[0].endswith("] Not Found: /no-such-page/")
