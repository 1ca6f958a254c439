from django.db import models

from geography.models import Area
from officials import jurisdiction
from officials.models import Official
from registry.models import Family


def families_for_list(official: Official, area: Area | None = None) -> models.QuerySet[Family]:
    qs = jurisdiction.scope(official, Family.objects.all())
    if area is not None:
        qs = qs.filter(area=area)
    head = models.Prefetch("members")
    return qs.select_related("area", "village").prefetch_related(head).order_by("family_id")


def family_for_official(official: Official, family_id: str) -> Family:
    return jurisdiction.get_or_404(
        jurisdiction.scope(
            official, Family.objects.select_related("area__local_body__district", "village")
        ),
        family_id=family_id,
    )
