"""Migration requests as a kind of work on the work list and the overdue page
(registration.accountability)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from migration.models import MigrationRequest, MigrationStatus
from officials.models import Role
from registration.accountability import WorkKind, WorkRow


def _row(request: MigrationRequest) -> WorkRow:
    return WorkRow(
        title=f"{request.number} · {request.get_type_display()}",
        url=reverse("migration:review", args=[request.number]),
        area=request.to_area.name,
        status=request.get_status_display(),
        held_since=request.held_since,
    )


MIGRATION_REQUESTS = WorkKind(
    key="migration",
    label=_("Migration requests"),
    overdue_setting="MIGRATION_OVERDUE_DAYS",
    open_items=lambda: MigrationRequest.objects.filter(
        status=MigrationStatus.PENDING
    ).select_related("to_area"),
    row=_row,
    # Decided by a field official of the destination area or the officer of its local body.
    holder_roles=lambda request: (Role.FIELD_OFFICIAL, Role.LOCAL_BODY_OFFICER),
)
