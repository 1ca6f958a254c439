"""Accountability (circular ¶4): each official's work list, and supervisors' overdue page."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from core.authz import officials_only
from officials.models import Official, Role
from ops.replicas import replica_reads_on_get
from registration.accountability import overdue_for, work_held_by

SUPERVISORS = (Role.LOCAL_BODY_OFFICER, Role.DISTRICT_OFFICER, Role.STATE_ADMIN)


@officials_only()
@replica_reads_on_get
def work_list_view(request: HttpRequest) -> HttpResponse:
    official: Official = request.user  # type: ignore[assignment]
    return render(request, "registration/work_list.html", {"held": work_held_by(official)})


@officials_only(*SUPERVISORS)
@replica_reads_on_get
def overdue_view(request: HttpRequest) -> HttpResponse:
    official: Official = request.user  # type: ignore[assignment]
    return render(request, "registration/overdue.html", {"overdue": overdue_for(official)})
