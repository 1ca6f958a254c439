"""Gunicorn's hook for prometheus_client's multiprocess mode (ops.metrics). In gunicorn's
configuration file:

    from ops.gunicorn import child_exit  # noqa: F401

A worker that exits has its live gauges (samagra_db_connections_open) dropped from the sum.
"""

import os
from typing import Any


def child_exit(server: Any, worker: Any) -> None:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
