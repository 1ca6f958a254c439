"""A real HTTP server on 127.0.0.1 standing in for a bulk-SMS gateway, and settings for it."""

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

import pytest

TEMPLATE_IDS = {
    "official_welcome": "1107160000000000001",
    "password_reset": "1107160000000000002",
    "otp": "1107160000000000003",
}


@dataclass
class FakeGateway:
    url: str
    status: int = 200
    posts: list[dict[str, str]] = field(default_factory=list)


class _Handler(BaseHTTPRequestHandler):
    server: "_Server"

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length).decode()
        form = {k: v[0] for k, v in parse_qs(body, keep_blank_values=True).items()}
        self.server.gateway.posts.append(form)
        self.send_response(self.server.gateway.status)
        self.end_headers()
        self.wfile.write(b"MSGID-4242\n")

    def log_message(self, format: str, *args: Any) -> None:
        pass  # keep the test output clean


class _Server(ThreadingHTTPServer):
    gateway: FakeGateway


@pytest.fixture
def gateway(settings: Any) -> Iterator[FakeGateway]:
    server = _Server(("127.0.0.1", 0), _Handler)
    server.gateway = FakeGateway(url=f"http://127.0.0.1:{server.server_port}/api/send")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    # Plain http:// to a gateway is accepted only in development (DEBUG); pytest-django turns
    # DEBUG off, so it is turned back on for the local stand-in.
    settings.DEBUG = True
    settings.SMS_GATEWAY = "http"
    settings.SMS_HTTP_URL = server.gateway.url
    settings.SMS_HTTP_SENDER = "SAMGRA"
    settings.SMS_HTTP_USERNAME = "mission-mp"
    settings.SMS_HTTP_PASSWORD = "gateway-secret-9"
    settings.SMS_DLT_TEMPLATE_IDS = TEMPLATE_IDS
    try:
        yield server.gateway
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture
def db_task_queue(settings: Any) -> None:
    """The real database queue instead of running tasks at once."""
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "sms"]}
    }
