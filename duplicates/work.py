"""Objected duplicate cases and reported duplicates as a kind of work on the work list and the
overdue page (registration.accountability): the family has objected, or someone has reported two
Member IDs as one person, and the officer has to decide."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from duplicates.models import CaseStatus, DuplicateCase
from registration.accountability import WorkKind, WorkRow


def _row(case: DuplicateCase) -> WorkRow:
    return WorkRow(
        title=f"{case} · {case.member.member_id}"
        + (f" = {case.other.member_id}" if case.other else ""),
        url=reverse("duplicates:case_detail", args=[case.pk]),
        area=case.area.name,
        status=case.get_status_display(),
        held_since=case.held_since,
    )


DUPLICATE_CASES = WorkKind(
    key="duplicate_case",
    label=_("Duplicate cases"),
    overdue_setting="OVERDUE_DAYS_DUPLICATE",
    open_items=lambda: DuplicateCase.objects.filter(
        status__in=[CaseStatus.OBJECTED, CaseStatus.REPORTED]
    ).select_related("area", "member", "other"),
    row=_row,
)
