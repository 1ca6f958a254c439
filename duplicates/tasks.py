from duplicates.services import deactivations_due_apply
from ops.tasks import task


@task()
def deactivations_apply() -> int:
    """The worker's form of ``manage.py deactivations_apply`` (idempotent, safe to repeat)."""
    return deactivations_due_apply()
