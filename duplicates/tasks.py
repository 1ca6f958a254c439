from django_tasks import task

from duplicates.services import deactivations_due_apply


@task()
def deactivations_apply() -> int:
    """The worker's form of ``manage.py deactivations_apply`` (idempotent, safe to repeat)."""
    return deactivations_due_apply()
