"""Reads of duplicate cases, always through the official's jurisdiction."""

from django.db.models import Prefetch, Q, QuerySet

from duplicates.models import CaseKind, CaseStatus, DuplicateCase, Objection
from officials import jurisdiction
from officials.models import Official
from registry.models import Member, MemberStatus

OPEN = [CaseStatus.NOTICE, CaseStatus.OBJECTED, CaseStatus.REPORTED]
REPORTABLE = [MemberStatus.ACTIVE, MemberStatus.TO_BE_DEACTIVATED]
CASE_RELATED = (
    "area__local_body",
    "member__family",
    "survivor__family",
    "other__family",
    "holder",
    "created_by",
)


def open_cases(official: Official) -> QuerySet[DuplicateCase]:
    """Cases still running in the official's jurisdiction (a notice, an objection, a report),
    oldest first: the local body officer's work, and what supervisors watch."""
    return (
        jurisdiction.scope(official, DuplicateCase.objects.filter(status__in=OPEN))
        .select_related(*CASE_RELATED)
        .order_by("held_since", "pk")
    )


def recent_cases(official: Official) -> QuerySet[DuplicateCase]:
    return (
        jurisdiction.scope(official, DuplicateCase.objects.exclude(status__in=OPEN))
        .select_related(*CASE_RELATED)
        .order_by("-created_at", "-pk")
    )


def case_for_official(official: Official, pk: int) -> DuplicateCase:
    objections = Prefetch("objections", queryset=Objection.objects.select_related("recorded_by"))
    return jurisdiction.get_or_404(
        jurisdiction.scope(
            official, DuplicateCase.objects.select_related(*CASE_RELATED, "cluster", "outcome")
        ).prefetch_related(objections),
        pk=pk,
    )


def member_for_official(official: Official, member_id: str) -> Member:
    return jurisdiction.get_or_404(
        jurisdiction.scope(
            official,
            Member.objects.select_related("family__area__local_body__district", "merged_into"),
        ),
        member_id=member_id,
    )


def cases_of_member(member: Member) -> QuerySet[DuplicateCase]:
    """Every case about the member: as the retired/deactivated one, the survivor, or either
    member of a report."""
    return (
        DuplicateCase.objects.filter(Q(member=member) | Q(survivor=member) | Q(other=member))
        .select_related("member", "survivor", "other")
        .order_by("-created_at", "-pk")
    )


def open_case_of_citizen(family_id: str, pk: int) -> DuplicateCase | None:
    """A deactivation case of the citizen's own family, for their objection (else None)."""
    return (
        DuplicateCase.objects.select_related("member__family")
        .filter(pk=pk, member__family__family_id=family_id)
        .first()
    )


def cases_of_family(family_id: str) -> QuerySet[DuplicateCase]:
    """Deactivation cases of a family's members (the citizen's family page)."""
    return (
        DuplicateCase.objects.filter(
            member__family__family_id=family_id, kind=CaseKind.DEACTIVATE, status__in=OPEN
        )
        .select_related("member")
        .order_by("pk")
    )


def family_members_to_report(family_id: str) -> QuerySet[Member]:
    """The members of the citizen's family that may be reported (not retired, not inactive)."""
    return (
        Member.objects.filter(family__family_id=family_id, status__in=REPORTABLE)
        .select_related("family__area__local_body")
        .order_by("pk")
    )
