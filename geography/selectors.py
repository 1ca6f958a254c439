from collections.abc import Mapping
from dataclasses import dataclass
from typing import TypeVar

from django.db import models

from geography.models import Area, District, LocalBody

M = TypeVar("M", bound=models.Model)


@dataclass
class AreaPicker:
    """District → local body → area, chosen one step at a time (works without JavaScript)."""

    districts: models.QuerySet[District]
    district: District | None
    local_bodies: models.QuerySet[LocalBody] | None
    local_body: LocalBody | None
    areas: models.QuerySet[Area] | None
    area: Area | None


def _pick(qs: models.QuerySet[M], raw: object) -> M | None:
    value = str(raw or "")
    # isascii: int() would accept Devanagari digits, and an absurd length would overflow.
    if not (value.isascii() and value.isdigit()) or len(value) > 18:
        return None
    return qs.filter(pk=int(value)).first()


def area_picker(params: Mapping[str, str]) -> AreaPicker:
    districts = District.objects.order_by("name_en")
    district = _pick(districts, params.get("district"))
    local_bodies = local_body = areas = area = None
    if district is not None:
        local_bodies = LocalBody.objects.filter(district=district).order_by("name_en")
        local_body = _pick(local_bodies, params.get("local_body"))
    if local_body is not None:
        areas = Area.objects.filter(local_body=local_body).order_by("name_en")
        area = _pick(areas, params.get("area"))
    return AreaPicker(districts, district, local_bodies, local_body, areas, area)
