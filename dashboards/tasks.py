from dashboards.compute import figures_compute_recent
from ops.tasks import task


@task()
def dashboards_compute(days: int = 1) -> int:
    """The worker's form of ``manage.py dashboards_compute --days N`` (idempotent)."""
    return figures_compute_recent(days=days)
