"""Reads of change requests, always through the official's jurisdiction, or (the family's own
pages) through the citizen's family."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Count, Min, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext

from identity.actors import Citizen
from officials import jurisdiction
from officials.models import Official, Role
from updates.models import ChangeRequest, ChangeStatus

LIST_RELATED = ("family__area", "member", "created_by", "holder")


def _seen(official: Official, requests: QuerySet[ChangeRequest]) -> QuerySet[ChangeRequest]:
    """Requests of the official's jurisdiction by their family, or by the other family a change
    of shape touches (the family a member left, in another local body): that side reads it;
    deciding stays with the family's local body (updates.services)."""
    return jurisdiction.scope(official, requests) | jurisdiction.scope(
        official, requests, path="other_family__area"
    )


def change_requests_to_verify(official: Official) -> QuerySet[ChangeRequest]:
    """Pending change requests of the official's jurisdiction, oldest first."""
    return (
        jurisdiction.scope(official, ChangeRequest.objects.filter(status=ChangeStatus.PENDING))
        .select_related(*LIST_RELATED)
        .order_by("held_since", "pk")
    )


def change_requests_of_family(official: Official, family_pk: int) -> QuerySet[ChangeRequest]:
    of_family = Q(family_id=family_pk) | Q(other_family_id=family_pk)
    return (
        _seen(official, ChangeRequest.objects.filter(of_family))
        .select_related("member", "created_by", "holder", "decided_by")
        .order_by("-created_at", "-pk")
    )


def change_request_for_official(official: Official, number: str) -> ChangeRequest:
    return jurisdiction.get_or_404(
        _seen(official, ChangeRequest.objects.all())
        .select_related(
            "family__area__local_body__district",
            "family__village",
            "other_family__area__local_body",
            "member__mother",
            "created_by",
            "holder",
            "decided_by",
            "new_member",
        )
        .prefetch_related("documents"),
        number=number,
    )


def change_requests_held_by(official: Official) -> QuerySet[ChangeRequest]:
    """What waits for this official's decision, oldest first (their work list)."""
    return (
        jurisdiction.scope(
            official, ChangeRequest.objects.filter(status=ChangeStatus.PENDING, holder=official)
        )
        .select_related(*LIST_RELATED)
        .order_by("held_since", "pk")
    )


def overdue_change_requests(official: Official, days: int | None = None) -> QuerySet[ChangeRequest]:
    """Pending requests held longer than ``days`` (SAMAGRA_OVERDUE_DAYS_CHANGE) in what the
    official supervises (a local body, a district, the state; field officials supervise none)."""
    limit = timezone.now() - timedelta(days=settings.OVERDUE_DAYS_CHANGE if days is None else days)
    return (
        jurisdiction.scope_supervised(
            official,
            ChangeRequest.objects.filter(status=ChangeStatus.PENDING, held_since__lt=limit),
            local_body_path="family__area__local_body",
            district_path="family__area__local_body__district",
        )
        .select_related(*LIST_RELATED)
        .order_by("held_since", "pk")
    )


def overdue_change_requests_per_official(
    official: Official, days: int | None = None
) -> QuerySet[ChangeRequest, dict[str, object]]:
    """Overdue requests counted per holder: holder id, name, user ID, count, oldest."""
    return (
        overdue_change_requests(official, days)
        .order_by()
        .values("holder", "holder__name", "holder__user_id")
        .annotate(count=Count("pk"), oldest=Min("held_since"))
        .order_by("oldest")
    )


def overdue_change_requests_per_area(
    official: Official, days: int | None = None
) -> QuerySet[ChangeRequest, dict[str, object]]:
    """Overdue requests counted per Gram Panchayat or ward."""
    return (
        overdue_change_requests(official, days)
        .order_by()
        .values("family__area", "family__area__name_en", "family__area__name_hi")
        .annotate(count=Count("pk"), oldest=Min("held_since"))
        .order_by("oldest")
    )


def change_requests_of_citizen(citizen: Citizen) -> QuerySet[ChangeRequest]:
    """The requests about the citizen's own family, newest first, whoever started them."""
    return (
        ChangeRequest.objects.filter(family__family_id=citizen.family_id)
        .select_related("family__area__local_body__district", "member", "holder", "created_by")
        .order_by("-created_at", "-pk")
    )


def change_request_for_citizen(citizen: Citizen, number: str) -> ChangeRequest:
    """One request of the citizen's own family; Http404 for any other number, so that the
    answer is the same for a number of another family and one that does not exist."""
    found = (
        change_requests_of_citizen(citizen)
        .select_related("family__village", "member__mother", "new_member")
        .filter(number=number)
        .first()
    )
    if found is None:
        raise Http404
    return found


def holder_office(change: ChangeRequest) -> str:
    """Who holds it, as the family sees it: the designation and the place, never a name or a
    mobile. Needs the holder and the family's area, local body and district."""
    if not change.is_pending:
        return gettext("Nobody: the request is decided")
    holder = change.holder
    area = change.family.area
    if holder is None:
        return gettext("The local body officer of %(place)s (no officer in place yet)") % {
            "place": area.local_body.name
        }
    places: dict[str, str] = {
        Role.FIELD_OFFICIAL: area.name,
        Role.LOCAL_BODY_OFFICER: area.local_body.name,
        Role.DISTRICT_OFFICER: area.local_body.district.name,
    }
    place = places.get(holder.role)
    return (
        f"{holder.get_designation_display()}, {place}"
        if place
        else holder.get_designation_display()
    )
