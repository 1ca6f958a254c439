"""The real worker (manage.py run_worker) killed with SIGKILL at each point of a send, then started
again: every message reaches the phone exactly once, or is FAILED with a reason, never lost.

Each test runs real processes against the PostgreSQL test database and a stand-in gateway on
127.0.0.1 that can hold a send until told; a row lock held by the test stops the worker at a
chosen point. Every wait is bounded (WAIT seconds), and the lease is 2 seconds, so each test takes
a few seconds.
"""

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
import pytest
from django.db import connection, transaction
from django_tasks_db.models import DBTaskResult

from sms.models import SmsKind, SmsMessage
from sms.services import sms_queue
from tests.sms.conftest import TEMPLATE_IDS, FakeGateway

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the worker is another process: it needs the PostgreSQL test database",
    ),
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("db_task_queue"),
]

BASE_DIR = Path(__file__).resolve().parents[2]
WAIT = 30.0
OTP_CODE = "482913"


@dataclass
class Workers:
    """Worker processes on the test database, each in its own process group, killed at the end."""

    env: dict[str, str]
    logs: Path
    started: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def start(self, worker_id: str) -> subprocess.Popen[bytes]:
        with (self.logs / f"worker-{len(self.started)}-{worker_id}.log").open("wb") as log:
            proc = subprocess.Popen(  # noqa: S603 (a fixed argument list)
                [
                    sys.executable,
                    "manage.py",
                    "run_worker",
                    "--queue-name",
                    "*",
                    "--interval",
                    "0.1",
                    "--no-startup-delay",
                    "--no-reload",
                    "--skip-checks",
                    "--worker-id",
                    worker_id,
                ],
                cwd=BASE_DIR,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.started.append(proc)
        return proc

    def kill(self, proc: subprocess.Popen[bytes]) -> None:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=WAIT)

    def stop_all(self) -> None:
        for proc in self.started:
            if proc.poll() is None:
                self.kill(proc)

    def output(self) -> str:
        return "\n".join(
            f"--- {path.name}\n{path.read_text(errors='replace')[-3000:]}"
            for path in sorted(self.logs.glob("worker-*.log"))
        )

    def wait_for(self, what: str, condition: Callable[[], bool]) -> None:
        deadline = time.monotonic() + WAIT
        while not condition():
            if time.monotonic() > deadline:
                pytest.fail(f"waited {WAIT} s for {what}\n{self.output()}")
            time.sleep(0.05)


def _database_url() -> str:
    db = connection.settings_dict
    return (
        f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}"
    )


@pytest.fixture
def workers(gateway: FakeGateway, tmp_path: Path) -> Iterator[Workers]:
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "SAMAGRA_DEBUG": "1",
        "SAMAGRA_TASK_BACKEND": "django_tasks_db.DatabaseBackend",
        "SAMAGRA_TASK_LEASE_SECONDS": "2",
        "SAMAGRA_SMS_GATEWAY": "http",
        "SAMAGRA_SMS_HTTP_URL": gateway.url,
        "SAMAGRA_SMS_HTTP_STATUS_URL": gateway.status_url,
        "SAMAGRA_SMS_HTTP_TIMEOUT_SECONDS": "2",
        "SAMAGRA_SMS_RETRY_BASE_SECONDS": "1",
        "SAMAGRA_SMS_DLT_TEMPLATE_IDS": json.dumps(TEMPLATE_IDS),
    }
    pool = Workers(env=env, logs=tmp_path)
    try:
        yield pool
    finally:
        pool.stop_all()


class RowLock:
    """The message's row locked FOR UPDATE from another connection: a worker that needs the row
    waits there, at a point the test chose."""

    def __init__(self, message: SmsMessage) -> None:
        self.conn = psycopg.connect(_database_url())
        self.conn.execute("SELECT 1 FROM sms_smsmessage WHERE id = %s FOR UPDATE", [message.pk])

    def release(self) -> None:
        self.conn.rollback()
        self.conn.close()


def _a_worker_waits_on_a_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        row = cursor.fetchone()
    return bool(row and row[0])


def _queue(kind: str = SmsKind.OTP) -> SmsMessage:
    params = (
        {"purpose": "sign-in", "code": OTP_CODE, "minutes": "10"}
        if kind == SmsKind.OTP
        else {"number": "MP-2026-000042"}
    )
    with transaction.atomic():  # committed, so the worker process sees it
        message = sms_queue(kind=kind, mobile="9826012345", language="en", params=params)
    return message


def _settled(message: SmsMessage) -> Callable[[], bool]:
    def check() -> bool:
        message.refresh_from_db()
        return message.status in {SmsMessage.Status.SENT, SmsMessage.Status.FAILED}

    return check


def _task_of(message: SmsMessage) -> DBTaskResult:
    return DBTaskResult.objects.filter(args_kwargs__args=[message.pk]).order_by("enqueued_at")[0]


def test_a_worker_killed_before_it_wrote_the_attempt_is_replaced_and_the_sms_sent_once(
    gateway: FakeGateway, workers: Workers
) -> None:
    # given: a queued OTP whose row the worker will find locked
    message = _queue()
    lock = RowLock(message)
    first = workers.start("worker-a")
    workers.wait_for("the worker to claim the task and wait", _a_worker_waits_on_a_lock)

    # when: the worker is killed there, and one with the same id starts again
    workers.kill(first)
    lock.release()
    message.refresh_from_db()
    assert (message.status, message.attempts) == (SmsMessage.Status.QUEUED, 0)
    assert _task_of(message).status == "RUNNING"  # what the killed worker left: stuck for good
    workers.start("worker-a")

    # then: taken back at the start, sent exactly once, with the whole text
    workers.wait_for("the SMS to be settled", _settled(message))
    assert message.status == SmsMessage.Status.SENT, workers.output()
    assert message.attempts == 1
    assert gateway.keys_taken() == [f"{message.uuid}-1"]
    assert OTP_CODE in gateway.taken[0]["content"]
    assert OTP_CODE not in message.text
    task = _task_of(message)
    assert task.status == "SUCCESSFUL"
    assert task.worker_ids == ["worker-a", "worker-a"]


