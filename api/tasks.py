from api.exports import export_write, exports_expire
from ops.replicas import replica_reads
from ops.tasks import task


@task()
def api_export_write(export_id: int) -> str:
    """Write a queued eligibility list (api.exports.export_write); its rows may come from the
    read replica (ops.replicas), its progress and read log are written to the primary."""
    with replica_reads():
        return export_write(export_id=export_id)


@task()
def api_exports_expire() -> int:
    """The worker's form of ``manage.py api_exports_expire`` (idempotent, safe to repeat)."""
    return exports_expire()
