"""The web process killed (SIGKILL) in the middle of an approval leaves nothing half-saved: the
register is as before the approval, and the approval, made again, goes through whole.

The approval runs in a process of its own against the PostgreSQL test database. The test holds a
lock on the SMS table, so the approval's last write (its SMS to the family) waits there with the
family, its members, the application's new status and the audit rows written but not committed;
the process is killed at that moment. No hook in the code is needed.
"""

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import psycopg
import pytest
from django.db import connection
from django_tasks_db.models import DBTaskResult

from audit.models import AuditEvent
from registration.models import Application, ApplicationStatus
from registration.verification import application_approve
from registry.models import Family, Member
from sms.models import SmsMessage
from tests.conftest import World
from tests.registration.builders import submitted

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the approval runs in another process: it needs the PostgreSQL test database",
    ),
    pytest.mark.django_db(transaction=True),
]

T = TypeVar("T")
BASE_DIR = Path(__file__).resolve().parents[2]
WAIT = 60.0
APPROVE = (
    "from officials.models import Official\n"
    "from registration.models import Application\n"
    "from registration.verification import application_approve\n"
    "application_approve(actor=Official.objects.get(pk={actor}),"
    " application=Application.objects.get(pk={application}))\n"
)


def _database_url() -> str:
    db = connection.settings_dict
    return (
        f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}"
    )


def _query(sql: str, params: list[object] | None = None) -> list[tuple[object, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


def _backend_waiting_on_a_lock() -> int | None:
    rows = _query(
        "SELECT pid FROM pg_stat_activity "
        "WHERE datname = current_database() AND wait_event_type = 'Lock'"
    )
    return int(str(rows[0][0])) if rows else None


def _tables_written_by(pid: int) -> set[str]:
    rows = _query(
        "SELECT relation::regclass::text FROM pg_locks "
        "WHERE pid = %s AND locktype = 'relation' AND mode = 'RowExclusiveLock'",
        [pid],
    )
    return {str(row[0]) for row in rows}


def _wait_for(what: str, condition: Callable[[], T]) -> T:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    pytest.fail(f"waited {WAIT} s for {what}")


def test_an_approval_killed_before_its_commit_leaves_the_register_as_it_was(
    world: World, tmp_path: Path
) -> None:
    # given: a submitted application, and the SMS table locked by the test
    application = submitted(world.alice, world.a1)
    families_before = Family.objects.count()
    members_before = Member.objects.count()
    events_before = AuditEvent.objects.count()
    sms_before = SmsMessage.objects.count()
    tasks_before = DBTaskResult.objects.count()
    blocker = psycopg.connect(_database_url())
    blocker.execute("LOCK TABLE sms_smsmessage IN EXCLUSIVE MODE")
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "SAMAGRA_DEBUG": "1",
        "SAMAGRA_TASK_BACKEND": "django_tasks_db.DatabaseBackend",
        "SAMAGRA_SMS_GATEWAY": "outbox",
    }
    script = APPROVE.format(actor=world.carol.pk, application=application.pk)
    with (tmp_path / "approve.log").open("wb") as log:
        approval = subprocess.Popen(  # noqa: S603 (a fixed argument list)
            [sys.executable, "manage.py", "shell", "--no-startup", "-c", script],
            cwd=BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        pid = _wait_for("the approval to wait for its SMS", _backend_waiting_on_a_lock)
        # the approval's other writes are made, inside its transaction
        written = _tables_written_by(pid)
        for model in (Family, Member, Application, AuditEvent):
            assert model._meta.db_table in written, (
                written,
                (tmp_path / "approve.log").read_text(),
            )

        # when: the web process dies there
        os.killpg(approval.pid, signal.SIGKILL)
        approval.wait(timeout=WAIT)
    finally:
        if approval.poll() is None:
            os.killpg(approval.pid, signal.SIGKILL)
        blocker.rollback()
        blocker.close()
    _wait_for(
        "the server to end the dead process's transaction",
        lambda: not _query("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [pid]),
    )

    # then: nothing of the approval was kept
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.family_id is None
    assert Family.objects.count() == families_before
    assert Member.objects.count() == members_before
    assert AuditEvent.objects.count() == events_before
    assert not AuditEvent.objects.filter(event_type="application.approved").exists()
    assert SmsMessage.objects.count() == sms_before
    assert DBTaskResult.objects.count() == tasks_before

    # and: the approval made again goes through whole
    family = application_approve(actor=world.carol, application=application)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED
    assert application.family == family
    assert family.members.count() == 3
    assert AuditEvent.objects.filter(event_type="application.approved").count() == 1
    assert SmsMessage.objects.count() == sms_before + 1
