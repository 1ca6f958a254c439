import io
import json
import logging
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from prometheus_client import REGISTRY

from ops.logs import JsonLogFormatter, PersonalDataFilter

Sample = Callable[..., float]


@pytest.fixture
def sample() -> Sample:
    """A metric's current value in this process (0 when never counted)."""

    def read(name: str, **labels: str) -> float:
        return REGISTRY.get_sample_value(name, labels) or 0.0

    return read


class JsonConsole:
    def __init__(self, stream: io.StringIO) -> None:
        self.stream = stream

    def lines(self) -> list[dict[str, Any]]:
        """Every line written, each parsed as JSON (a line that is not fails the test)."""
        return [json.loads(line) for line in self.stream.getvalue().splitlines() if line]


@pytest.fixture
def json_console() -> Iterator[JsonConsole]:
    """The configured console handler (its filters as in production), writing JSON to a buffer."""
    handlers = [
        h
        for h in logging.getLogger().handlers
        if any(isinstance(flt, PersonalDataFilter) for flt in h.filters)
    ]
    assert handlers, "the root logger writes through the filtered console handler"
    stream = io.StringIO()
    saved = [(h.setStream(stream), h.formatter) for h in handlers]  # type: ignore[attr-defined]
    for handler in handlers:
        handler.setFormatter(JsonLogFormatter())
    yield JsonConsole(stream)
    for handler, (old_stream, old_formatter) in zip(handlers, saved, strict=True):
        handler.setStream(old_stream)  # type: ignore[attr-defined]
        handler.setFormatter(old_formatter)
