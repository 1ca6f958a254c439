"""Log lines are JSON with the time, level, logger, message and request id, and carry no
Aadhaar or mobile number, nor a query string."""

import json
import logging
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from ops import request_id
from ops.logs import mask_personal_data
from tests.ops.conftest import JsonConsole

BASE_DIR = Path(__file__).resolve().parents[2]
logger = logging.getLogger("tests.ops")


def test_a_line_is_json_with_the_request_id_and_no_aadhaar_or_mobile(
    json_console: JsonConsole,
) -> None:
    with request_id.bound("req-0123456789"):
        logger.warning("asked for %s by %s", "2345 6789 0123", "+91 9826012345")

    (line,) = [line for line in json_console.lines() if line["logger"] == "tests.ops"]
    assert line["level"] == "WARNING"
    assert line["request_id"] == "req-0123456789"
    assert datetime.fromisoformat(line["time"]).utcoffset() is not None
    assert "2345 6789 0123" not in line["message"]
    assert "9826012345" not in line["message"]
    assert line["message"] == "asked for XXXXXXXX0123 by ******2345"


def test_a_traceback_is_masked_too(json_console: JsonConsole) -> None:
    try:
        raise ValueError("bad number 234567890123")
    except ValueError:
        logger.exception("failed")

    (line,) = [line for line in json_console.lines() if line["logger"] == "tests.ops"]
    assert "ValueError: bad number XXXXXXXX0123" in line["exc_info"]
    assert "234567890123" not in json.dumps(line)


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("aadhaar=234567890123;", "aadhaar=XXXXXXXX0123;"),
        ("2345-6789-0123", "XXXXXXXX0123"),
        ("call 09826012345 now", "call ******2345 now"),
        ("family 12345678, member 123456789", "family 12345678, member 123456789"),
        ("request MC20260101123456", "request MC20260101123456"),
        ("epoch 1735689600", "epoch 1735689600"),
    ],
)
def test_what_is_masked(text: str, masked: str) -> None:
    assert mask_personal_data(text) == masked


@pytest.mark.django_db
def test_a_request_logs_under_its_id_and_sends_it_back(
    json_console: JsonConsole, settings: Any
) -> None:
    settings.ACCESS_LOG = True
    response = Client().get(
        "/no-such-page/?mobile=9826012345&q=secret", HTTP_X_REQUEST_ID="nginx-abcdef123456"
    )

    assert response.status_code == 404
    assert response["X-Request-ID"] == "nginx-abcdef123456"
    lines = json_console.lines()
    access = [line for line in lines if line["logger"] == "samagra.access"]
    assert access
    assert {line["request_id"] for line in lines} == {"nginx-abcdef123456"}
    assert access[0]["message"].startswith("GET /no-such-page/ 404 ")
    assert access[0]["view"] == "unresolved"
    assert "secret" not in json_console.stream.getvalue()
    assert "9826012345" not in json_console.stream.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize("sent", ["", "short", "has spaces in it", "x" * 200, "a\nb-12345678"])
def test_an_insane_incoming_id_is_replaced(sent: str) -> None:
    response = Client().get("/healthz", HTTP_X_REQUEST_ID=sent)
    assert response["X-Request-ID"] != sent
    assert len(response["X-Request-ID"]) == 32


def test_the_runserver_access_line_loses_its_query_string(json_console: JsonConsole) -> None:
    logging.getLogger("django.server").warning(
        '"%s" %s %s', "GET /track/?number=MC20260101123456&mobile=9826012345 HTTP/1.1", 200, 10
    )
    (line,) = [line for line in json_console.lines() if line["logger"] == "django.server"]
    assert line["message"] == '"GET /track/ HTTP/1.1" 200 10'


def test_production_settings_log_json_by_default() -> None:
    """Settings as production reads them (no DEBUG, no SAMAGRA_LOG_FORMAT): a JSON line."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SAMAGRA_", "DJANGO_SETTINGS"))}
    env |= {"SAMAGRA_SECRET_KEY": "x" * 50, "DJANGO_SETTINGS_MODULE": "samagra.settings"}
    code = (
        "import django, logging; django.setup(); "
        "logging.getLogger('samagra.check').warning('mobile 9826012345')"
    )
    result = subprocess.run(  # noqa: S603 (our own interpreter and code)
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    line = json.loads(result.stderr.strip().splitlines()[-1])
    assert line["logger"] == "samagra.check"
    assert line["message"] == "mobile ******2345"
    assert line["request_id"] is None
    assert {"time", "level"} <= line.keys()
