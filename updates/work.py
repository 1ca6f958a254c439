"""Change requests as a kind of work on the work list and the overdue page
(registration.accountability)."""

from django.utils.translation import gettext_lazy as _

from registration.accountability import WorkKind, WorkRow, choice_label, row_url
from updates.models import ChangeKind, ChangeRequest, ChangeStatus


def _row(change: ChangeRequest) -> WorkRow:
    return WorkRow(
        title=f"{change.number} · {choice_label(ChangeKind, change.kind)}",
        url=row_url("updates:change_detail", change.number),
        area=change.family.area.name,
        status=choice_label(ChangeStatus, change.status),
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
