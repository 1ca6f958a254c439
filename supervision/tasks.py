from ops.replicas import replica_reads
from ops.tasks import task
from supervision.services import list_export_write, list_exports_expire


@task()
def list_export_write_task(export_id: int) -> str:
    """Write a queued supervisor's list (supervision.services.list_export_write); its rows may
    come from the read replica (ops.replicas), its progress is written to the primary."""
    with replica_reads():
        return list_export_write(export_id=export_id)


@task()
def list_exports_expire_task() -> int:
    """The worker's form of ``manage.py list_exports_expire`` (idempotent)."""
    return list_exports_expire()
