"""Reads of temporary registrations, always through the official's jurisdiction."""

from django.db.models import Count, Prefetch, QuerySet

from audit.models import AuditEvent
from officials import jurisdiction
from officials.models import Official
from registration.models import (
    Application,
    ApplicationDocument,
    ApplicationMember,
    ApplicationStatus,
    PossibleDuplicate,
)


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


def application_page(official: Official, number: str) -> Application:
    """An application with everything its page shows: members, and each possible duplicate
    with the applicant and the registered or pending person beside them."""
    duplicates = Prefetch(
        "possible_duplicates",
        PossibleDuplicate.objects.select_related(
            "applicant",
            "member__family__area",
            "member__family__village",
            "pending__application__area",
            "pending__application__village",
            "decided_by",
        ),
    )
    return jurisdiction.get_or_404(
        jurisdiction.scope(
            official,
            Application.objects.select_related(
                "area__local_body__district", "village", "holder", "created_by", "decided_by"
            ).select_related("family"),
        ).prefetch_related(
            Prefetch("members", ApplicationMember.objects.select_related("member")),
            duplicates,
            Prefetch("documents", ApplicationDocument.objects.select_related("document")),
        ),
        number=number,
    )


def applications_queue(official: Official) -> QuerySet[Application]:
    """The verification queue: applications_to_verify with what each row shows."""
    return (
        applications_to_verify(official)
        .prefetch_related("members")
        .annotate(member_count=Count("members"))
    )


def application_events(application: Application, limit: int = 200) -> list[AuditEvent]:
    """The application's history, oldest first (bounded: an application has few events)."""
    events = AuditEvent.objects.filter(
        subject_type=Application._meta.label, subject_id=str(application.pk)
    ).select_related("actor")
    return list(events.order_by("created_at", "id")[:limit])
