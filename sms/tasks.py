from datetime import datetime

from django.db import transaction
from django_tasks_db.backend import DatabaseBackend

from ops.tasks import task
from sms.delivery import sms_deliver_attempt


@task(queue_name="sms")
def sms_deliver(message_id: int) -> str:
    """Hand one message to the gateway, or settle the attempt a dead worker left; a failed send
    is tried again later, with growing gaps (sms/delivery.py)."""
    return sms_deliver_attempt(message_id=message_id, run_again_at=_run_again_at)


def sms_deliver_enqueue(message_id: int, *, run_after: datetime | None = None) -> None:
    """Queue the delivery of a message from inside the transaction that wrote it.

    The database queue is in the same database: its task row is written in that transaction, so
    the message and its task are kept together or not at all (after the commit, a process killed
    before its on_commit callback ran would leave a message that no worker ever sends). Any other
    backend may run the task at once or elsewhere, so it gets the task once the transaction
    commits.
    """
    deliver = sms_deliver if run_after is None else sms_deliver.using(run_after=run_after)
    if isinstance(deliver.get_backend(), DatabaseBackend):
        deliver.enqueue(message_id)
    else:
        transaction.on_commit(lambda: deliver.enqueue(message_id))


def _run_again_at(message_id: int, when: datetime) -> None:
    sms_deliver_enqueue(message_id, run_after=when)
