"""The real worker (django-tasks-db's db_worker) picks a queued SMS from the database queue."""

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from sms.models import SmsKind, SmsMessage
from sms.services import sms_queue

BASE_DIR = Path(__file__).resolve().parents[2]


@pytest.fixture
def signal_handlers() -> Iterator[None]:
    """db_worker installs its own SIGINT/SIGTERM handlers; give the test process its own back."""
    saved = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    yield
    for sig, handler in saved.items():
        signal.signal(sig, handler)


def _queue_committed() -> SmsMessage:
    with transaction.atomic():
        message = sms_queue(
            kind=SmsKind.OTP,
            mobile="9826012345",
            language="hi",
            params={"purpose": "migration", "code": "482913", "minutes": "10"},
        )
    return message


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("db_task_queue", "signal_handlers")
def test_the_worker_delivers_a_queued_message(settings: Any) -> None:
    # given: a message queued and committed, which nothing has sent yet
    settings.SMS_GATEWAY = "outbox"
    message = _queue_committed()
    message.refresh_from_db()
    assert message.status == SmsMessage.Status.QUEUED

    # when: the worker processes everything outstanding
    call_command("db_worker", "--batch", "--queue-name", "*", "--no-startup-delay", verbosity=0)

    # then
    message.refresh_from_db()
    assert message.status == SmsMessage.Status.DELIVERED
    assert message.attempts == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("db_task_queue")
def test_the_worker_as_a_separate_process_delivers_a_queued_message(settings: Any) -> None:
    if connection.vendor == "sqlite":
        pytest.skip("another process cannot open the in-memory SQLite test database")
    # given
    settings.SMS_GATEWAY = "outbox"
    message = _queue_committed()
    message.refresh_from_db()
    assert message.status == SmsMessage.Status.QUEUED
    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": (
            f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:"
            f"{db['PORT'] or 5432}/{db['NAME']}"
        ),
        "SAMAGRA_DEBUG": "1",
        "SAMAGRA_TASK_BACKEND": "django_tasks_db.DatabaseBackend",
        "SAMAGRA_SMS_GATEWAY": "outbox",
    }

    # when
    finished = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--batch",
            "--queue-name",
            "*",
            "--no-startup-delay",
        ],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    # then
    assert finished.returncode == 0, finished.stderr
    message.refresh_from_db()
    assert message.status == SmsMessage.Status.DELIVERED
