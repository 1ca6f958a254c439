"""A ``replica`` database added for a test, as SAMAGRA_REPLICA_DATABASE_URL would add it, and
how to tell which database a page read from."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connections
from django.test.utils import CaptureQueriesContext

from ops.replicas import REPLICA, forget_replica_health


@contextmanager
def replica_alias(**changes: Any) -> Iterator[None]:
    """``replica`` as a copy of the test database's settings with ``changes`` (another port:
    a real standby); a test mirror, so that Django never flushes it."""
    settings_dict = {**connections["default"].settings_dict, **changes}
    settings_dict["TEST"] = {**settings_dict["TEST"], "MIRROR": "default"}
    connections.settings[REPLICA] = settings_dict
    forget_replica_health()
    try:
        yield
    finally:
        connections[REPLICA].close()
        del connections[REPLICA]
        del connections.settings[REPLICA]
        forget_replica_health()


@contextmanager
def queries_on_both() -> Iterator[tuple[CaptureQueriesContext, CaptureQueriesContext]]:
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections[REPLICA]) as replica,
    ):
        yield primary, replica


def tables_read(captured: CaptureQueriesContext) -> str:
    return "\n".join(q["sql"] for q in captured.captured_queries)
