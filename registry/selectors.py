from django.db import models

from audit.models import AuditEvent
from geography.models import Area
from officials import jurisdiction
from officials.models import Official
from registry.models import Family, Member


def families_for_list(official: Official, area: Area | None = None) -> models.QuerySet[Family]:
    qs = jurisdiction.scope(official, Family.objects.all())
    if area is not None:
        qs = qs.filter(area=area)
    head = models.Prefetch("members")
    return qs.select_related("area", "village").prefetch_related(head).order_by("family_id")


def family_for_official(official: Official, family_id: str) -> Family:
    return jurisdiction.get_or_404(
        jurisdiction.scope(
            official,
            Family.objects.select_related(
                "area__local_body__district", "village", "application__created_by"
            ),
        ),
        family_id=family_id,
    )


# What the family page shows (registry/family_detail.html and its parts), and nothing more: the
# page is the register's most read one, and each column the ORM need not select, compile and
# turn into an attribute is time off every view. A field left out here and used by the page
# costs a query a view: tests/registration_views/test_family_page.py counts them.
FAMILY_PAGE_FIELDS = (
    "family_id",
    "house_number",
    "locality",
    "pin_code",
    "registered_at",
    "area__name_en",
    "area__name_hi",
    "area__local_body__name_en",
    "area__local_body__name_hi",
    "area__local_body__district__name_en",
    "area__local_body__district__name_hi",
    "village__name_en",
    "village__name_hi",
    "application__number",
    "application__created_by__name",
)
MEMBER_PAGE_FIELDS = (
    "member_id",
    "family_id",
    "name_hi",
    "name_en",
    "relation",
    "gender",
    "date_of_birth",
    "is_deceased",
    "date_of_death",
    "ekyc__id",
)


def family_page(official: Official, family_id: str) -> tuple[Family, list[Member]]:
    """The family for its page, within the official's jurisdiction (else 404), and its members
    with whether each has done e-KYC: two queries, only the columns the page shows."""
    family = jurisdiction.get_or_404(
        jurisdiction.scope(
            official,
            Family.objects.select_related(
                "area__local_body__district", "village", "application__created_by"
            ).only(*FAMILY_PAGE_FIELDS),
        ),
        family_id=family_id,
    )
    members = list(
        Member.objects.filter(family=family)
        .select_related("ekyc")
        .only(*MEMBER_PAGE_FIELDS)
        .order_by("pk")
    )
    return family, members


def has_living_head(members: list[Member]) -> bool:
    """Whether a living member heads the family (after the head's death, until another member's
    relation is corrected to head, none does)."""
    return any(m.is_head and not m.is_deceased for m in members)


def family_events(
    family: Family, members: list[Member] | None = None
) -> models.QuerySet[AuditEvent]:
    """The family's full history, newest first: its own events, its members' and those of the
    application it came from (one indexed query on subject; pages bound what is read). Pass the
    members when the page has read them already."""
    if members is None:
        members = list(family.members.only("pk"))
    subjects = models.Q(subject_type=Family._meta.label, subject_id=str(family.pk)) | models.Q(
        subject_type=Member._meta.label, subject_id__in=[str(m.pk) for m in members]
    )
    application = getattr(family, "application", None)
    if application is not None:
        subjects |= models.Q(subject_type=application._meta.label, subject_id=str(application.pk))
    return AuditEvent.objects.filter(subjects).order_by("-created_at", "-id")
