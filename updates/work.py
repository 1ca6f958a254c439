"""Change requests as a kind of work on the work list and the overdue page
(registration.accountability)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from registration.accountability import WorkKind, WorkRow
from updates.models import ChangeRequest, ChangeStatus


def _row(change: ChangeRequest) -> WorkRow:
    return WorkRow(
        title=f"{change.number} · {change.get_kind_display()}",
        url=reverse("updates:change_detail", args=[change.number]),
        area=change.family.area.name,
        status=change.get_status_display(),
        held_since=change.held_since,
    )


CHANGE_REQUESTS = WorkKind(
    key="change_request",
    label=_("Change requests"),
    overdue_setting="OVERDUE_DAYS_CHANGE",
    open_items=lambda: ChangeRequest.objects.filter(status=ChangeStatus.PENDING).select_related(
        "family__area"
    ),
    row=_row,
)
