"""A real HTTP server on 127.0.0.1 standing in for a bulk-SMS gateway, and settings for it."""

import queue
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

import pytest

TEMPLATE_IDS = {  # one DLT template per kind and language, each with its own ID
    "official_welcome:hi": "1107160000000000001",
    "official_welcome:en": "1107160000000000011",
    "password_reset:hi": "1107160000000000002",
    "password_reset:en": "1107160000000000012",
    "otp:hi": "1107160000000000003",
    "otp:en": "1107160000000000013",
    "application_submitted:hi": "1107160000000000004",
    "application_submitted:en": "1107160000000000014",
}


@dataclass
class FakeGateway:
    """What the stand-in gateway saw and took. A send it holds first calls `on_hold` (where a
    test kills the worker, or locks a row), then waits until the test says `decide("take")` (the
    gateway has it, and answers) or `decide("drop")` (it never got it); a decision may be given
    before the send arrives."""

    url: str
    status_url: str
    status: int = 200
    posts: list[dict[str, str]] = field(default_factory=list)  # every send that arrived
    idempotency_keys: list[str] = field(default_factory=list)  # their Idempotency-Key headers
    taken: list[dict[str, str]] = field(default_factory=list)  # the sends it took
    status_queries: list[str] = field(default_factory=list)
    status_answer: str = ""  # when set, the status address answers this whatever it holds
    hold: int = 0  # how many of the next sends to hold
    on_hold: Callable[[], None] = lambda: None
    arrived: threading.Event = field(default_factory=threading.Event)
    answered: threading.Event = field(default_factory=threading.Event)
    decisions: "queue.Queue[str]" = field(default_factory=queue.Queue)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def decide(self, decision: str) -> None:
        self.decisions.put(decision)

    def keys_taken(self) -> list[str]:
        return [form["clientrefid"] for form in self.taken]


class _Handler(BaseHTTPRequestHandler):
    server: "_Server"

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length).decode()
        form = {k: v[0] for k, v in parse_qs(body, keep_blank_values=True).items()}
        if self.path.endswith("/status"):
            self._status(form)
        else:
            self._send(form)

    def _send(self, form: dict[str, str]) -> None:
        gateway = self.server.gateway
        with gateway.lock:
            gateway.posts.append(form)
            gateway.idempotency_keys.append(self.headers.get("Idempotency-Key", ""))
            held = gateway.hold > 0
            if held:
                gateway.hold -= 1
        if held:
            gateway.on_hold()
            gateway.arrived.set()
            if gateway.decisions.get(timeout=60) == "drop":
                self.close_connection = True
                return
        if gateway.status < 300:
            with gateway.lock:
                gateway.taken.append(form)
        self._answer(gateway.status, "MSGID-4242")
        gateway.answered.set()

    def _status(self, form: dict[str, str]) -> None:
        gateway = self.server.gateway
        key = form.get("clientrefid", "")
        gateway.status_queries.append(key)
        if gateway.status_answer:
            self._answer(200, gateway.status_answer)
        elif key in gateway.keys_taken():
            self._answer(200, "SENT MSGID-4242")
        else:
            self._answer(404, "NOTFOUND")

    def _answer(self, status: int, text: str) -> None:
        try:
            self.send_response(status)
            self.end_headers()
            self.wfile.write(f"{text}\n".encode())
        except (BrokenPipeError, ConnectionResetError):
            pass  # the worker that asked was killed

    def log_message(self, format: str, *args: Any) -> None:
        pass  # keep the test output clean


class _Server(ThreadingHTTPServer):
    gateway: FakeGateway
    daemon_threads = True


@pytest.fixture
def gateway(settings: Any) -> Iterator[FakeGateway]:
    server = _Server(("127.0.0.1", 0), _Handler)
    base = f"http://127.0.0.1:{server.server_port}/api"
    server.gateway = FakeGateway(url=f"{base}/send", status_url=f"{base}/status")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    # Plain http:// to a gateway is accepted only in development (DEBUG); pytest-django turns
    # DEBUG off, so it is turned back on for the local stand-in.
    settings.DEBUG = True
    settings.SMS_GATEWAY = "http"
    settings.SMS_HTTP_URL = server.gateway.url
    settings.SMS_HTTP_STATUS_URL = server.gateway.status_url
    settings.SMS_HTTP_SENDER = "SAMGRA"
    settings.SMS_HTTP_USERNAME = "mission-mp"
    settings.SMS_HTTP_PASSWORD = "gateway-secret-9"
    settings.SMS_DLT_TEMPLATE_IDS = TEMPLATE_IDS
    try:
        yield server.gateway
    finally:
        for _ in range(5):
            server.gateway.decide("drop")  # a send still held
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture
def db_task_queue(settings: Any) -> None:
    """The real database queue instead of running tasks at once."""
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "sms"]}
    }
