from django.db import models

from geography.models import Area
from officials import jurisdiction
from officials.models import Official, Role


def officials_for_list(actor: Official) -> models.QuerySet[Official]:
    return (
        jurisdiction.manageable_officials(actor)
        .select_related("district", "local_body")
        .prefetch_related("areas")
        .order_by("name", "pk")
    )


def area_choices(actor: Official) -> models.QuerySet[Area]:
    return (
        jurisdiction.areas(actor)
        .select_related("local_body")
        .order_by("local_body__name_en", "name_en")
    )


def current_area(official: Official, session_value: object) -> Area | None:
    """The area a field official with several areas has picked to work in (None: all)."""
    if not session_value:
        return None
    return jurisdiction.areas(official).filter(pk=session_value).first()


def contacts_for_area(area: Area) -> models.QuerySet[Official]:
    """The active field officials of an area and the officers of its local body (public)."""
    serving = models.Q(areas=area) | models.Q(
        role=Role.LOCAL_BODY_OFFICER, local_body_id=area.local_body_id
    )
    return (
        Official.objects.filter(serving, is_active=True).distinct().order_by("-role", "name")[:50]
    )
