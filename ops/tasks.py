"""Background tasks that carry the request id to the worker.

Every task of the portal is declared with ``ops.tasks.task`` instead of ``django_tasks.task``
(tests/ops/test_task_request_id.py fails for one that is not). A task queued while a request is
served gets the request's id as one more keyword argument, stored with the task's arguments in
the queue's table; the worker takes it off before calling the function and logs the task's lines
under it, and a task the task queues in turn (an SMS retry) carries it on.
"""

from collections.abc import Callable
from typing import Any, TypeVar

from django_tasks.base import (
    DEFAULT_TASK_BACKEND_ALIAS,
    DEFAULT_TASK_PRIORITY,
    DEFAULT_TASK_QUEUE_NAME,
    Task,
    TaskResult,
)
from typing_extensions import ParamSpec

from ops import request_id

P = ParamSpec("P")
T = TypeVar("T")

# Reserved: no task of the portal has a parameter of this name.
REQUEST_ID_KWARG = "_request_id"


class TracedTask(Task[P, T]):
    __slots__ = ()

    def enqueue(self, *args: P.args, **kwargs: P.kwargs) -> TaskResult[T]:
        return self.get_backend().enqueue(self, args, _with_request_id(kwargs))

    async def aenqueue(self, *args: P.args, **kwargs: P.kwargs) -> TaskResult[T]:
        return await self.get_backend().aenqueue(self, args, _with_request_id(kwargs))

    def call(self, *args: P.args, **kwargs: P.kwargs) -> T:
        queued_by = kwargs.pop(REQUEST_ID_KWARG, None)
        with request_id.bound(queued_by if isinstance(queued_by, str) else None):
            return super().call(*args, **kwargs)

    async def acall(self, *args: P.args, **kwargs: P.kwargs) -> T:
        queued_by = kwargs.pop(REQUEST_ID_KWARG, None)
        with request_id.bound(queued_by if isinstance(queued_by, str) else None):
            return await super().acall(*args, **kwargs)


def _with_request_id(kwargs: dict[str, Any]) -> Any:
    current = request_id.current()
    return {**kwargs, REQUEST_ID_KWARG: current} if current else kwargs


def task(
    *,
    priority: int = DEFAULT_TASK_PRIORITY,
    queue_name: str = DEFAULT_TASK_QUEUE_NAME,
    backend: str = DEFAULT_TASK_BACKEND_ALIAS,
) -> Callable[[Callable[P, T]], TracedTask[P, T]]:
    """``django_tasks.task`` (as ``@task()`` or ``@task(queue_name=...)``) for a task that
    carries the request id."""

    def decorator(func: Callable[P, T]) -> TracedTask[P, T]:
        return TracedTask(func=func, priority=priority, queue_name=queue_name, backend=backend)

    return decorator
