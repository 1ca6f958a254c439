from django_tasks import task

from grievances.services import grievances_escalate


@task()
def grievances_escalate_task() -> int:
    """The worker's form of ``manage.py grievances_escalate`` (idempotent, safe to repeat)."""
    return grievances_escalate()
