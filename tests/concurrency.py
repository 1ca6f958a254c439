"""Calls released at the same moment in threads, each with its own database connection: how the
PostgreSQL race tests make two officials decide at once."""

import threading
from collections.abc import Callable

from django.db import connection
from django.utils import translation


def at_once(calls: list[Callable[[], object]]) -> list[object]:
    """Run the calls in threads released together; each result is a value or the exception.
    The language is thread-local: each thread speaks English, so a refusal's text is known."""
    barrier = threading.Barrier(len(calls))
    results: list[object] = [None] * len(calls)

    def run(i: int) -> None:
        try:
            barrier.wait()
            with translation.override("en"):
                results[i] = calls[i]()
        except Exception as exc:  # the test looks at what each thread got
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return results