def _killed_while_the_gateway_holds_it(
    gateway: FakeGateway, workers: Workers, decision: str
) -> subprocess.Popen[bytes]:
    """Start a worker that the gateway, holding its request, has killed; then the gateway takes
    the request or drops it as if it never arrived."""
    gateway.hold = 1
    gateway.decide(decision)
    worker = workers.start("worker-a")
    gateway.on_hold = lambda: workers.kill(worker)
    workers.wait_for("the send to reach the gateway", gateway.arrived.is_set)
    return worker


def test_a_send_the_gateway_took_while_its_worker_died_is_not_sent_again(
    gateway: FakeGateway, workers: Workers
) -> None:
    # given: a queued OTP
    message = _queue()

    # when: the worker dies while the gateway holds the request, which the gateway then takes
    _killed_while_the_gateway_holds_it(gateway, workers, "take")
    message.refresh_from_db()
    # the attempt was written down before the send, and the stored text has no code meanwhile
    assert (message.status, message.attempts) == (SmsMessage.Status.SENDING, 1)
    assert OTP_CODE not in message.text
    workers.start("worker-b")

    # then: the new worker asks the gateway instead of sending again
    workers.wait_for("the SMS to be settled", _settled(message))
    assert message.status == SmsMessage.Status.SENT, workers.output()
    assert message.attempts == 1
    assert message.gateway_reference == "MSGID-4242"
    assert len(gateway.posts) == 1
    assert gateway.keys_taken() == [f"{message.uuid}-1"]
    assert gateway.status_queries == [f"{message.uuid}-1"]


def test_an_otp_the_gateway_never_got_is_failed_as_an_expired_secret(
    gateway: FakeGateway, workers: Workers
) -> None:
    # given
    message = _queue()

    # when: the worker dies and the request is lost on the way
    _killed_while_the_gateway_holds_it(gateway, workers, "drop")
    workers.start("worker-b")

    # then: the code, no longer kept, is not made up again: FAILED with the reason
    workers.wait_for("the SMS to be settled", _settled(message))
    assert message.status == SmsMessage.Status.FAILED, workers.output()
    assert message.failure == SmsMessage.Failure.SECRET_EXPIRED
    assert gateway.taken == []
    assert OTP_CODE not in message.text


def test_a_notice_the_gateway_never_got_is_sent_again_under_a_new_key(
    gateway: FakeGateway, workers: Workers
) -> None:
    # given: a message with no secret in it
    message = _queue(SmsKind.APPLICATION_SUBMITTED)

    # when
    _killed_while_the_gateway_holds_it(gateway, workers, "drop")
    workers.start("worker-b")

    # then: the gateway said it never had attempt 1, so attempt 2 is made, and taken once
    workers.wait_for("the SMS to be settled", _settled(message))
    assert message.status == SmsMessage.Status.SENT, workers.output()
    assert message.attempts == 2
    assert gateway.keys_taken() == [f"{message.uuid}-2"]
    assert "MP-2026-000042" in gateway.taken[0]["content"]


def test_a_worker_killed_after_the_gateway_answered_does_not_cause_a_second_send(
    gateway: FakeGateway, workers: Workers
) -> None:
    # given: as the gateway takes the send, the test locks the row the answer is written to
    message = _queue()
    locks: list[RowLock] = []
    gateway.hold = 1
    gateway.on_hold = lambda: locks.append(RowLock(message))
    gateway.decide("take")
    first = workers.start("worker-a")
    workers.wait_for("the gateway to answer", gateway.answered.is_set)
    workers.wait_for("the worker to wait to write the answer", _a_worker_waits_on_a_lock)

    # when: the worker dies with the answer in hand, unwritten
    workers.kill(first)
    locks[0].release()
    message.refresh_from_db()
    assert (message.status, message.attempts) == (SmsMessage.Status.SENDING, 1)
    workers.start("worker-b")

    # then
    workers.wait_for("the SMS to be settled", _settled(message))
    assert message.status == SmsMessage.Status.SENT, workers.output()
    assert len(gateway.posts) == 1
    assert gateway.keys_taken() == [f"{message.uuid}-1"]


def test_a_send_the_gateway_cannot_account_for_is_failed_with_the_reason(
    gateway: FakeGateway, workers: Workers
) -> None:
    # given: a gateway whose status address cannot say what it holds
    gateway.status_answer = "UNKNOWN"
    message = _queue(SmsKind.APPLICATION_SUBMITTED)

    # when
    _killed_while_the_gateway_holds_it(gateway, workers, "take")
    workers.start("worker-b")

    # then: not sent blindly a second time, and not left "sending": FAILED, saying why
    workers.wait_for("the SMS to be settled", _settled(message))
    assert message.status == SmsMessage.Status.FAILED, workers.output()
    assert message.failure == SmsMessage.Failure.UNCONFIRMED
    assert "UNKNOWN" in message.last_error
    assert len(gateway.posts) == 1
