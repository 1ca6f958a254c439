"""A task queued while a request is served logs under that request's id, in the request (the
immediate backend, as tests run tasks) and in the worker (the database queue)."""

import importlib
import signal
from collections.abc import Iterator
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command
from django.test import Client
from django_tasks.base import Task
from django_tasks_db.models import DBTaskResult

from ops import request_id
from ops.tasks import REQUEST_ID_KWARG, TracedTask
from tests.ops.conftest import JsonConsole

RID = "req-task-0123456789"


def _task_lines(console: JsonConsole) -> list[dict[str, Any]]:
    return [line for line in console.lines() if line["message"] == "task says hello"]


@pytest.mark.django_db
@pytest.mark.urls("tests.ops.support")
def test_a_task_run_at_once_logs_under_the_request_id(json_console: JsonConsole) -> None:
    response = Client().get("/ops-test/enqueue/", HTTP_X_REQUEST_ID=RID)

    assert response.status_code == 200
    (line,) = _task_lines(json_console)
    assert line["request_id"] == RID


@pytest.fixture
def signal_handlers() -> Iterator[None]:
    """db_worker installs its own SIGINT/SIGTERM handlers; give the test process its own back."""
    saved = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    yield
    for sig, handler in saved.items():
        signal.signal(sig, handler)


@pytest.mark.django_db(transaction=True)
@pytest.mark.urls("tests.ops.support")
@pytest.mark.usefixtures("signal_handlers")
def test_the_worker_logs_a_queued_task_under_the_request_id(
    settings: Any, json_console: JsonConsole
) -> None:
    # given: the task queued in the database by a request
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "sms"]}
    }
    Client().get("/ops-test/enqueue/", HTTP_X_REQUEST_ID=RID)
    (queued,) = DBTaskResult.objects.all()
    assert queued.args_kwargs["kwargs"] == {REQUEST_ID_KWARG: RID}
    assert _task_lines(json_console) == []
    assert request_id.current() is None

    # when: the worker runs it, outside any request
    call_command("db_worker", "--batch", "--queue-name", "*", "--no-startup-delay", verbosity=0)

    # then
    (line,) = _task_lines(json_console)
    assert line["request_id"] == RID
    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL"
    assert request_id.current() is None


@pytest.mark.django_db
def test_a_task_queued_outside_a_request_has_no_extra_argument(settings: Any) -> None:
    from tests.ops.support import log_a_line

    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    result = log_a_line.enqueue("plain")
    assert DBTaskResult.objects.get(id=result.id).args_kwargs["kwargs"] == {}


def test_every_task_of_the_portal_carries_the_request_id() -> None:
    """A task declared with django_tasks.task instead of ops.tasks.task would lose the id."""
    plain = []
    for config in apps.get_app_configs():
        try:
            module = importlib.import_module(f"{config.name}.tasks")
        except ModuleNotFoundError:
            continue
        for name, value in vars(module).items():
            if isinstance(value, Task) and not isinstance(value, TracedTask):
                plain.append(f"{config.name}.tasks.{name}")
    assert plain == []
