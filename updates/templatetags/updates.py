from django import template
from django.db.models import QuerySet

from officials.models import Official
from registry.models import Family
from updates.models import ChangeRequest
from updates.selectors import change_requests_of_family

register = template.Library()
SHOWN = 10


@register.simple_tag
def recent_change_requests(official: Official, family: Family) -> QuerySet[ChangeRequest]:
    """The family's latest change requests, for the family page (scoped like every read)."""
    # Only what the table shows: two joins fewer to plan, on the register's most read page
    # (PostgreSQL spent 4-10 ms planning the nine-table query for a one-row answer).
    requests = change_requests_of_family(official, family.pk).select_related(None)
    return requests.select_related("member", "holder")[:SHOWN]
