"""The request id: one per request, on every log line written while it is served and by the
background tasks it queues (ops.tasks), and on the answer (X-Request-ID).

The proxy's id is kept when it looks like one (nginx: ``proxy_set_header X-Request-ID
$request_id;``), so that its access log and the portal's lines share it; anything else a client
sends is replaced, since the id is written into every log line and must not carry text of the
sender's choosing."""

import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

HEADER = "X-Request-ID"
META_KEY = "HTTP_X_REQUEST_ID"
SANE = re.compile(r"[A-Za-z0-9._:-]{8,128}")

_current: ContextVar[str | None] = ContextVar("samagra_request_id", default=None)


def current() -> str | None:
    """The id of the request (or of the request that queued the task) being served, if any."""
    return _current.get()


def from_header(value: str | None) -> str:
    """The proxy's id if it is sane, a new one otherwise."""
    if value and SANE.fullmatch(value):
        return value
    return uuid.uuid4().hex


@contextmanager
def bound(request_id: str | None) -> Iterator[None]:
    """Serve (or run a task) under ``request_id``; None keeps the id already bound."""
    if request_id is None:
        yield
        return
    token = _current.set(request_id)
    try:
        yield
    finally:
        _current.reset(token)
