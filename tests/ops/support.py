"""A task and views for the ops tests: a view that queues a task which logs, and one that
fails."""

import logging

from django.http import HttpRequest, HttpResponse
from django.urls import path

from core.authz import public
from ops.tasks import task
from samagra.urls import urlpatterns as portal_urlpatterns

logger = logging.getLogger("tests.ops")


@task()
def log_a_line(note: str) -> None:
    logger.warning("task says %s", note)


@public
def enqueue_view(request: HttpRequest) -> HttpResponse:
    log_a_line.enqueue("hello")
    return HttpResponse("queued")


@public
def boom_view(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("boom")


urlpatterns = [
    *portal_urlpatterns,
    path("ops-test/enqueue/", enqueue_view, name="ops_test_enqueue"),
    path("ops-test/boom/", boom_view, name="ops_test_boom"),
]
