"""Open grievances as a kind of work on the work list and the overdue page
(registration.accountability)."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from grievances import rules
from grievances.models import OPEN_STATUSES, Grievance
from registration.accountability import WorkKind, WorkRow


@dataclass(frozen=True)
class GrievanceWork(WorkKind):
    """A grievance is overdue once its own deadline (by category and level, SAMAGRA_GRIEVANCE_DAYS)
    has passed; the overdue page's "more than N days" names the shortest of them."""

    @property
    def overdue_days(self) -> int:
        return rules.shortest_days()

    def overdue(self, now: datetime) -> Q:
        return Q(deadline_at__lt=now)


def _row(grievance: Grievance) -> WorkRow:
    return WorkRow(
        title=f"{grievance.number} · {grievance.get_category_display()}",
        url=reverse("grievances:detail", args=[grievance.number]),
        area=grievance.family.area.name,
        status=grievance.get_status_display(),
        held_since=grievance.held_since,
    )


GRIEVANCES = GrievanceWork(
    key="grievance",
    label=_("Grievances"),
    overdue_setting="GRIEVANCE_DAYS",
    open_items=lambda: Grievance.objects.filter(status__in=OPEN_STATUSES).select_related(
        "family__area"
    ),
    row=_row,
    escalated_by_itself=True,
)
