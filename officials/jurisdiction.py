"""The one place that decides what an official may see and touch.

Every queryset an official's page shows is narrowed here. A field official's jurisdiction is
their areas, a local body officer's their local body, a district officer's their district and a
state admin's the whole state. Records reach their area through an ``area`` lookup path given by
the caller's model (``JURISDICTION_AREA_PATH``, default ``"area"``).
"""

from typing import TypeVar

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db import models
from django.http import Http404

from geography.models import Area, District, LocalBody
from officials.models import Official, Role

M = TypeVar("M", bound=models.Model)


def _area_filter(official: Official, path: str) -> models.Q | None:
    """The filter on ``path`` (a lookup to an Area) for the official; None means no limit."""
    prefix = f"{path}__" if path else ""
    pk = f"{path}__in" if path else "pk__in"
    match official.role:
        case Role.STATE_ADMIN:
            return None
        case Role.DISTRICT_OFFICER:
            return models.Q(**{f"{prefix}local_body__district_id": official.district_id})
        case Role.LOCAL_BODY_OFFICER:
            return models.Q(**{f"{prefix}local_body_id": official.local_body_id})
        case Role.FIELD_OFFICIAL:
            return models.Q(**{pk: official.areas.values("pk")})
    return models.Q(pk__in=[])


def scope(
    official: Official, queryset: models.QuerySet[M], *, path: str | None = None
) -> models.QuerySet[M]:
    """Narrow a queryset of area-bound records to the official's jurisdiction. ``path`` names
    another lookup to an Area than the model's own (a migration's source area, ``from_area``)."""
    if not official.is_active:
        return queryset.none()
    if path is None:
        path = getattr(queryset.model, "JURISDICTION_AREA_PATH", "area")
    condition = _area_filter(official, path)
    return queryset if condition is None else queryset.filter(condition)


def areas(official: Official) -> models.QuerySet[Area]:
    return scope(official, Area.objects.all())


def local_bodies(official: Official) -> models.QuerySet[LocalBody]:
    qs = LocalBody.objects.select_related("district")
    match official.role:
        case Role.STATE_ADMIN:
            return qs
        case Role.DISTRICT_OFFICER:
            return qs.filter(district_id=official.district_id)
        case _:
            return qs.filter(pk=official.local_body_id)


def districts(official: Official) -> models.QuerySet[District]:
    if official.role == Role.STATE_ADMIN:
        return District.objects.all()
    return District.objects.filter(pk=official.district_id)


def manageable_officials(official: Official) -> models.QuerySet[Official]:
    """Officials this official may register, change, deactivate and reset.

    A local body officer manages the field officials of their local body, a district officer the
    local body officers of their district, a state admin everyone but themselves.
    """
    qs = Official.objects.exclude(pk=official.pk)
    if not official.is_active:
        return qs.none()
    match official.role:
        case Role.STATE_ADMIN:
            return qs
        case Role.DISTRICT_OFFICER:
            return qs.filter(role=Role.LOCAL_BODY_OFFICER, district_id=official.district_id)
        case Role.LOCAL_BODY_OFFICER:
            return qs.filter(role=Role.FIELD_OFFICIAL, local_body_id=official.local_body_id)
    return qs.none()


MANAGEABLE_ROLES: dict[str, list[str]] = {
    Role.STATE_ADMIN: [
        Role.STATE_ADMIN,
        Role.DISTRICT_OFFICER,
        Role.LOCAL_BODY_OFFICER,
        Role.FIELD_OFFICIAL,
    ],
    Role.DISTRICT_OFFICER: [Role.LOCAL_BODY_OFFICER],
    Role.LOCAL_BODY_OFFICER: [Role.FIELD_OFFICIAL],
}


def manageable_roles(official: Official) -> list[str]:
    if not official.is_active:
        return []
    return MANAGEABLE_ROLES.get(official.role, [])


def get_or_404(queryset: models.QuerySet[M], **lookup: object) -> M:
    """Fetch one record from an already scoped queryset; outside it is simply not found."""
    try:
        return queryset.get(**lookup)
    except ObjectDoesNotExist:
        raise Http404 from None


def require(condition: bool) -> None:
    if not condition:
        raise PermissionDenied


def scope_supervised(
    official: Official,
    queryset: models.QuerySet[M],
    *,
    local_body_path: str = "local_body",
    district_path: str = "district",
) -> models.QuerySet[M]:
    """Narrow records kept per local body or district (audit events, SMS) to a supervisor's
    jurisdiction. Field officials supervise nobody and read none."""
    if not official.is_active:
        return queryset.none()
    match official.role:
        case Role.STATE_ADMIN:
            return queryset
        case Role.DISTRICT_OFFICER:
            return queryset.filter(**{f"{district_path}_id": official.district_id})
        case Role.LOCAL_BODY_OFFICER:
            return queryset.filter(**{f"{local_body_path}_id": official.local_body_id})
    return queryset.none()
