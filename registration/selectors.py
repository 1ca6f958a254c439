"""Reads of temporary registrations, always through the official's jurisdiction."""

from django.db.models import Prefetch, QuerySet

from officials import jurisdiction
from officials.models import Official
from registration.models import Application, ApplicationStatus, PossibleDuplicate


def applications_to_verify(official: Official) -> QuerySet[Application]:
    """Submitted applications of the official's jurisdiction, oldest first."""
    return (
        jurisdiction.scope(official, Application.objects.filter(status=ApplicationStatus.SUBMITTED))
        .select_related("area", "village", "holder", "created_by")
        .order_by("submitted_at", "pk")
    )


def application_for_official(official: Official, number: str) -> Application:
    duplicates = Prefetch(
        "possible_duplicates",
        PossibleDuplicate.objects.select_related("member__family", "pending__application"),
    )
    return jurisdiction.get_or_404(
        jurisdiction.scope(
            official,
            Application.objects.select_related(
                "area__local_body__district", "village", "holder", "created_by", "family"
            ),
        ).prefetch_related("members", duplicates),
        number=number,
    )
