from grievances.services import grievances_accept_unanswered, grievances_escalate
from ops.tasks import task


@task()
def grievances_escalate_task() -> int:
    """The worker's form of ``manage.py grievances_escalate`` (idempotent, safe to repeat): the
    grievances moved up a level and the closures accepted on the family's behalf, together."""
    return grievances_escalate() + grievances_accept_unanswered()
