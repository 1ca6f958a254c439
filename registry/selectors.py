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
