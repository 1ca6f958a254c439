"""Gunicorn's hooks: prometheus_client's multiprocess mode (ops.metrics), and a worker's
long-lived objects kept out of the garbage collector's passes. In gunicorn's
configuration file:

    from ops.gunicorn import child_exit, post_worker_init  # noqa: F401

A worker that exits has its live gauges (samagra_db_connections_open) dropped from the sum; a
worker that has loaded the portal freezes what it holds (post_worker_init).
"""

import os
from typing import Any


def child_exit(server: Any, worker: Any) -> None:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)


def post_worker_init(worker: Any) -> None:
    """Once a worker has loaded the portal (Django set up, every URLconf and view imported),
    move everything it holds so far out of the garbage collector's reach (gc.freeze): those
    objects live as long as the worker, and the collector's full passes, which otherwise walk
    them all again while a request that builds many objects (a change-feed page of 1,000
    events, an export's chunk) waits, then walk only what requests made."""
    import gc

    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - imports every view now, not on a first request
    gc.collect()
    gc.freeze()
