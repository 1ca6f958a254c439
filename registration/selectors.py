"""Reads of temporary registrations, always through the official's jurisdiction."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, QuerySet

from audit.models import AuditEvent
from core.validators import normalize_indian_mobile
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


@dataclass(frozen=True)
class PublicStatus:
    """All the public status page may tell: no names, no address."""

    number: str
    status: str
    status_label: str
    reason: str


def application_status_for(number: str, mobile: str) -> PublicStatus | None:
    """The status of a filed application, if ``mobile`` is one given in it; None otherwise
    (whether the number or the mobile is wrong is not told)."""
    try:
        mobile = normalize_indian_mobile(mobile)
    except ValidationError:
        return None
    application = (
        Application.objects.filter(number=" ".join(number.split()).upper(), members__mobile=mobile)
        .exclude(status=ApplicationStatus.DRAFT)
        .first()
    )
    if application is None:
        return None
    shows_reason = application.status in (ApplicationStatus.REJECTED, ApplicationStatus.RETURNED)
    return PublicStatus(
        number=application.number,
        status=application.status,
        status_label=application.get_status_display(),
        reason=application.decision_reason if shows_reason else "",
    )
